using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Scorecard.EndToEnd.Tests;

/// <summary>
/// Issue 9 §7: every page, in Chinese and in English, as someone who may see it, has no axe-core
/// violations (the default rules: WCAG 2 A and AA and best practices). In English, the rules that words
/// can break (<see cref="WordRules"/>): the same components make both languages' markup, structure and
/// colours alike, and only the words differ. (All rules in English too took another 85 s of the suite.)
/// </summary>
public class AccessibilityInTheBrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>Every page, each as a user who may see it (null: signed out).</summary>
    public static readonly (string Path, string? User)[] Pages =
    [
        ("", null),
        ("account/login", null),
        ("search?q=AC1", null),
        ("public", null),
        ("open-data", null),
        ("not-found", null),
        ("dashboard", "mayor@example.org"),
        ("dashboard?year=107&period=Q1&organisation=臺北市政府&theme=A", "rdec@example.org"),
        ("maps/臺北市政府/107", null),
        ("maps/臺北市政府/107/objectives/AC1", null),
        ("maps/臺北市政府/107/kpis/AC1.1", null),
        ("maps/臺北市政府/108/evaluations", null),
        ("maps/臺北市政府/diff?from=108&to=109", null),
        ("maps/臺北市政府/109/revision", "rdec@example.org"),
        ("todo", "epb@example.org"),
        ("todo", "rdec@example.org"),   // the periods to open and under way (issue 34)
        ("todo", "mayor@example.org"),
        ("maps/臺北市政府/107?signed-in", "rdec@example.org"),   // with its 填報期間
        ("maps/臺北市政府/107/entry/107/Q1", "epb@example.org"),
        ("maps/臺北市政府/107/review/107/Q1", "rdec@example.org"),
        ("maps/臺北市政府/108/self-assessment/108", "rdec@example.org"),
        ("maps/臺北市政府/107/edit", "rdec@example.org"),
        ("maps/臺北市政府/107/kpis/AC1.1/edit", "rdec@example.org"),
        ("maps/臺北市政府/107/settings", "rdec@example.org"),
        ("import", "rdec@example.org"),
        ("admin", "admin@example.org"),
        ("api/maps/臺北市政府/107/reports/policy?format=html&period=Q1", null),
        ("api/maps/臺北市政府/107/reports/council?format=html", null),
        ("api/maps/臺北市政府/108/reports/results?format=html", null),
        ("api/maps/臺北市政府秘書處/105/reports/bsc?format=html", null),
    ];

    /// <summary>The rules a page's words decide: its language, title, and the accessible names of what it holds.</summary>
    static readonly List<string> WordRules =
    [
        "document-title", "html-has-lang", "html-lang-valid", "valid-lang", "page-has-heading-one", "empty-heading", "empty-table-header",
        "link-name", "button-name", "input-button-name", "label", "select-name", "image-alt", "svg-img-alt", "role-img-alt", "object-alt",
        "aria-input-field-name", "aria-toggle-field-name", "aria-command-name", "aria-meter-name", "aria-progressbar-name", "aria-tooltip-name",
        "aria-dialog-name", "frame-title", "summary-name", "area-alt", "input-image-alt",
    ];

    [Theory]
    [InlineData("zh-TW")]
    [InlineData("en")]
    public async Task Every_page_has_no_axe_violations(string language)
    {
        var contexts = new Dictionary<string, IBrowserContext>();
        var found = new List<string>();
        try
        {
            foreach (var (path, user) in Pages)
            {
                var key = user ?? "";
                if (!contexts.TryGetValue(key, out var context))
                {
                    contexts[key] = context = await browser.NewContextAsync();
                    if (user is not null)
                        await (await browser.SignInAsync(context, user)).CloseAsync();
                }
                var page = await context.NewPageAsync();
                var url = browser.BaseUrl + path + (path.Contains('?') ? "&" : "?") + "lang=" + language;
                var response = await page.GotoAsync(url);
                // The not-found page is checked as what it is: a 404 with its words.
                Assert.True(response?.Status == (path == "not-found" ? 404 : 200), $"{url}: {response?.Status}");
                Assert.Equal(language == "en" ? "en" : "zh-Hant-TW", await page.GetAttributeAsync("html", "lang"));
                var results = await page.RunAxe(language == "en"
                    ? new Deque.AxeCore.Commons.AxeRunOptions { RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "rule", Values = WordRules } }
                    : null);
                found.AddRange(results.Violations.Select(v =>
                    $"{path}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => $"{n.Target} {n.Html[..Math.Min(n.Html.Length, 120)]}"))}"));
                await page.CloseAsync();
            }
        }
        finally
        {
            foreach (var c in contexts.Values) await c.CloseAsync();
        }
        Assert.True(found.Count == 0, $"{found.Count} axe violations:\n" + string.Join("\n", found));
    }

    /// <summary>Where a colour says something (a roll-up's band, a KPI's standing), words say it too.</summary>
    [Fact]
    public async Task Colour_is_never_the_only_cue()
    {
        var page = await browser.NewPageAsync();
        foreach (var path in new[] { "maps/臺北市政府/107", "dashboard?year=108&period=Y", "dashboard?year=107&period=Q1&organisation=臺北市政府&theme=A&objective=AC1" })
        {
            await page.GotoAsync(browser.BaseUrl + path);
            var coloured = page.Locator("[class*='band-good'], [class*='band-mixed'], [class*='band-poor'], td[class^='standing-']");
            var count = await coloured.CountAsync();
            Assert.True(count > 0, $"{path}: nothing coloured to check");
            foreach (var text in await coloured.AllInnerTextsAsync())
                Assert.Matches("達標|未達標|進行中|尚無|不適用|全數達標|半數以上達標|未達標居多", text);
        }
        await page.CloseAsync();
    }
}
