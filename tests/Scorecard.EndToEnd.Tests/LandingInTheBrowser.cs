using Microsoft.Playwright;

namespace Scorecard.EndToEnd.Tests;

/// <summary>
/// Issue 34: each role starts from where it lands and moves by clicking only, past the sign-in page. The planner finds
/// 107 Q2 to open on 我的待辦 and reaches its review page; once open, 我的待辦 shows it under way. The mayor lands on the
/// dashboard of the whole city. Screenshots in screenshots/ under the test output, at desktop width and at 412 px.
/// </summary>
public class LandingInTheBrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    static readonly BrowserNewContextOptions Phone = new() { ViewportSize = new() { Width = 412, Height = 915 }, IsMobile = true, HasTouch = true };

    static async Task ShotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"landing-{name}.png"), FullPage = true });
    }

    [Fact]
    public async Task The_planner_reaches_the_period_to_open_from_his_to_do_list_by_clicking_only()
    {
        await using var context = await browser.NewContextAsync();
        var rdec = await browser.SignInAsync(context, "rdec@example.org");   // lands on 我的待辦
        var next = rdec.Locator("ul.to-open li[data-map='臺北市政府 107']");
        await Assertions.Expect(next).ToHaveTextAsync("臺北市政府 107 年策略地圖｜107 年第 2 季 建議截止日 107/07/15");
        await ShotAsync(rdec, "1-planner-todo");

        await next.Locator("a").ClickAsync();
        await BrowserFixture.LandAsync(rdec, "**/maps/*/107/review/107/Q2", "h1:has-text('107 年第 2 季審核與發布')");
        Assert.Equal("未開放", (await rdec.InnerTextAsync("#period-state")).Trim());
        await ShotAsync(rdec, "2-planner-review-to-open");

        // Opened (by the review page's own form, whichever way it asks), 我的待辦 shows it under way with its entries counted.
        await browser.OpenPeriodAsync("maps/臺北市政府/107/review/107/Q2", "2018-07-15");
        await rdec.ClickAsync("header.site a:has-text('我的待辦')");
        await BrowserFixture.LandAsync(rdec, "**/todo", "#under-way");
        var underWay = rdec.Locator("section.under-way").First;
        await Assertions.Expect(underWay.Locator("h3")).ToContainTextAsync("臺北市政府 107 年策略地圖｜107 年第 2 季");
        await Assertions.Expect(underWay.Locator("h3 .state")).ToHaveTextAsync("填報中");
        await Assertions.Expect(underWay.Locator("p.counts")).ToContainTextAsync("已填 0（其中已送出 0、已核定 0、已退回 0）");
        Assert.Equal(0, await rdec.Locator("ul.to-open li[data-map='臺北市政府 107']").CountAsync());   // Q3 waits for Q2
        await ShotAsync(rdec, "3-planner-todo-under-way");

        // The map page lists the period too, and the next one to open.
        await underWay.Locator("h3 a").ClickAsync();
        await BrowserFixture.LandAsync(rdec, "**/review/107/Q2", "#period-state");
        await rdec.ClickAsync("nav.crumbs a:has-text('臺北市政府 107 年策略地圖')");
        await BrowserFixture.LandAsync(rdec, "**/maps/*/107", "#map-periods");
        var periods = rdec.Locator("section.map-periods");
        await Assertions.Expect(periods.Locator("li[data-period='2018 Q2']")).ToContainTextAsync("107 年第 2 季 填報中；截止日 107/07/15");
        await Assertions.Expect(periods.Locator("p.next-to-open")).ToContainTextAsync("下一期可開放：107 年第 3 季 建議截止日 107/10/15");
        await rdec.Locator("section.map-periods").ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "landing-4-planner-map-periods.png") });

        await using var phone = await browser.NewContextAsync(Phone);
        var small = await browser.SignInAsync(phone, "rdec@example.org");
        var width = await small.EvaluateAsync<double>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 412, $"我的待辦 is {width} px wide at 412 px");
        await ShotAsync(small, "5-planner-todo-412px");
    }

    [Fact]
    public async Task The_mayor_lands_on_the_dashboard_of_the_whole_city()
    {
        await using var context = await browser.NewContextAsync();
        var mayor = await browser.SignInAsync(context, "mayor@example.org");   // lands on the dashboard
        Assert.Equal("儀表板：全市 107 年第 1 季", (await mayor.InnerTextAsync("h1")).Trim());
        await Assertions.Expect(mayor.Locator("table.standing-counts").First.Locator("tbody th")).ToHaveTextAsync("全市（342 項）");
        await ShotAsync(mayor, "6-mayor-dashboard");

        // 我的待辦 has nothing for a viewer but the way back here.
        await mayor.ClickAsync("header.site a:has-text('我的待辦')");
        await BrowserFixture.LandAsync(mayor, "**/todo", "#nothing-to-do");
        await mayor.ClickAsync("#nothing-to-do a");
        await BrowserFixture.LandAsync(mayor, "**/dashboard", "h1:has-text('全市 107 年第 1 季')");

        await using var phone = await browser.NewContextAsync(Phone);
        var small = await browser.SignInAsync(phone, "mayor@example.org");
        Assert.Equal("儀表板：全市 107 年第 1 季", (await small.InnerTextAsync("h1")).Trim());
        await ShotAsync(small, "7-mayor-dashboard-412px");
    }
}
