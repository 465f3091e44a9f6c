using System.Text.RegularExpressions;

namespace Scorecard.EndToEnd.Tests;

/// <summary>The administrator's page in Chromium: a new account, its one-time password, and the new person signing in with it.</summary>
public class AdministrationInTheBrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{

    [Fact]
    public async Task The_administrator_creates_a_reporter_who_signs_in_with_the_password_shown_once()
    {
        string password;
        await using (var adminContext = await browser.NewContextAsync())
        {
            var admin = await browser.SignInAsync(adminContext, "admin@example.org");
            Assert.Equal("admin", await admin.GetAttributeAsync("header a:has-text('帳號與機關')", "href"));
            await admin.GotoAsync(browser.BaseUrl + "admin");
            await admin.FillAsync("input[name='Add.Email']", "sports@example.org");
            await admin.SelectOptionAsync("select[name='Add.Role']", "reporter");
            await admin.FillAsync("input[name='Add.Organisation']", "體育局");
            await admin.ClickAsync("button:has-text('新增帳號')");
            var done = await admin.InnerTextAsync(".done");
            password = Regex.Match(done, "初始密碼：(\\S+?)（").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(password), done);
            Assert.Contains("填報（臺北市政府體育局）", await admin.InnerTextAsync("table.accounts"));
        }

        await using var context = await browser.NewContextAsync();
        var sports = await browser.SignInAsync(context, "sports@example.org", password);
        Assert.Contains("sports@example.org", await sports.InnerTextAsync("header"));
        Assert.Equal(0, await sports.Locator("header a:has-text('帳號與機關')").CountAsync());
        await sports.GotoAsync(browser.BaseUrl + "admin");
        Assert.Contains("僅系統管理者", await sports.InnerTextAsync("[role=alert]"));
    }

    [Fact]
    public async Task A_planner_imports_a_file_from_the_import_page_and_a_reporter_may_not()
    {
        await using (var context = await browser.NewContextAsync())
        {
            var rdec = await browser.SignInAsync(context, "rdec@example.org");
            Assert.Equal("import", await rdec.GetAttributeAsync("header a:has-text('匯入')", "href"));
            await rdec.GotoAsync(browser.BaseUrl + "import");
            await rdec.SetInputFilesAsync("input[name='Files']", Scorecard.Testing.SeedData.PathOf("city-107q1-D.json"));
            await rdec.ClickAsync("button:has-text('預覽')");
            var preview = await rdec.InnerTextAsync(".done");
            Assert.Contains("預覽：尚未寫入", preview);
            Assert.Contains("策略目標", preview);
            await rdec.ClickAsync("button:has-text('確認匯入')");
            var done = await rdec.InnerTextAsync(".done:has-text('已匯入')");
            Assert.Contains("已匯入 1 個檔案", done);
            Assert.Contains("臺北市政府 107 年", done);
        }
        await using (var context = await browser.NewContextAsync())
        {
            var epb = await browser.SignInAsync(context, "epb@example.org");
            Assert.Equal(0, await epb.Locator("header a:has-text('匯入')").CountAsync());
            await epb.GotoAsync(browser.BaseUrl + "import");
            await epb.SetInputFilesAsync("input[name='Files']", Scorecard.Testing.SeedData.PathOf("city-107q1-D.json"));
            await epb.ClickAsync("button:has-text('預覽')");
            Assert.Contains("您的角色不能匯入", await epb.InnerTextAsync("[role=alert]"));
        }
    }
}
