using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Composite KPIs get their inputs in the cycle (issue 6 §3, PRODUCT rule 6): 環保局 enters each
/// action plan's progress for AC2.3 (weights 20/30/40/10), 都發局 ticks BP3.2's milestones, and
/// the KPI's figure is computed from them — through publication to the public map.
/// </summary>
[Collection(ServersCollection.Name)]
public class CompositeEntryScenarios(Servers servers)
{
    const string Map = "/api/maps/臺北市政府/107";

    static decimal? PublishedQ3(JsonNode map, string code) =>
        map["kpis"]!.AsArray().Single(k => k!["code"]!.GetValue<string>() == code)!["values"]!.AsArray()
            .FirstOrDefault(v => v!["kind"]!.GetValue<string>() == "actual" && v["period"]!.GetValue<string>() == "Q3" && v["year"]!.GetValue<int>() == 107)?["value"]?.GetValue<decimal>();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Plan_progress_and_milestones_make_the_figure_that_is_published(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        using var udd = await server.SignInAsync("udd@example.org");
        using var anonymous = server.CreateClient();
        await Ok(await rdec.PostAsJsonAsync(Map + "/periods/107/Q3/open", new { deadline = "2018-10-15", confirm = true }));

        // AC2.3 is computed from its plans: a number is refused, a missing plan is named.
        var number = await epb.PutAsJsonAsync(Map + "/kpis/AC2.3/values/107/Q3/actual", new { value = 70 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, number.StatusCode);
        Assert.Equal("value", (await Json(number))["field"]!.GetValue<string>());
        var missing = await epb.PutAsJsonAsync(Map + "/kpis/AC2.3/values/107/Q3/actual",
            new { planProgress = new Dictionary<string, decimal> { ["AC2.3.1"] = 100, ["AC2.3.2"] = 80, ["AC2.3.3"] = 50 } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Contains("AC2.3.4", (await Json(missing))["detail"]!.GetValue<string>());

        var plans = await epb.PutAsJsonAsync(Map + "/kpis/AC2.3/values/107/Q3/actual",
            new { planProgress = new Dictionary<string, decimal> { ["AC2.3.1"] = 100, ["AC2.3.2"] = 80, ["AC2.3.3"] = 50, ["AC2.3.4"] = 0 }, narrative = "北投廠改善工程進行中。" });
        await Ok(plans);
        Assert.Equal(64m, (await Json(plans))["value"]!.GetValue<decimal>());   // 20×100 + 30×80 + 40×50 + 10×0, ÷ 100

        // BP3.2 adds the points of the milestones done; an unknown milestone is named.
        var unknown = await udd.PutAsJsonAsync(Map + "/kpis/BP3.2/values/107/Q3/actual", new { milestones = new[] { "登陸月球" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("登陸月球", (await Json(unknown))["detail"]!.GetValue<string>());
        var steps = await udd.PutAsJsonAsync(Map + "/kpis/BP3.2/values/107/Q3/actual",
            new { milestones = new[] { "完成都市計畫公展", "完成都市計畫公告", "防洪計畫報核", "防洪計畫行政院核定" } });
        await Ok(steps);
        Assert.Equal(50m, (await Json(steps))["value"]!.GetValue<decimal>());
        Assert.Equal(4, (await Json(steps))["milestones"]!.AsArray().Count);

        foreach (var (client, code) in new[] { (epb, "AC2.3"), (udd, "BP3.2") })
        {
            await Ok(await client.PostAsync($"{Map}/kpis/{code}/values/107/Q3/submit", null));
            await Ok(await rdec.PostAsync($"{Map}/kpis/{code}/values/107/Q3/approve", null));
        }
        Assert.Null(PublishedQ3(JsonNode.Parse(await anonymous.GetStringAsync(Map))!, "AC2.3"));
        await Ok(await rdec.PostAsync(Map + "/periods/107/Q3/publish", Confirmed()));
        var published = JsonNode.Parse(await anonymous.GetStringAsync(Map))!;
        Assert.Equal(64m, PublishedQ3(published, "AC2.3"));
        Assert.Equal(50m, PublishedQ3(published, "BP3.2"));
    }
}
