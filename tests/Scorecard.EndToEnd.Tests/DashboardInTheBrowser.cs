using Microsoft.Playwright;

namespace Scorecard.EndToEnd.Tests;

/// <summary>Issue 9 §2: the leadership dashboard, its drill-down and sparklines, and the KPI search in the header.</summary>
public class DashboardInTheBrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_mayors_office_sees_where_the_city_stands_and_drills_down_to_a_KPI()
    {
        await using var context = await browser.NewContextAsync();
        var page = await browser.SignInAsync(context, "mayor@example.org");   // lands on the dashboard of the whole city (LandingInTheBrowser)

        // Theme D's 108 results: one KPI off track with its explanation.
        await page.GotoAsync(browser.BaseUrl + "dashboard?year=108");
        await BrowserFixture.LandAsync(page, "**/dashboard?year=108", "h1:has-text('108 年')");
        Assert.Equal("儀表板：全市 108 年全年度", (await page.InnerTextAsync("h1")).Trim());
        var dp51 = page.Locator("table.dashboard-kpis tr[data-kpi='DP5.1']");
        await Assertions.Expect(dp51).ToContainTextAsync("職業災害死亡百萬人率");
        await Assertions.Expect(dp51).ToContainTextAsync("勞動局");
        await Assertions.Expect(dp51).ToContainTextAsync("7.05（全年度）");
        await Assertions.Expect(dp51).ToContainTextAsync("6.00（全年度）");   // the target as the results document prints it (issue 33 §5)
        await Assertions.Expect(dp51.Locator("td.narrative").First).ToContainTextAsync("營造業公共工程職業災害死亡人數大幅增加");
        await Assertions.Expect(dp51.Locator("td.narrative").Last).ToContainTextAsync("臺北市勞動檢查處降災策略");
        // The sparkline's figures, for a screen reader and a printed page alike.
        var sparkline = dp51.Locator("svg.sparkline");
        Assert.Contains("實際值 107 年 無資料、108 年 7.05", await sparkline.GetAttributeAsync("aria-label"));
        Assert.Contains("目標值 107 年 6、108 年 6", await sparkline.GetAttributeAsync("aria-label"));

        // 107 Q1 for the whole city: no misleading verdicts. Only the KPIs whose words leave no doubt how their year is made
        // are judged (per person, per day, 每萬人, a concentration: issue 33 §2); every other reading is still in progress,
        // 76 of them projected to miss (§3; a KPI with parts from its parts), counted in a column of their own.
        await page.SelectOptionAsync("select[name='year']", "107");
        await page.ClickAsync("form.filters button");
        await BrowserFixture.LandAsync(page, "**/dashboard?year=107*", "h1:has-text('107 年')");
        await page.SelectOptionAsync("select[name='period']", "Q1");
        await page.SelectOptionAsync("select[name='organisation']", "臺北市政府");
        await page.ClickAsync("form.filters button");
        await BrowserFixture.LandAsync(page, "**/dashboard?year=107&period=Q1&organisation=*", "h1:has-text('臺北市政府 107 年第 1 季')");
        var total = page.Locator("table.standing-counts").First.Locator("tbody tr");
        await Assertions.Expect(total.Locator("th")).ToHaveTextAsync("臺北市政府（303 項）");
        Assert.Equal(["3", "4", "76", "210", "86", "0"], (await total.Locator("td").AllInnerTextsAsync()).Take(6).Select(t => t.Split('前')[0].Trim()).ToArray());
        await Assertions.Expect(page.Locator("#off-track")).ToHaveTextAsync("未達標的 KPI（4 項）");
        await Assertions.Expect(page.Locator("#likely-to-miss")).ToHaveTextAsync("預估未達標的 KPI（76 項）");

        // Theme A → objective AC1 → AC1.1's page.
        await page.ClickAsync("table.standing-counts a:has-text('A 營造永續環境')");
        await BrowserFixture.LandAsync(page, "**theme=A", "h2:has-text('策略主題 A 營造永續環境：各策略目標')");
        await page.ClickAsync("table.standing-counts a:has-text('AC1 提升環境品質')");
        await BrowserFixture.LandAsync(page, "**objective=AC1", "h2:has-text('策略目標 AC1 提升環境品質 的 KPI')");
        var ac11 = page.Locator("table.dashboard-kpis").First.Locator("tr[data-kpi='AC1.1']");   // the objective's KPIs (the lists below may name it too)
        await Assertions.Expect(ac11.Locator("td.standing-InProgress")).ToContainTextAsync("進行中");
        await Assertions.Expect(ac11.Locator("td.standing-InProgress .projection")).ToHaveTextAsync("預估未達標");   // 40.7% of days against 51
        await Assertions.Expect(ac11).ToContainTextAsync("40.7（第 1 季）");
        await ac11.Locator("a").ClickAsync();
        await BrowserFixture.LandAsync(page, "**/maps/*/107/kpis/AC1.1", "h1:has-text('AC1.1')");
        await Assertions.Expect(page.Locator(".trend svg")).ToBeVisibleAsync();   // the full trend chart

        // Leadership sees the reporting of the period; the public does not.
        await page.GotoAsync(browser.BaseUrl + "dashboard?year=107&period=Q1");
        await Assertions.Expect(page.Locator("table.reporting-progress tr[data-organisation='臺北市政府']")).ToContainTextAsync("未開放");
        var anonymous = await browser.NewPageAsync();
        await anonymous.GotoAsync(browser.BaseUrl + "dashboard?year=107&period=Q1");
        await Assertions.Expect(anonymous.Locator("#reporting + p")).ToContainTextAsync("登入且有檢視權限者才能查看");
        Assert.Equal(0, await anonymous.Locator("table.reporting-progress").CountAsync());
        await anonymous.CloseAsync();
    }

    [Fact]
    public async Task Anyone_finds_a_KPI_from_the_search_box_of_any_page()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "maps/臺北市政府/107");
        await page.FillAsync("header.site input[name='q']", "職業災害 勞動局");
        await page.PressAsync("header.site input[name='q']", "Enter");
        await BrowserFixture.LandAsync(page, "**/search?q=*", "h1:has-text('搜尋 KPI')");
        await Assertions.Expect(page.Locator("p.summary")).ToContainTextAsync("符合「職業災害 勞動局」的 KPI");
        var rows = page.Locator("table.search-results tbody tr");
        Assert.All(await rows.AllInnerTextsAsync(), r => Assert.Contains("職業災害", r));
        await page.ClickAsync("table.search-results a:has-text('DP5.1 職業災害死亡百萬人率') >> nth=0");
        await BrowserFixture.LandAsync(page, "**/kpis/DP5.1", "h1:has-text('DP5.1')");

        await page.FillAsync("header.site input[name='q']", "不存在的指標名稱");
        await page.PressAsync("header.site input[name='q']", "Enter");
        await BrowserFixture.LandAsync(page, "**/search?q=*", "p.empty");
        await Assertions.Expect(page.Locator("p.empty")).ToHaveTextAsync("找不到符合「不存在的指標名稱」的 KPI。");
        await page.CloseAsync();
    }
}
