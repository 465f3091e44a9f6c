using Microsoft.Playwright;

namespace Scorecard.EndToEnd.Tests;

/// <summary>
/// Issue 11 §3: the Content-Security-Policy every answer carries takes nothing from the pages: Chromium
/// reports no violation on the pages people use, the stylesheet applies, and a report document keeps its
/// inline print styles.
/// </summary>
public class SecurityInTheBrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_content_security_policy_blocks_nothing_the_pages_use()
    {
        await using var context = await browser.NewContextAsync();
        var page = await browser.SignInAsync(context, "rdec@example.org");
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add($"{page.Url}: {message.Text}");
        };
        string[] pages =
        [
            "", "maps/臺北市政府/107", "maps/臺北市政府/107/objectives/AC1", "maps/臺北市政府/107/kpis/AC1.1", "dashboard",
            "maps/臺北市政府/107/edit", "maps/臺北市政府/107/entry/107/Q1", "public", "todo",
        ];
        foreach (var path in pages)
        {
            var answer = await page.GotoAsync(browser.BaseUrl + path);
            Assert.True(answer!.Ok, $"{path}: {answer.Status}");
            Assert.Contains("frame-ancestors 'none'", await answer.HeaderValueAsync("content-security-policy"));
            // app.css applies: the header is laid out by it, not by the browser's defaults.
            Assert.NotEqual("block", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('header.site')).display"));
        }
        Assert.Empty(violations);

        // The report document's inline print styles apply under its own policy.
        await page.GotoAsync(browser.BaseUrl + "api/maps/臺北市政府/107/reports/policy?period=Q1&format=html");
        Assert.Equal("collapse", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('table')).borderCollapse"));
        Assert.Empty(violations);
    }
}
