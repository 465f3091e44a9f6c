using Microsoft.Playwright;

namespace Scorecard.EndToEnd.Tests;

/// <summary>
/// Issue 9 §8: leadership reads on phones. At 412 px the page itself never scrolls sideways and nothing
/// sticks out of it; wide tables scroll inside their box; the map grid gives a theme a screen, swiped
/// sideways with the perspective kept in view; the entry form still takes a figure.
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

    [Fact]
    public async Task A_reporter_enters_a_figure_on_a_phone()
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
        await epb.GotoAsync(browser.BaseUrl + "maps/臺北市政府/107/entry/107/Q2");
        await AssertNothingCutOffAsync(epb);
        await epb.FillAsync("input[aria-label='AC1.1 實際值']", "45.2");
        await epb.ClickAsync("button:has-text('儲存草稿，並送出勾選項目')");
        await epb.WaitForSelectorAsync(".done");
        await Assertions.Expect(epb.Locator("input[aria-label='AC1.1 實際值']")).ToHaveValueAsync("45.2");
        await AssertNothingCutOffAsync(epb);
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
