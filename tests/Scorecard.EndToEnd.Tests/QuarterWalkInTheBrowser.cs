using Microsoft.Playwright;

namespace Scorecard.EndToEnd.Tests;

/// <summary>
/// Issue 34's walk: a real quarter run in Chromium by the people who do it, each starting from where signing in lands them
/// and moving only by clicking links and buttons, never by an address (GotoAsync only reaches the sign-in page).
/// 研考會 opens 107 Q2 from 我的待辦 and the year's own period from the map page; 環保局 enters a number, a status, its part of a
/// composite KPI and a year-end miss with both explanations, and submits; 研考會 returns one, approves the others at once and
/// publishes after the preview; 環保局 fixes the returned one; 研考會 approves it and publishes it alone; the mayor reads the
/// dashboard. Every step is a screenshot under screenshots/walk-{database}-*.png, and the clicks each role made are written to
/// screenshots/walk-{database}-clicks.txt for the issue's note. The same walk runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class QuarterWalk(BrowserFixture browser)
{
    const string Save = "button:has-text('儲存草稿，並送出勾選項目')";
    readonly Dictionary<string, int> clicks = [];
    int shot;

    /// <summary>A click by a person: counted against their role.</summary>
    async Task ClickAsync(string role, ILocator target)
    {
        clicks[role] = clicks.GetValueOrDefault(role) + 1;
        await target.ClickAsync();
    }

    Task ClickAsync(string role, IPage page, string selector) => ClickAsync(role, page.Locator(selector).First);

    async Task TickAsync(string role, ILocator box)
    {
        clicks[role] = clicks.GetValueOrDefault(role) + 1;
        await box.CheckAsync();
    }

    async Task ShotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"walk-{browser.Provider}-{++shot:00}-{name}.png"), FullPage = true });
    }

    static BrowserNewContextOptions Desk => new() { ViewportSize = new() { Width = 1366, Height = 900 } };

    [Fact]
    public async Task A_quarter_is_run_by_its_people_from_their_landing_pages_by_links_only()
    {
        await using var rdecContext = await browser.NewContextAsync(Desk);
        await using var epbContext = await browser.NewContextAsync(Desk);
        await using var mayorContext = await browser.NewContextAsync(Desk);

        // 研考會 lands on 我的待辦: 107 Q2 is the period to open, with its suggested deadline.
        var rdec = await browser.SignInAsync(rdecContext, "rdec@example.org");
        var toOpen = rdec.Locator("ul.to-open li[data-map='臺北市政府 107']");
        await Assertions.Expect(toOpen).ToContainTextAsync("107 年第 2 季");
        await ShotAsync(rdec, "planner-todo");
        await ClickAsync("planner", toOpen.Locator("a"));
        await BrowserFixture.LandAsync(rdec, "**/maps/*/107/review/107/Q2", "h1:has-text('107 年第 2 季審核與發布')");
        Assert.Equal("2018-07-15", await rdec.InputValueAsync("input[name='OpenForm.Deadline']"));
        // The suggested deadline is years past on this machine's clock: the page says so and asks for a tick.
        await TickAsync("planner", rdec.GetByLabel("截止日已過，仍要開放"));
        await ClickAsync("planner", rdec, "button:has-text('開放填報')");
        await Assertions.Expect(rdec.Locator("#period-state")).ToHaveTextAsync("填報中");
        await ShotAsync(rdec, "planner-q2-open");

        // The year's own figure, for the year-end miss: from the map page's other periods.
        await ClickAsync("planner", rdec, "nav.crumbs a:has-text('臺北市政府 107 年策略地圖')");
        await BrowserFixture.LandAsync(rdec, "**/maps/*/107", "#map-periods");
        await rdec.Locator("section.map-periods").ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"walk-{browser.Provider}-{++shot:00}-planner-map-periods.png") });
        await ClickAsync("planner", rdec, "p.other-periods a:has-text('107 年全年')");
        await BrowserFixture.LandAsync(rdec, "**/review/107/Y", "h1:has-text('審核與發布')");
        await TickAsync("planner", rdec.GetByLabel("截止日已過，仍要開放"));
        await ClickAsync("planner", rdec, "button:has-text('開放填報')");
        await Assertions.Expect(rdec.Locator("#period-state")).ToHaveTextAsync("填報中");
        var plannerOpened = clicks["planner"];

        // 環保局 lands on 我的待辦 and goes to the Q2 sheet.
        var epb = await browser.SignInAsync(epbContext, "epb@example.org");
        await ShotAsync(epb, "reporter-todo");
        await ClickAsync("reporter", epb, "section.todo h3 a:has-text('107 年第 2 季')");
        await BrowserFixture.LandAsync(epb, "**/entry/107/Q2", "h1:has-text('填報')");
        // A number (PM2.5, lower is better, the year's target 17), a status, and 環保局's own part of BF2.1.
        await epb.FillAsync("input[aria-label='AC1.2 實際值']", "18.1");
        await epb.FillAsync("textarea[aria-label='AC1.2 執行情形']", "持續推動營建工程、餐飲業油煙及露天燃燒稽查；第二季受境外移入影響，濃度較去年同期略高。");
        await epb.SelectOptionAsync("select[aria-label='AC1.3 狀態']", "未統計");
        await epb.FillAsync("textarea[aria-label='AC1.3 執行情形']", "河川水質採樣結果尚待環境檢驗所確認。");
        await epb.FillAsync("input[aria-label='BF2.1 實際值']", "4.2");
        foreach (var code in new[] { "AC1.2", "AC1.3", "BF2.1" })
            await TickAsync("reporter", epb.Locator($"input[aria-label='送出 {code}']"));
        await ClickAsync("reporter", epb, Save);
        await Assertions.Expect(epb.Locator(".entry-outcome .submitted")).ToContainTextAsync("已送出 3 項");
        Assert.Equal(0, await epb.Locator(".entry-outcome .refused").CountAsync());
        // What the figure typed comes to, beside it: 91.2% by 目標值÷實際值 on the mean so far, a miss, and where the year is heading.
        var pm25 = await epb.Locator("#kpi-AC1\\.2-").InnerTextAsync();
        Assert.Contains("91.2%（未達標）", pm25);
        Assert.Contains("預估未達標", pm25);
        Assert.Contains("已送出", pm25);
        await ShotAsync(epb, "reporter-q2-submitted");

        // The year-end miss: refused once, naming both explanations, then submitted with them.
        await ClickAsync("reporter", epb, "header.site a:has-text('我的待辦')");
        await BrowserFixture.LandAsync(epb, "**/todo", "h1:has-text('我的待辦')");
        await ClickAsync("reporter", epb, "section.todo h3 a:has-text('107 年全年')");
        await BrowserFixture.LandAsync(epb, "**/entry/107/Y", "h1:has-text('填報')");
        await epb.FillAsync("input[aria-label='AC1.2 實際值']", "18.4");
        await TickAsync("reporter", epb.Locator("input[aria-label='送出 AC1.2']"));
        await ClickAsync("reporter", epb, Save);
        await Assertions.Expect(epb.Locator(".entry-outcome .refused")).ToContainTextAsync("AC1.2");
        await Assertions.Expect(epb.Locator("#kpi-AC1\\.2-")).ToContainTextAsync("本年度未達標，送出前須填寫狀況分析及對策。");
        await ShotAsync(epb, "reporter-y-refused");
        await epb.FillAsync("textarea[aria-label='AC1.2 狀況分析']", "境外移入污染比例偏高，本市排放減量成效未能完全反映於年均值。");
        await epb.FillAsync("textarea[aria-label='AC1.2 對策']", "擴大老舊機車汰換補助，加強營建工地與餐飲油煙稽查。");
        await TickAsync("reporter", epb.Locator("input[aria-label='送出 AC1.2']"));
        await ClickAsync("reporter", epb, Save);
        await Assertions.Expect(epb.Locator(".entry-outcome .submitted")).ToContainTextAsync("已送出 1 項");
        await ShotAsync(epb, "reporter-y-submitted");

        // 研考會: from 我的待辦 to what waits for review; AC1.3 returned with a comment, the others approved at once.
        await ClickAsync("planner", rdec, "header.site a:has-text('我的待辦')");
        await BrowserFixture.LandAsync(rdec, "**/todo", "h1:has-text('我的待辦')");
        await ClickAsync("planner", rdec, "section.todo h3 a:has-text('107 年第 2 季：3 項待審核')");
        await BrowserFixture.LandAsync(rdec, "**/review/107/Q2", "table.review");
        var pm25Review = await rdec.Locator("table.review tr[data-kpi='AC1.2']").InnerTextAsync();
        Assert.Contains("18.1", pm25Review);
        Assert.Contains("未達標", pm25Review);
        await TickAsync("planner", rdec.Locator("input[aria-label='退回 AC1.3']"));
        await rdec.FillAsync("input[aria-label='AC1.3 退回意見']", "「未統計」請改填本季採樣達成率。");
        await ClickAsync("planner", rdec, "button:has-text('全部核定')");
        await Assertions.Expect(rdec.Locator(".done")).ToContainTextAsync("已核定 2 項、退回 1 項");
        await ShotAsync(rdec, "planner-reviewed");
        await ClickAsync("planner", rdec, "button:has-text('發布…')");
        await Assertions.Expect(rdec.Locator("#publish-preview")).ToContainTextAsync("將發布 2 項；1 項已退回");
        await ShotAsync(rdec, "planner-publish-preview");
        await ClickAsync("planner", rdec, "button:has-text('確認發布')");
        await Assertions.Expect(rdec.Locator(".done")).ToContainTextAsync("已發布，2 項核定數值已公開");
        Assert.Equal("已發布", (await rdec.InnerTextAsync("#period-state")).Trim());

        // 環保局 fixes the returned one, reading the comment where it is due.
        await ClickAsync("reporter", epb, "header.site a:has-text('我的待辦')");
        await BrowserFixture.LandAsync(epb, "**/todo", "h1:has-text('我的待辦')");
        Assert.Contains("「未統計」請改填本季採樣達成率。", await epb.InnerTextAsync("main"));
        await ClickAsync("reporter", epb, "section.todo h3 a:has-text('107 年第 2 季')");
        await BrowserFixture.LandAsync(epb, "**/entry/107/Q2", "h1:has-text('填報')");
        var ac13 = epb.Locator("#kpi-AC1\\.3-");
        Assert.Contains("已退回", await ac13.InnerTextAsync());
        await epb.SelectOptionAsync("select[aria-label='AC1.3 狀態']", "");
        await epb.FillAsync("input[aria-label='AC1.3 實際值']", "91.5");
        await TickAsync("reporter", epb.Locator("input[aria-label='送出 AC1.3']"));
        await ClickAsync("reporter", epb, Save);
        await Assertions.Expect(epb.Locator(".entry-outcome .submitted")).ToContainTextAsync("已送出 1 項");
        Assert.Equal(0, await epb.Locator(".entry-outcome .refused").CountAsync());
        await ShotAsync(epb, "reporter-fixed");

        // 研考會 approves it and publishes it alone, without reopening the period.
        await ClickAsync("planner", rdec, "header.site a:has-text('我的待辦')");
        await BrowserFixture.LandAsync(rdec, "**/todo", "h1:has-text('我的待辦')");
        await ClickAsync("planner", rdec, "section.todo h3 a:has-text('107 年第 2 季：1 項待審核')");
        await BrowserFixture.LandAsync(rdec, "**/review/107/Q2", "table.review");
        await ClickAsync("planner", rdec, "button:has-text('全部核定')");
        await Assertions.Expect(rdec.Locator(".done")).ToContainTextAsync("已核定 1 項");
        await ClickAsync("planner", rdec, "button:has-text('發布新核定的 1 項')");
        await Assertions.Expect(rdec.Locator(".done")).ToHaveTextAsync("已發布新核定的 1 項。");
        Assert.Equal("已發布", (await rdec.InnerTextAsync("#period-state")).Trim());
        Assert.Equal("published", await rdec.GetAttributeAsync("table.review tr[data-kpi='AC1.3']", "data-state"));
        await ShotAsync(rdec, "planner-published-late-approval");

        // The mayor lands on the dashboard of the whole city at the quarter just published, told how many of its KPIs it holds.
        var mayor = await browser.SignInAsync(mayorContext, "mayor@example.org");
        Assert.Equal("儀表板：全市 107 年第 2 季", (await mayor.InnerTextAsync("h1")).Trim());
        Assert.Matches(@"107 年第 2 季已發布數值的 KPI：\d+ 項；其餘 \d+ 項依前期數值，或尚無資料。", await mayor.InnerTextAsync("p.figures-of-period"));
        var pm25Dashboard = await mayor.Locator("table.dashboard-kpis tr[data-kpi='AC1.2']").First.InnerTextAsync();
        Assert.Contains("未達標", pm25Dashboard);
        Assert.Contains("91.2", pm25Dashboard);
        await ShotAsync(mayor, "mayor-dashboard");
        // The same figure on its KPI page, by the same rule, with what it compared.
        await ClickAsync("viewer", mayor.Locator("table.dashboard-kpis tr[data-kpi='AC1.2'] a").First);
        await BrowserFixture.LandAsync(mayor, "**/kpis/AC1.2", "h1:has-text('AC1.2')");
        Assert.Contains("107 年目標值 17 ÷ 107 年平均至第 2 季實際值 18.65 = 91.2%", await mayor.InnerTextAsync("main"));
        await ShotAsync(mayor, "mayor-kpi-page");
        await mayor.SetViewportSizeAsync(412, 915);
        Assert.True(await mayor.EvaluateAsync<double>("() => document.documentElement.scrollWidth") <= 412, "the KPI page scrolls sideways at 412 px");
        await mayor.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"walk-{browser.Provider}-{++shot:00}-mayor-kpi-page-412px.png") });

        var summary = $"planner: {plannerOpened} clicks from landing to both periods open, {clicks["planner"]} in all; " +
                      $"reporter: {clicks["reporter"]}; viewer: {clicks["viewer"]}";
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "screenshots", $"walk-{browser.Provider}-clicks.txt"), summary);
    }
}

public sealed class QuarterWalkOnSqlite(BrowserFixture browser) : QuarterWalk(browser), IClassFixture<BrowserFixture>;

public sealed class QuarterWalkOnPostgres(PostgresBrowserFixture browser) : QuarterWalk(browser), IClassFixture<PostgresBrowserFixture>;
