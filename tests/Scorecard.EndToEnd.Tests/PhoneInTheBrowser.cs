using Microsoft.Playwright;

namespace Scorecard.EndToEnd.Tests;

/// <summary>
/// Issue 9 §8: leadership reads on phones. At 412 px the page itself never scrolls sideways and nothing
/// sticks out of it; wide tables scroll inside their box; the map grid gives a theme a screen, swiped
/// sideways with the perspective kept in view; the entry sheet is a list of cards a reporter fills and submits.
/// </summary>
public class PhoneInTheBrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    const int Width = 412;
    static readonly BrowserNewContextOptions Phone = new() { ViewportSize = new() { Width = Width, Height = 915 }, IsMobile = true, HasTouch = true };

    [Fact]
    public async Task The_map_a_KPI_and_the_dashboard_read_at_412_px()
    {
        await using var context = await browser.NewContextAsync(Phone);
        var page = await context.NewPageAsync();

        await page.GotoAsync(browser.BaseUrl + "maps/臺北市政府/107");
        await AssertNothingCutOffAsync(page);
        var themeWidths = await page.EvalOnSelectorAllAsync<double[]>("table.map-grid thead th[data-theme]", "ths => ths.map(th => th.getBoundingClientRect().width)");
        Assert.Equal(8, themeWidths.Length);
        Assert.All(themeWidths, w => Assert.InRange(w, 200, Width));   // a theme a screen, not a column one character wide
        var box = page.Locator(".table-scroll:has(> table.map-grid)");
        Assert.True(await box.EvaluateAsync<bool>("b => b.scrollWidth > b.clientWidth"), "the grid scrolls sideways in its box");
        await box.EvaluateAsync("b => b.scrollLeft = b.scrollWidth");
        var perspective = await page.Locator("table.map-grid tbody th", new() { HasTextString = "顧客 C" }).Last.BoundingBoxAsync();
        Assert.InRange(perspective!.X, 0, 20);   // the row's perspective stays in view at the left edge
        var lastTheme = await page.Locator("table.map-grid thead th[data-theme='H']").BoundingBoxAsync();
        Assert.InRange(lastTheme!.X + lastTheme.Width, 0, Width + 1);   // the last theme is reachable whole

        await page.GotoAsync(browser.BaseUrl + "maps/臺北市政府/107/kpis/AC1.1");
        await AssertNothingCutOffAsync(page);
        await page.GotoAsync(browser.BaseUrl + "dashboard?year=108&period=Y");
        await AssertNothingCutOffAsync(page);
        await Assertions.Expect(page.Locator("table.dashboard-kpis tr[data-kpi='DP5.1'] a")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Issue 34, the reporter's walk at 412 px: from 我的待辦 to the sheet by a link, a figure typed and saved, what it comes
    /// to read beside it, then submitted; the sheet a list of cards, nothing wider than the screen, the 送出 tick inside its card.
    /// </summary>
    [Fact]
    public async Task A_reporter_enters_saves_and_submits_a_figure_on_a_phone()
    {
        await using (var rdecContext = await browser.NewContextAsync(Phone))
        {
            var rdec = await browser.SignInAsync(rdecContext, "rdec@example.org");
            await rdec.GotoAsync(browser.BaseUrl + "maps/臺北市政府/107/review/107/Q2");
            await AssertNothingCutOffAsync(rdec);
            await rdec.FillAsync("input[name='OpenForm.Deadline']", "2018-07-15");
            await rdec.GetByLabel("截止日已過，仍要開放").CheckAsync();
            await rdec.ClickAsync("button:has-text('開放填報')");
            await Assertions.Expect(rdec.Locator("#period-state")).ToHaveTextAsync("填報中");
        }
        await using var context = await browser.NewContextAsync(Phone);
        var epb = await browser.SignInAsync(context, "epb@example.org");
        await ShotAsync(epb, "entry-phone-1-todo");
        await epb.ClickAsync("a:has-text('107 年第 2 季')");
        await BrowserFixture.LandAsync(epb, "**/entry/107/Q2", "h1:has-text('填報')");
        await AssertNothingCutOffAsync(epb);
        await ShotAsync(epb, "entry-phone-2-sheet", fullPage: false);

        // One card a KPI, each as wide as the screen allows; the narrative box wide enough for a paragraph.
        var card = epb.Locator("#kpi-AC1\\.2-");
        var cardBox = (await card.BoundingBoxAsync())!;
        Assert.InRange(cardBox.Width, 340, Width);
        var narrative = (await epb.Locator("textarea[aria-label='AC1.2 執行情形']").BoundingBoxAsync())!;
        Assert.True(narrative.Width >= 300, $"the narrative box is {narrative.Width} px wide");

        // PM2.5, lower is better, the year's target 17: 18.1 typed and saved, and what it comes to beside it.
        await epb.FillAsync("input[aria-label='AC1.2 實際值']", "18.1");
        await epb.FillAsync("textarea[aria-label='AC1.2 執行情形']", "持續推動營建工程、餐飲業油煙及露天燃燒稽查，並擴大電動機車補助；第二季受境外移入影響，濃度較去年同期略高。");
        await epb.ClickAsync("button:has-text('儲存草稿，並送出勾選項目')");
        await epb.Locator(".entry-outcome").WaitForAsync();
        Assert.Equal("已儲存 1 項：AC1.2。", (await epb.InnerTextAsync(".entry-outcome .done")).Trim());
        Assert.Equal(0, await epb.Locator(".entry-outcome .refused").CountAsync());
        var facts = await card.Locator("dl.entry-facts").InnerTextAsync();
        Assert.Contains("年度目標值", facts);
        Assert.Contains("17", facts);
        Assert.Contains("前期（107 年第 1 季）", facts);
        Assert.Contains("19.2", facts);
        Assert.Contains("91.2%（未達標）", facts);
        Assert.Contains("預估未達標", facts);
        Assert.Equal("草稿", (await card.Locator(".state").InnerTextAsync()).Trim());
        await AssertNothingCutOffAsync(epb);
        await card.ScrollIntoViewIfNeededAsync();
        await ShotAsync(epb, "entry-phone-3-saved", fullPage: false);

        // The 送出 tick sits inside its card, on the screen.
        var tick = epb.Locator("input[aria-label='送出 AC1.2']");
        var tickBox = (await tick.BoundingBoxAsync())!;
        cardBox = (await card.BoundingBoxAsync())!;
        Assert.InRange(tickBox.X, cardBox.X, cardBox.X + cardBox.Width - tickBox.Width);
        Assert.InRange(tickBox.Y, cardBox.Y, cardBox.Y + cardBox.Height - tickBox.Height);
        await tick.CheckAsync();
        await epb.ClickAsync("button:has-text('儲存草稿，並送出勾選項目')");
        await epb.Locator(".entry-outcome .submitted").WaitForAsync();
        Assert.Equal("已送出 1 項：AC1.2。", (await epb.InnerTextAsync(".entry-outcome .submitted")).Trim());
        Assert.Equal(0, await epb.Locator(".entry-outcome .refused").CountAsync());
        Assert.Equal(0, await epb.Locator(".entry-outcome .done").CountAsync());   // nothing changed but the tick: nothing saved again

        // Submitted, it reads as it stands: its state, figure and narrative, nothing to type in.
        Assert.Equal("已送出", (await card.Locator(".state").InnerTextAsync()).Trim());
        Assert.Contains("18.1", await card.Locator("dl.entry-facts").InnerTextAsync());
        Assert.Contains("等待研考審核", await card.InnerTextAsync());
        Assert.Equal(0, await card.Locator("input, textarea, select").CountAsync());
        await AssertNothingCutOffAsync(epb);
        await card.ScrollIntoViewIfNeededAsync();
        await ShotAsync(epb, "entry-phone-4-submitted", fullPage: false);
    }

    /// <summary>A screenshot under the test output's screenshots folder, to look at.</summary>
    static async Task ShotAsync(IPage page, string name, bool fullPage = true)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage });
    }

    /// <summary>The page is no wider than the screen, and whatever is wider sits in a box that scrolls.</summary>
    static async Task AssertNothingCutOffAsync(IPage page)
    {
        var pageWidth = await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth");
        Assert.True(pageWidth <= Width, $"{page.Url}: the page is {pageWidth} px wide at {Width} px");
        var outside = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
                .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > innerWidth + 1 && !e.closest('.table-scroll, figure.map-drawing'); })
                .map(e => `${e.tagName.toLowerCase()}.${e.className} «${(e.textContent ?? '').trim().slice(0, 30)}»`)
            """);
        Assert.True(outside.Length == 0, $"{page.Url}: cut off at the right: {string.Join("; ", outside.Take(5))}");
    }
}
