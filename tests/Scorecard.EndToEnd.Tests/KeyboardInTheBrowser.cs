using Microsoft.Playwright;

namespace Scorecard.EndToEnd.Tests;

/// <summary>Issue 9 §7: the pages work with the keyboard alone, and what has focus can be seen.</summary>
public class KeyboardInTheBrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Signing_in_finding_a_KPI_and_drilling_down_the_dashboard_need_no_mouse()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "account/login");

        // The first Tab shows the link past the header; following it puts the next Tab in the form.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("跳到主要內容", await FocusedTextAsync(page));
        Assert.True(await page.Locator("a.skip").IsVisibleAsync());
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Form.Email", await page.EvaluateAsync<string>("document.activeElement.name"));
        await page.Keyboard.TypeAsync("mayor@example.org");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Scorecard-demo-1");
        await page.Keyboard.PressAsync("Enter");
        await BrowserFixture.LandAsync(page, "**/dashboard", "h1:has-text('儀表板')");   // a viewer lands on the dashboard (issue 34)

        // The header's search box, by Tab, typed into and sent with Enter; the first result followed.
        await TabToAsync(page, "input#search-q");
        await page.Keyboard.TypeAsync("AC1.1");
        await page.Keyboard.PressAsync("Enter");
        await BrowserFixture.LandAsync(page, "**/search?q=AC1.1", "table.search-results");
        await TabToAsync(page, "table.search-results tbody a");
        await page.Keyboard.PressAsync("Enter");
        await BrowserFixture.LandAsync(page, "**/kpis/AC1.1", "h1:has-text('AC1.1')");

        // The dashboard from the header, then a theme and an objective, each by Tab and Enter.
        await TabToAsync(page, "header.site a[href='dashboard']");
        await page.Keyboard.PressAsync("Enter");
        await BrowserFixture.LandAsync(page, "**/dashboard", "h1:has-text('儀表板')");
        await TabToAsync(page, "table.standing-counts a:has-text('D ')");
        await page.Keyboard.PressAsync("Enter");
        await BrowserFixture.LandAsync(page, "**theme=D", "h2:has-text('策略主題 D')");
    }

    static Task<string> FocusedTextAsync(IPage page) => page.EvaluateAsync<string>("document.activeElement.textContent.trim()");

    /// <summary>
    /// Presses Tab until <paramref name="selector"/> has focus (failing after as many presses as the page has
    /// focusable things), and checks the focus is outlined where it lands.
    /// </summary>
    static async Task TabToAsync(IPage page, string selector)
    {
        var target = page.Locator(selector).First;
        await target.WaitForAsync();
        var stops = await page.Locator("a[href], button, input:not([type=hidden]), select, textarea, summary").CountAsync();
        for (var i = 0; i <= stops; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                Assert.NotEqual("none", await target.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
                return;
            }
        }
        Assert.Fail($"Tab never reached {selector} on {page.Url}");
    }
}
