using Microsoft.Playwright;
using Scorecard.Testing;

namespace Scorecard.EndToEnd.Tests;

/// <summary>
/// Issue 37 §4: a workbook whose title names an organisation the install does not know yet. The administrator
/// ticks the import page's box, the preview warns that the organisation will be made under its parent, and the
/// import makes it; a planner is not offered the box. Screenshots at desktop width and 412 px.
/// </summary>
public class ImportNewOrganisationInTheBrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_administrator_imports_a_workbook_of_a_new_bureau_made_from_its_title()
    {
        var beitou = await File.ReadAllBytesAsync(Path.Combine(SeedData.Folder, "excel", "beitou-bsc-110.xlsx"));
        var workbook = Path.Combine(Path.GetTempPath(), $"space-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(workbook, Workbooks.WithText(Workbooks.WithText(beitou, "策略地圖", "A1", "臺北市政府太空局策略地圖"),
            "平衡計分卡", "A1", "臺北市政府太空局策略地圖與平衡計分卡"));
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        try
        {
            await using (var context = await browser.NewContextAsync())
            {
                var rdec = await browser.SignInAsync(context, "rdec@example.org");
                await rdec.GotoAsync(browser.BaseUrl + "import");
                Assert.Equal(0, await rdec.Locator("input[name='Options.CreateOrganisation']").CountAsync());
            }
            // The phone only previews; the desktop then imports (after which the organisation is known, with no warning).
            foreach (var (name, options) in new[] { ("phone", new BrowserNewContextOptions { ViewportSize = new() { Width = 412, Height = 915 }, IsMobile = true, HasTouch = true }),
                         ("desktop", new BrowserNewContextOptions { ViewportSize = new() { Width = 1366, Height = 900 } }) })
            {
                await using var context = await browser.NewContextAsync(options);
                var admin = await browser.SignInAsync(context, "admin@example.org");
                await admin.GotoAsync(browser.BaseUrl + "import");
                await admin.SetInputFilesAsync("input[name='Files']", workbook);
                await admin.CheckAsync("input[name='Options.CreateOrganisation']");
                await admin.ClickAsync("button:has-text('預覽')");
                var preview = await admin.InnerTextAsync(".done");
                Assert.Contains("預覽：尚未寫入", preview);
                Assert.Contains("依活頁簿標題新增機關「臺北市政府太空局」，隸屬「臺北市政府」，請確認。", preview);
                await admin.ScreenshotAsync(new() { Path = Path.Combine(folder, $"import-new-organisation-{name}.png"), FullPage = true });
                if (name == "desktop")
                {
                    await admin.ClickAsync("button:has-text('確認匯入')");
                    Assert.Contains("臺北市政府太空局 110 年", await admin.InnerTextAsync(".done:has-text('已匯入')"));
                }
            }
        }
        finally { File.Delete(workbook); }
    }
}
