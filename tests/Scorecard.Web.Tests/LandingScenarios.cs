using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Data;
using Scorecard.Domain.Kpis;
using Scorecard.Web.Infrastructure;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 34: where each role lands and what it finds there. The planner finds the period to open next on 我的待辦 and
/// on the map page, and watches it once open; the reporter and the viewer find their way on; the mayor lands on a
/// dashboard of the whole city. On SQLite and on PostgreSQL.
/// </summary>
[Collection(ServersCollection.Name)]
public partial class LandingScenarios(Servers servers)
{
    const string Map = "/api/maps/臺北市政府/107";
    static readonly string Q2Review = $"maps/{Uri.EscapeDataString("臺北市政府")}/107/review/107/Q2";
    static readonly string Q2Entry = $"maps/{Uri.EscapeDataString("臺北市政府")}/107/entry/107/Q2";

    /// <summary>The text of a page's part: from the element of the id to <paramref name="end"/>, tags dropped and spaces made one.</summary>
    static string Section(string html, string id, string end = "<h2") => Text(Raw(html, id, end));

    static string Raw(string html, string id, string end = "<h2")
    {
        var at = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"no #{id} on the page");
        at = html.IndexOf('>', at) + 1;
        var stop = html.IndexOf(end, at, StringComparison.Ordinal);
        return html[at..(stop < 0 ? html.Length : stop)];
    }

    /// <summary>As a reader sees it: a block ends a line, an inline element does not part its words.</summary>
    static string Text(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(InlineTags().Replace(BlockTags().Replace(html, " "), "")), " ").Trim();

    [GeneratedRegex("</?(p|li|ul|ol|h[1-6]|section|div|table|tr|td|th)\\b[^>]*>")] private static partial Regex BlockTags();
    [GeneratedRegex("<[^>]+>")] private static partial Regex InlineTags();
    [GeneratedRegex(@"\s+")] private static partial Regex Spaces();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_planner_finds_the_next_quarter_to_open_on_his_to_do_list_and_watches_it_once_open(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");

        // 107 has its Q1 published and nothing since: Q2 is next, due on the 15th of the month after it (107/07/15),
        // and its link goes to the review page, where it is opened.
        var before = await rdec.GetStringAsync("/todo");
        var toOpen = Section(before, "to-open");
        Assert.Contains("臺北市政府 107 年策略地圖｜107 年第 2 季 建議截止日 107/07/15", toOpen);
        Assert.Contains($"<li data-map=\"臺北市政府 107\"><a href=\"{Q2Review}\">", before);
        Assert.DoesNotContain("臺北市政府 108 年策略地圖", toOpen);   // its year is reported (theme D's 108 results)
        Assert.Contains("進行中的填報期間（0 項）", before);

        await Ok(await rdec.PostAsJsonAsync(Map + "/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));
        await Ok(await epb.PutAsJsonAsync(Map + "/kpis/AC1.1/values/107/Q2/actual", new { value = 45.2 }));
        await Ok(await epb.PostAsync(Map + "/kpis/AC1.1/values/107/Q2/submit", null));
        await Ok(await epb.PutAsJsonAsync(Map + "/kpis/AC1.2/values/107/Q2/actual", new { value = 18 }));

        int entries;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
            var map = await db.Maps.SingleAsync(m => m.Year == 2018 && m.Organisation.Name == "臺北市政府");
            var kpis = await db.Kpis.Where(k => k.MapId == map.Id).ToListAsync();
            entries = KpiOwner.Entries(kpis).Count;   // every KPI, or each part of a composite one
        }
        var after = await rdec.GetStringAsync("/todo");
        var underWay = Section(after, "under-way");
        Assert.Contains("進行中的填報期間（1 項）", underWay);
        Assert.Contains("臺北市政府 107 年策略地圖｜107 年第 2 季 填報中 截止日 107/07/15", underWay);
        Assert.Contains($"共 {entries} 項：已填 2（其中已送出 1、已核定 0、已退回 0）、未填 {entries - 2}", underWay);
        Assert.Contains($"<a href=\"{Q2Review}\">", Raw(after, "under-way"));
        // While Q2 runs, Q3 is not proposed; the city's other unfinished map still is.
        var nextNow = Section(after, "to-open");
        Assert.DoesNotContain("臺北市政府 107 年策略地圖", nextNow);
        Assert.Contains("臺北市政府 109 年策略地圖｜109 年第 1 季 建議截止日 109/04/15", nextNow);

        // Returned and approved count where they stand.
        await Ok(await rdec.PostAsJsonAsync(Map + "/kpis/AC1.1/values/107/Q2/return", new { comment = "請註明資料來源。" }));
        Assert.Contains($"共 {entries} 項：已填 2（其中已送出 0、已核定 0、已退回 1）、未填 {entries - 2}", Section(await rdec.GetStringAsync("/todo"), "under-way"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_map_page_lists_its_periods_with_the_pages_each_role_may_go_on_to(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        using var mayor = await server.SignInAsync("mayor@example.org");
        using var anonymous = server.CreateClient();
        const string page = "/maps/臺北市政府/107";

        Assert.Contains("此策略地圖尚未開放過填報期間。 下一期可開放：107 年第 2 季 建議截止日 107/07/15", Section(await rdec.GetStringAsync(page), "map-periods", "</section>"));
        Assert.Contains($"<a href=\"{Q2Review}\">107 年第 2 季</a>", await rdec.GetStringAsync(page));

        await Ok(await rdec.PostAsJsonAsync(Map + "/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));

        var planner = await rdec.GetStringAsync(page);
        Assert.Contains("107 年第 2 季 填報中；截止日 107/07/15 · 審核與發布 下一期可開放：107 年第 3 季 建議截止日 107/10/15", Section(planner, "map-periods", "</section>"));
        Assert.Contains($"<a href=\"{Q2Review}\">審核與發布</a>", planner);
        Assert.DoesNotContain(Q2Entry, planner);   // a planner reviews; reporters enter

        var reporter = await epb.GetStringAsync(page);
        Assert.Equal("填報期間 107 年第 2 季 填報中；截止日 107/07/15 · 填報", Section(reporter, "map-periods", "</section>"));
        Assert.Contains($"<a href=\"{Q2Entry}\">填報</a>", reporter);
        Assert.DoesNotContain(Q2Review, reporter);

        var viewer = Section(await mayor.GetStringAsync(page), "map-periods", "</section>");
        Assert.Contains("107 年第 2 季 填報中；截止日 107/07/15", viewer);
        Assert.DoesNotContain("審核與發布", viewer);
        Assert.DoesNotContain("下一期可開放", viewer);

        Assert.DoesNotContain("map-periods", await anonymous.GetStringAsync(page));   // the public reads published figures only
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Each_role_lands_where_its_work_starts_and_a_page_that_asked_for_the_sign_in_still_wins(string provider)
    {
        var server = await servers.DemoAsync(provider);
        async Task<string?> LandingOf(string email, string? returnUrl = null)
        {
            using var browser = await PageBrowser.OpenAsync(server, null);
            var response = await browser.Client.PostAsync("/account/login" + (returnUrl is null ? "" : $"?returnUrl={Uri.EscapeDataString(returnUrl)}"),
                new FormUrlEncodedContent([new("_handler", "login"), new("__RequestVerificationToken", browser.Token),
                    new("Form.Email", email), new("Form.Password", DatabaseStartup.DemoPassword)]));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response.Headers.Location?.AbsolutePath;
        }

        Assert.Equal("/todo", await LandingOf("rdec@example.org"));
        Assert.Equal("/todo", await LandingOf("secretariat@example.org"));
        Assert.Equal("/todo", await LandingOf("epb@example.org"));
        Assert.Equal("/dashboard", await LandingOf("mayor@example.org"));
        Assert.Equal("/admin", await LandingOf("admin@example.org"));
        Assert.Equal("/maps/臺北市政府/107/kpis/AC1.1", Uri.UnescapeDataString(await LandingOf("mayor@example.org", "/maps/臺北市政府/107/kpis/AC1.1") ?? ""));
        Assert.Equal("/dashboard", await LandingOf("mayor@example.org", "//elsewhere.example/"));   // never another host

        // A viewer's 我的待辦 is not three empty lists: it points to the dashboard.
        using var mayor = await server.SignInAsync("mayor@example.org");
        var todo = await mayor.GetStringAsync("/todo");
        Assert.Contains("您的角色不需填報或審核。", todo);
        Assert.Contains("<a href=\"dashboard\">前往儀表板，看全市最新一期的績效</a>", todo);
        Assert.DoesNotContain("待填報（", todo);
        Assert.DoesNotContain("下一期可開放", todo);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_dashboard_opens_on_the_latest_period_of_the_whole_city_not_on_one_themes_results(string provider)
    {
        var server = await servers.DemoAsync(provider);
        using var anonymous = server.CreateClient();

        // 108 全年度 has figures for theme D's 18 KPIs only (a results document); 107 Q1 has the city's whole map.
        var opening = await Json(await anonymous.GetAsync("/api/dashboard"));
        Assert.Equal(107, opening["year"]!.GetValue<int>());
        Assert.Equal("Q1", opening["period"]!.GetValue<string>());
        var page = await anonymous.GetStringAsync("/dashboard");
        Assert.Contains("<h1>儀表板：全市 107 年第 1 季</h1>", page);
        Assert.Contains("全市（342 項）", page);   // the city's 303 KPIs and the Secretariat's 39, whose 105 plan is in force for 107
        // 108 is still there to choose.
        Assert.Contains("<option value=\"108\">108 年</option>", page);
        Assert.Equal(108, (await Json(await anonymous.GetAsync("/api/dashboard?year=108")))["year"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_dashboards_period_list_offers_a_period_opened_for_reporting_before_it_has_figures(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        Assert.DoesNotContain("<option value=\"Q2\"", await rdec.GetStringAsync("/dashboard?year=107"));

        await Ok(await rdec.PostAsJsonAsync(Map + "/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));
        var page = await rdec.GetStringAsync("/dashboard?year=107");
        Assert.Contains("<h1>儀表板：全市 107 年第 1 季</h1>", page);   // still opens on figures
        Assert.Contains("<option value=\"Q2\">第 2 季</option>", page);
        Assert.Contains(Q2Review, await rdec.GetStringAsync("/dashboard?year=107&period=Q2"));   // its reporting progress links to the review
    }
}
