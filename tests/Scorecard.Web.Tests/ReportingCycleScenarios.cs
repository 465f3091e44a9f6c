using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Data;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// The quarterly cycle of issue 6 through the API, as the planning office and two agencies do it:
/// open → enter → submit → return → fix → approve → publish, on SQLite and on PostgreSQL.
/// </summary>
[Collection(ServersCollection.Name)]
public class ReportingCycleScenarios(Servers servers)
{
    const string Map = "/api/maps/臺北市政府/107";
    const string AC11 = Map + "/kpis/AC1.1/values/107/Q2";

    static async Task<JsonArray> ActualsOfAc11(HttpClient client)
    {
        var map = JsonNode.Parse(await client.GetStringAsync(Map))!;
        var kpi = map["kpis"]!.AsArray().First(k => k!["code"]!.GetValue<string>() == "AC1.1")!;
        return new JsonArray(kpi["values"]!.AsArray().Where(v => v!["kind"]!.GetValue<string>() == "actual" && v["period"]!.GetValue<string>() == "Q2").Select(v => v!.DeepClone()).ToArray());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_quarter_goes_from_entry_to_publication_and_only_then_reaches_the_public(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        using var udd = await server.SignInAsync("udd@example.org");
        using var mayor = await server.SignInAsync("mayor@example.org");
        using var anonymous = server.CreateClient();
        var start = DateTime.UtcNow;

        await Ok(await rdec.PostAsJsonAsync(Map + "/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));

        // 環保局 owns AC1.1; 都發局 does not. A first entry made only if nobody has made one (If-None-Match: *):
        // of two reporters doing so at once, the second is refused and changes nothing.
        HttpRequestMessage FirstEntry(decimal value, string narrative)
        {
            var put = new HttpRequestMessage(HttpMethod.Put, AC11 + "/actual") { Content = JsonContent.Create(new { value, narrative }) };
            put.Headers.IfNoneMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Any);
            return put;
        }
        var saved = await epb.SendAsync(FirstEntry(45.2m, "推動空污減量，空品改善。"));
        await Ok(saved);
        Assert.Equal("draft", (await Json(saved))["state"]!.GetValue<string>());
        var second = await epb.SendAsync(FirstEntry(44m, "另一位同仁"));
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Contains("實際值 45.2", (await Json(second))["detail"]!.GetValue<string>());
        Assert.Equal(45.2m, (await Json(await epb.GetAsync(AC11 + "/actual")))["value"]!.GetValue<decimal>());
        var denied = await udd.PutAsJsonAsync(AC11 + "/actual", new { value = 99 });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("環保局", (await Json(denied))["detail"]!.GetValue<string>());

        await Ok(await epb.PostAsync(AC11 + "/submit", null));

        // Signed out: nothing of Q2. Leadership: the submission, with its state.
        Assert.Empty(await ActualsOfAc11(anonymous));
        var seen = Assert.Single(await ActualsOfAc11(mayor));
        Assert.Equal("submitted", seen!["state"]!.GetValue<string>());
        Assert.Equal(45.2m, seen["value"]!.GetValue<decimal>());

        await Ok(await rdec.PostAsJsonAsync(AC11 + "/return", new { comment = "請註明資料來源。" }));
        var returned = await epb.GetAsync(AC11 + "/actual");
        var returnedBody = await Json(returned);
        Assert.Equal("returned", returnedBody["state"]!.GetValue<string>());
        Assert.Equal("請註明資料來源。", returnedBody["reviewComment"]!.GetValue<string>());
        var etag = returned.Headers.ETag!.Tag;

        // The fix is based on the version the reporter saw; a second edit based on the old one is refused whole.
        var fix = new HttpRequestMessage(HttpMethod.Put, AC11 + "/actual") { Content = JsonContent.Create(new { value = 45.3, note = "資料來源：環保署空品監測網" }) };
        fix.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        await Ok(await epb.SendAsync(fix));
        var stale = new HttpRequestMessage(HttpMethod.Put, AC11 + "/actual") { Content = JsonContent.Create(new { value = 1 }) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        var staleResponse = await epb.SendAsync(stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleResponse.StatusCode);
        Assert.Equal("epb@example.org", (await Json(staleResponse))["changedBy"]!.GetValue<string>());
        Assert.Equal(45.3m, (await Json(await epb.GetAsync(AC11 + "/actual")))["value"]!.GetValue<decimal>());

        await Ok(await epb.PostAsync(AC11 + "/submit", null));
        Assert.Equal(HttpStatusCode.Forbidden, (await epb.PostAsync(AC11 + "/approve", null)).StatusCode);
        await Ok(await rdec.PostAsync(AC11 + "/approve", null));
        Assert.Empty(await ActualsOfAc11(anonymous));
        var published = await Json(await rdec.PostAsync(Map + "/periods/107/Q2/publish", Confirmed()));
        Assert.Equal(1, published["published"]!.GetValue<int>());

        var publicValue = Assert.Single(await ActualsOfAc11(anonymous));
        Assert.Equal(45.3m, publicValue!["value"]!.GetValue<decimal>());
        Assert.Null(publicValue["state"]);
        Assert.Contains("45.3", await anonymous.GetStringAsync("/maps/臺北市政府/107/kpis/AC1.1"));

        // The audit trail names the real people.
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
        var actors = await db.AuditEntries.Where(a => a.At >= start && a.Entity != "ScorecardUser").Select(a => a.Actor).Distinct().ToListAsync();
        Assert.Equal(["epb@example.org", "rdec@example.org"], actors.Order().ToList());
        // Each step of the entry is in the map's and the KPI's 修改紀錄, though a step reads the KPI from the map kept for everybody.
        var cityMap = await db.Maps.SingleAsync(m => m.Year == 2018 && m.Organisation.Name == "臺北市政府");
        var ac11 = await db.Kpis.SingleAsync(k => k.MapId == cityMap.Id && k.Code == "AC1.1" && k.ParentId == null);
        var steps = await db.AuditEntries.Where(a => a.At >= start && a.Entity == "Submission").ToListAsync();
        Assert.True(steps.Count >= 6, $"{steps.Count} steps audited");   // save, submit, return, fix, submit, approve, publish
        Assert.All(steps, a => Assert.Equal((ac11.MapId, ac11.Id), (a.MapId!.Value, a.KpiId!.Value)));
    }

    /// <summary>
    /// 修改紀錄 is kept between requests while its trail is as long as it was; a draft, which does not move
    /// the content stamp, lengthens the trail, and is on the planner's pages and in the API's history at once.
    /// </summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_draft_saved_is_in_the_history_on_the_next_request(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        await Ok(await rdec.PostAsJsonAsync(Map + "/periods/107/Q3/open", new { deadline = "2018-10-15", confirm = true }));
        const string kpiPage = "/maps/臺北市政府/107/kpis/AC1.1", mapPage = "/maps/臺北市政府/107";
        async Task<int> DraftsInHistory() => (await Json(await rdec.GetAsync(Map + "/kpis/AC1.1/history"))).AsArray().Count(h => h!["actor"]!.GetValue<string>() == "epb@example.org");
        // Read once before, so that each history is kept.
        Assert.Equal(0, await DraftsInHistory());
        Assert.DoesNotContain("epb@example.org", await rdec.GetStringAsync(kpiPage));
        Assert.DoesNotContain("epb@example.org", await rdec.GetStringAsync(mapPage));

        await Ok(await epb.PutAsJsonAsync(Map + "/kpis/AC1.1/values/107/Q3/actual", new { value = 44.4 }));
        Assert.Equal(1, await DraftsInHistory());
        Assert.Contains("epb@example.org", await rdec.GetStringAsync(kpiPage));
        Assert.Contains("epb@example.org", await rdec.GetStringAsync(mapPage));
        await Ok(await epb.PutAsJsonAsync(Map + "/kpis/AC1.1/values/107/Q3/actual", new { value = 44.5 }));
        Assert.Equal(2, await DraftsInHistory());
    }

    /// <summary>
    /// The KPI page's 填報中 table is kept while the KPI's audit trail is as long as it was: a part's entry,
    /// entered, changed and submitted by its own agency, shows as it stands on the planner's next request.
    /// </summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_parts_entry_shows_on_the_kpi_page_as_it_stands_on_the_next_request(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var udd = await server.SignInAsync("udd@example.org");
        await Ok(await rdec.PostAsJsonAsync(Map + "/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));
        const string kpiPage = "/maps/臺北市政府/107/kpis/BC3.1", part = Map + "/kpis/BC3.1/values/107/Q2";
        async Task<string?> Entry()
        {
            var page = await rdec.GetStringAsync(kpiPage);
            var at = page.IndexOf("<table class=\"submissions\">", StringComparison.Ordinal);
            return at < 0 ? null : page[at..page.IndexOf("</table>", at, StringComparison.Ordinal)];
        }
        Assert.Null(await Entry());   // read once before, so that the page's reads are kept

        await Ok(await udd.PutAsJsonAsync(part + "/actual?part=2", new { value = 12 }));
        var draft = await Entry();
        Assert.Contains("<tr data-state=\"draft\">", draft);
        Assert.Contains("<td>12</td>", draft);
        await Ok(await udd.PutAsJsonAsync(part + "/actual?part=2", new { value = 13 }));
        Assert.Contains("<td>13</td>", await Entry());
        await Ok(await udd.PostAsync(part + "/submit?part=2", null));
        var submitted = await Entry();
        Assert.Contains("<tr data-state=\"submitted\">", submitted);
        Assert.DoesNotContain("data-state=\"draft\"", submitted);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_missed_year_end_figure_is_refused_without_situation_analysis_and_countermeasures(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        const string year = Map + "/kpis/AC1.1/values/107/Y";
        await Ok(await rdec.PostAsJsonAsync(Map + "/periods/107/Y/open", new { deadline = "2019-01-31", confirm = true }));

        await Ok(await epb.PutAsJsonAsync(year + "/actual", new { value = 40 }));   // target 51: not achieved
        var refused = await epb.PostAsync(year + "/submit", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await Json(refused);
        Assert.Equal("analysis", problem["field"]!.GetValue<string>());
        Assert.Equal("本年度未達標，送出前須填寫狀況分析及對策。", problem["detail"]!.GetValue<string>());   // both named in one refusal
        Assert.Equal("draft", (await Json(await epb.GetAsync(year + "/actual")))["state"]!.GetValue<string>());

        await Ok(await epb.PutAsJsonAsync(year + "/actual", new { value = 40, analysis = "境外污染移入日數增加。", countermeasure = "加強營建工地稽查。" }));
        await Ok(await epb.PostAsync(year + "/submit", null));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Steps_out_of_turn_are_refused_in_words_and_change_nothing(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");

        var nothingEntered = await rdec.PostAsync(AC11 + "/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, nothingEntered.StatusCode);
        Assert.Contains("尚未填報", (await Json(nothingEntered))["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await rdec.PostAsJsonAsync(AC11 + "/return", new { comment = "?" })).StatusCode);

        var notOpen = await epb.PutAsJsonAsync(AC11 + "/actual", new { value = 45 });
        Assert.Equal(HttpStatusCode.Conflict, notOpen.StatusCode);
        Assert.Contains("未開放", (await Json(notOpen))["detail"]!.GetValue<string>());

        await Ok(await rdec.PostAsJsonAsync(Map + "/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));
        var badValue = await epb.PutAsJsonAsync(AC11 + "/actual", new { value = "四十五" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badValue.StatusCode);
        Assert.Equal("value", (await Json(badValue))["field"]!.GetValue<string>());
        var badStatus = await epb.PutAsJsonAsync(AC11 + "/actual", new { status = "差不多" });
        Assert.Equal("status", (await Json(badStatus))["field"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await epb.GetAsync(AC11 + "/actual")).StatusCode);

        var status = await epb.PutAsJsonAsync(AC11 + "/actual", new { status = "尚無法統計" });
        await Ok(status);
        Assert.Equal(HttpStatusCode.Conflict, (await rdec.PostAsync(AC11 + "/approve", null)).StatusCode);   // not submitted yet
        Assert.Equal(HttpStatusCode.NotFound, (await epb.PutAsJsonAsync(Map + "/kpis/ZZ9.9/values/107/Q2/actual", new { value = 1 })).StatusCode);
        var reopen = await rdec.PostAsJsonAsync(Map + "/periods/107/Q2/reopen", new { reason = "補登" });
        Assert.Equal(HttpStatusCode.Conflict, reopen.StatusCode);   // not published

        await Ok(await rdec.PostAsync(Map + "/periods/107/Q2/publish", Confirmed()));
        var noReason = await rdec.PostAsJsonAsync(Map + "/periods/107/Q2/reopen", new { reason = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        var reopened = await Json(await rdec.PostAsJsonAsync(Map + "/periods/107/Q2/reopen", new { reason = "環保局更正資料" }));
        Assert.Equal("open", reopened["state"]!.GetValue<string>());
        Assert.Equal("環保局更正資料", reopened["reopenReason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_composite_kpi_takes_each_part_from_its_own_agency(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        using var udd = await server.SignInAsync("udd@example.org");
        await Ok(await rdec.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));

        // BC4.1 is 交通局 50% + 捷運公司 50%: neither part is 都發局's. BC3.1's three parts are 都發局's.
        Assert.Equal(HttpStatusCode.Forbidden, (await udd.PutAsJsonAsync(Map + "/kpis/BC4.1/values/107/Q2/actual?part=1", new { value = 1 })).StatusCode);
        await Ok(await udd.PutAsJsonAsync(Map + "/kpis/BC3.1/values/107/Q2/actual?part=2", new { value = 12 }));
        var whole = await udd.PutAsJsonAsync(Map + "/kpis/BC3.1/values/107/Q2/actual", new { value = 12 });
        Assert.Equal(HttpStatusCode.Conflict, whole.StatusCode);
        Assert.Contains("分項", (await Json(whole))["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await udd.PutAsJsonAsync(Map + "/kpis/BC3.1/values/107/Q2/actual?part=4", new { value = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await epb.PutAsJsonAsync(Map + "/kpis/BC3.1/values/107/Q2/actual?part=1", new { value = 1 })).StatusCode);
    }

    [Fact]
    public async Task The_todo_list_shows_a_reporter_what_to_fill_and_a_planner_what_to_review()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        await Ok(await rdec.PostAsJsonAsync(Map + "/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));

        var before = await Json(await epb.GetAsync("/api/todo"));
        var toEnter = before["toEnter"]!.AsArray();
        Assert.Contains(toEnter, t => t!["kpi"]!.GetValue<string>() == "AC1.1");
        Assert.DoesNotContain(toEnter, t => t!["kpi"]!.GetValue<string>() == "BC3.1");   // 都發局's
        Assert.All(toEnter, t => Assert.True(t!["overdue"]!.GetValue<bool>()));          // 2018-07-15 has passed

        await Ok(await epb.PutAsJsonAsync(AC11 + "/actual", new { value = 45 }));
        await Ok(await epb.PostAsync(AC11 + "/submit", null));
        var after = await Json(await epb.GetAsync("/api/todo"));
        Assert.DoesNotContain(after["toEnter"]!.AsArray(), t => t!["kpi"]!.GetValue<string>() == "AC1.1");
        var review = (await Json(await rdec.GetAsync("/api/todo")))["toReview"]!.AsArray();
        var item = Assert.Single(review);
        Assert.Equal("AC1.1", item!["kpi"]!.GetValue<string>());
        Assert.Equal("epb@example.org", item["submittedBy"]!.GetValue<string>());
    }
}
