using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Data;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// A planner edits the city's 107 map over the API (issue 6 §4): KPI definitions, owners, targets,
/// action plans, objectives and settings. A stale edit is refused naming who changed it; the
/// 修改紀錄 tells the change in words; every change is audited with the planner's e-mail.
/// </summary>
[Collection(ServersCollection.Name)]
public class EditingScenarios(Servers servers)
{
    const string Map = "/api/maps/臺北市政府/107";

    static HttpRequestMessage Put(string url, object body, string? etag) =>
        new(HttpMethod.Put, url) { Content = JsonContent.Create(body), Headers = { { "If-Match", etag ?? "*" } } };

    /// <summary>AC1.1 as GET gives it, as the body of a PUT, with one change.</summary>
    static async Task<(JsonObject Body, string ETag)> Ac11Async(HttpClient client)
    {
        var response = await client.GetAsync(Map + "/kpis/AC1.1");
        await Ok(response);
        var body = (await Json(response)).AsObject();
        foreach (var key in new[] { "version", "targets", "warnings" }) body.Remove(key);
        return (body, response.Headers.ETag!.Tag);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Two_planners_edit_the_same_KPI_and_the_second_is_told_who_changed_it(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var admin = await server.SignInAsync("admin@example.org");

        var (first, etag) = await Ac11Async(rdec);
        var (second, _) = await Ac11Async(admin);

        first["unit"] = "微克/立方公尺";
        await Ok(await rdec.SendAsync(Put(Map + "/kpis/AC1.1", first, etag)));

        second["name"] = "另一個名稱";
        var stale = await admin.SendAsync(Put(Map + "/kpis/AC1.1", second, etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await Json(stale);
        Assert.Equal("rdec@example.org", problem["changedBy"]!.GetValue<string>());
        Assert.Contains("單位", problem["detail"]!.GetValue<string>());
        Assert.Contains("微克/立方公尺", problem["detail"]!.GetValue<string>());

        // Nothing of the stale edit was saved; the first one was, and the history says so in words.
        var (now, _) = await Ac11Async(rdec);
        Assert.Equal("微克/立方公尺", now["unit"]!.GetValue<string>());
        Assert.NotEqual("另一個名稱", now["name"]!.GetValue<string>());
        var history = (await Json(await rdec.GetAsync(Map + "/kpis/AC1.1/history"))).AsArray();
        var latest = history[0]!;
        Assert.Equal("rdec@example.org", latest["actor"]!.GetValue<string>());
        Assert.Contains(latest["changes"]!.AsArray(), c => c!.GetValue<string>().StartsWith("修改KPI AC1.1：單位「") && c.GetValue<string>().EndsWith("→「微克/立方公尺」"));
    }

    [Fact]
    public async Task New_owners_are_resolved_so_that_their_reporters_may_enter_the_KPI()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var udd = await server.SignInAsync("udd@example.org");
        await Ok(await rdec.PostAsJsonAsync(Map + "/periods/107/Q3/open", new { deadline = "2018-10-15", confirm = true }));
        Assert.Equal(HttpStatusCode.Forbidden, (await udd.PutAsJsonAsync(Map + "/kpis/AC1.1/values/107/Q3/actual", new { value = 1 })).StatusCode);

        var (body, etag) = await Ac11Async(rdec);
        body["owners"] = new JsonArray("環保局", "都發局");
        await Ok(await rdec.SendAsync(Put(Map + "/kpis/AC1.1", body, etag)));
        await Ok(await udd.PutAsJsonAsync(Map + "/kpis/AC1.1/values/107/Q3/actual", new { value = 1, confirm = true }));   // 1 against a target of 51: confirmed

        // A name that is no organisation is refused, naming the field; nothing changes.
        (body, etag) = await Ac11Async(rdec);
        body["owners"] = new JsonArray("火星局");
        var refused = await rdec.SendAsync(Put(Map + "/kpis/AC1.1", body, etag));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await Json(refused);
        Assert.Equal("owners", problem["field"]!.GetValue<string>());
        Assert.Contains("火星局", problem["detail"]!.GetValue<string>());
        Assert.Equal(2, (await Ac11Async(rdec)).Body["owners"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_planner_builds_an_objective_with_a_KPI_targets_and_a_plan_then_takes_it_down_again()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var anonymous = server.CreateClient();

        var objective = await rdec.PostAsJsonAsync(Map + "/objectives", new { code = "AC9", theme = "A", perspective = "P", name = "資源循環", keySuccessFactor = "源頭減量" });
        await Ok(objective);
        Assert.Contains((await Json(objective))["warnings"]!.AsArray(), w => w!["message"]!.GetValue<string>().Contains("構面字母"));   // AC9 says C, the objective is P
        await Ok(await rdec.PostAsJsonAsync(Map + "/links", new { from = "AC9", to = "AC1" }));
        var kpi = await rdec.PostAsJsonAsync(Map + "/kpis", new
        {
            code = "AC9.1", objective = "AC9", name = "資源回收率", unit = "%", direction = "higher", owners = new[] { "環保局" },
            frequency = "quarterly", aggregation = "pointInTime",
        });
        await Ok(kpi);
        await Ok(await rdec.PutAsJsonAsync(Map + "/kpis/AC9.1/targets/107/Y", new { value = 60 }));
        await Ok(await rdec.PostAsJsonAsync(Map + "/kpis/AC9.1/plans", new
        {
            code = "AC9.1.1", name = "垃圾強制分類", owners = new[] { "環保局" }, weight = 100,
            budgets = new[] { new { rocYear = 107, amount = 1200000 }, new { rocYear = 108, amount = 1500000 } },
            tasks = new[] { new { name = "宣導", group = (string?)null, months = new[] { 1, 2, 3 } } },
        }));

        // Everyone sees the new KPI on the map, with its target and plan.
        var exported = JsonNode.Parse(await anonymous.GetStringAsync(Map))!;
        var ac91 = exported["kpis"]!.AsArray().Single(k => k!["code"]!.GetValue<string>() == "AC9.1")!;
        Assert.Contains(ac91["values"]!.AsArray(), v => v!["kind"]!.GetValue<string>() == "target" && v["value"]!.GetValue<decimal>() == 60);
        var plan = exported["actionPlans"]!.AsArray().Single(a => a!["code"]!.GetValue<string>() == "AC9.1.1")!;
        Assert.Equal(2, plan["budgets"]!.AsArray().Count);

        // The objective cannot go while its KPI is there; the KPI takes its plan, values and owners with it.
        var refused = await rdec.DeleteAsync(Map + "/objectives/AC9");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("AC9.1", (await Json(refused))["detail"]!.GetValue<string>());
        await Ok(await rdec.DeleteAsync(Map + "/kpis/AC9.1"));
        await Ok(await rdec.DeleteAsync(Map + "/objectives/AC9"));
        exported = JsonNode.Parse(await anonymous.GetStringAsync(Map))!;
        Assert.DoesNotContain(exported["kpis"]!.AsArray(), k => k!["code"]!.GetValue<string>() == "AC9.1");
        Assert.DoesNotContain(exported["links"]?.AsArray() ?? [], l => l!["from"]!.GetValue<string>() == "AC9");

        // The map's history tells it, newest first, with the planner's name.
        var history = (await Json(await rdec.GetAsync(Map + "/history"))).AsArray();
        var lines = history.SelectMany(h => h!["changes"]!.AsArray().Select(c => c!.GetValue<string>())).ToList();
        Assert.Contains(lines, l => l.StartsWith("刪除策略目標 AC9"));
        Assert.Contains(lines, l => l.StartsWith("新增行動方案 AC9.1.1") && l.Contains("名稱「垃圾強制分類」"));
        // Kinds, periods and directions in words, as stored rows hold them (not as enum numbers).
        Assert.Contains(lines, l => l.StartsWith("新增數值 107 年全年目標值："));
        Assert.Contains(lines, l => l.StartsWith("刪除KPI AC9.1：") || l.StartsWith("新增KPI AC9.1："));
        Assert.DoesNotContain(lines, l => l.Contains("方向「1」") || l.Contains("種類「0」") || l.Contains("期別「0」"));
        Assert.All(history.Take(6), h => Assert.Equal("rdec@example.org", h!["actor"]!.GetValue<string>()));
        // The demo import is one save of thousands of rows: summed up, with true counts.
        var kpiRows = exported["kpis"]!.AsArray().Sum(k => 1 + (k!["subValues"]?.AsArray().Count ?? 0));
        var import = history.Last()!;
        Assert.Equal("system", import["actor"]!.GetValue<string>());
        Assert.Contains($"新增KPI {kpiRows} 筆", import["counts"]!.AsArray().Select(c => c!.GetValue<string>()));
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
        Assert.Equal(0, await db.ActionPlanBudgets.CountAsync(b => b.Amount == 1200000));
    }

    [Fact]
    public async Task Settings_change_the_achievement_rule_and_a_stale_settings_edit_is_refused()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        var current = await rdec.GetAsync(Map + "/settings");
        await Ok(current);
        var etag = current.Headers.ETag!.Tag;
        var body = new { achievementRules = new[] { new { theme = (string?)null, kpi = (string?)null, lowerIsBetter = "targetOverActual", noCap = true, cap = (decimal?)null, rounding = "halfUp", decimals = 1 } } };
        await Ok(await rdec.SendAsync(Put(Map + "/settings", body, etag)));
        var stale = await rdec.SendAsync(Put(Map + "/settings", body, etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("rdec@example.org", (await Json(stale))["changedBy"]!.GetValue<string>());   // the rules it replaced are gone; the map's audit still names who
        var saved = await Json(await rdec.GetAsync(Map + "/settings"));
        var rule = Assert.Single(saved["achievementRules"]!.AsArray())!;
        Assert.True(rule["noCap"]!.GetValue<bool>());

        var bad = await rdec.SendAsync(Put(Map + "/settings", new { achievementRules = new[] { new { kpi = "ZZ9.9" } } }, null));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("ZZ9.9", (await Json(bad))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_KPI_split_into_parts_lets_each_part_owner_enter_their_part()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var udd = await server.SignInAsync("udd@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        await Ok(await rdec.PostAsJsonAsync(Map + "/kpis/AC1.1/parts", new { code = "AC1.1", name = "環保局分項", owners = new[] { "環保局" }, weight = 50 }));
        var second = await rdec.PostAsJsonAsync(Map + "/kpis/AC1.1/parts", new { code = "AC1.1", name = "都發局分項", owners = new[] { "都發局" }, weight = 40 });
        await Ok(second);
        Assert.Contains((await Json(await rdec.GetAsync(Map + "/kpis/AC1.1")))["warnings"]!.AsArray(), w => w!["message"]!.GetValue<string>().Contains("90%"));

        await Ok(await rdec.PostAsJsonAsync(Map + "/periods/107/Q3/open", new { deadline = "2018-10-15", confirm = true }));
        Assert.Equal(HttpStatusCode.Conflict, (await epb.PutAsJsonAsync(Map + "/kpis/AC1.1/values/107/Q3/actual", new { value = 1 })).StatusCode);   // the KPI is computed from its parts
        Assert.Equal(HttpStatusCode.Forbidden, (await udd.PutAsJsonAsync(Map + "/kpis/AC1.1/values/107/Q3/actual?part=1", new { value = 1 })).StatusCode);
        await Ok(await udd.PutAsJsonAsync(Map + "/kpis/AC1.1/values/107/Q3/actual?part=2", new { value = 1, confirm = true }));

        await Ok(await rdec.DeleteAsync(Map + "/kpis/AC1.1/parts/2"));
        Assert.Equal(HttpStatusCode.NotFound, (await rdec.GetAsync(Map + "/kpis/AC1.1?part=2")).StatusCode);
    }

    [Fact]
    public async Task A_link_the_planner_adds_is_drawn_as_an_arrow_on_the_map()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var anonymous = server.CreateClient();
        var before = await anonymous.GetAsync(Map + "/map.svg");
        Assert.Equal("image/svg+xml", before.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("data-link=\"AL1→AP1\"", await before.Content.ReadAsStringAsync());

        await Ok(await rdec.PostAsJsonAsync(Map + "/links", new { from = "AL1", to = "AP1" }));
        var after = await anonymous.GetStringAsync(Map + "/map.svg");
        Assert.Contains("data-link=\"AL1→AP1\"", after);
        Assert.Contains("data-objective=\"HF4\"", after);   // the last theme's objectives are drawn too
        Assert.Contains("map.svg", await anonymous.GetStringAsync("/maps/臺北市政府/107"));   // shown on the map page
    }
}
