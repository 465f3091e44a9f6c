namespace Scorecard.EndToEnd.Tests;

/// <summary>Issue 6 in Chromium, with forms only: open, enter and submit, approve and publish, read signed out.</summary>
public class ReportingCycleInTheBrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    const string Review = "maps/臺北市政府/107/review/107/Q3";
    const string Entry = "maps/臺北市政府/107/entry/107/Q3";


    [Fact]
    public async Task Epb_enters_and_submits_rdec_approves_and_publishes_and_the_public_sees_the_figure()
    {
        // 研考會 opens 107 Q3.
        await browser.OpenPeriodAsync(Review, "2018-10-15");

        // 環保局 finds the period on its to-do list and fills AC1.1 on the bulk form.
        await using (var epbContext = await browser.NewContextAsync())
        {
            var epb = await browser.SignInAsync(epbContext, "epb@example.org");
            Assert.Contains("AC1.1", await epb.InnerTextAsync("main"));
            await epb.ClickAsync("a:has-text('107 年第 3 季')");
            await BrowserFixture.LandAsync(epb, "**/entry/107/Q3", "h1:has-text('填報')");
            await epb.FillAsync("input[aria-label='AC1.1 實際值']", "47.6");
            await epb.FillAsync("textarea[aria-label='AC1.1 執行情形']", "加強移動污染源管制。");
            await epb.CheckAsync("input[aria-label='送出 AC1.1']");
            await epb.ClickAsync("button:has-text('儲存草稿，並送出勾選項目')");
            await epb.WaitForSelectorAsync(".entry-outcome");
            Assert.Contains("已儲存 1 項：AC1.1。", await epb.InnerTextAsync(".entry-outcome .done"));
            Assert.Contains("已送出 1 項：AC1.1。", await epb.InnerTextAsync(".entry-outcome .submitted"));
            Assert.Contains("已送出", await epb.InnerTextAsync("#kpi-AC1\\.1- .state"));
            // At a desk's width the narrative box is wide enough for a paragraph.
            var narrative = (await epb.Locator("textarea[aria-label='AC1.2 執行情形']").BoundingBoxAsync())!;
            Assert.True(narrative.Width >= 400, $"the narrative box is {narrative.Width} px wide");
            Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
            await epb.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "entry-desktop-submitted.png"), FullPage = false });
        }

        // Before publication a signed-out reader does not see it.
        var anonymous = await browser.NewPageAsync();
        await anonymous.GotoAsync(browser.BaseUrl + "maps/臺北市政府/107/kpis/AC1.1");
        Assert.DoesNotContain("47.6", await anonymous.InnerTextAsync("main"));

        // 研考會 approves and publishes.
        await using (var rdecContext = await browser.NewContextAsync())
        {
            var rdec = await browser.SignInAsync(rdecContext, "rdec@example.org");
            Assert.Contains("AC1.1", await rdec.InnerTextAsync("main"));   // waiting for review
            await rdec.GotoAsync(browser.BaseUrl + Review);
            Assert.Contains("環保局", await rdec.InnerTextAsync("table.agency-progress"));
            await rdec.CheckAsync("input[aria-label='核定 AC1.1']");
            await rdec.ClickAsync("button:has-text('送出審核結果')");
            await rdec.WaitForSelectorAsync(".done");
            Assert.Contains("已核定 1 項", await rdec.InnerTextAsync(".done"));
            await rdec.ClickAsync("button:has-text('發布…')");
            await rdec.ClickAsync("button:has-text('確認發布')");
            await rdec.Locator(".done:has-text('已發布')").WaitForAsync();
            Assert.Equal("已發布", (await rdec.InnerTextAsync("#period-state")).Trim());
        }

        await anonymous.ReloadAsync();
        Assert.Contains("47.6", await anonymous.InnerTextAsync("main"));
        await anonymous.CloseAsync();
    }

    /// <summary>Issue 33 §7: 47 typed for AC3.4 (target 0.463, Q1 0.489) is asked about, and stored once the box is ticked.</summary>
    [Fact]
    public async Task A_figure_far_from_target_and_history_is_stored_once_the_reporter_ticks_the_box()
    {
        await browser.OpenPeriodAsync("maps/臺北市政府/107/review/107/Q2", "2018-07-15");

        await using var epbContext = await browser.NewContextAsync();
        var epb = await browser.SignInAsync(epbContext, "epb@example.org");
        await epb.ClickAsync("a:has-text('107 年第 2 季')");
        await BrowserFixture.LandAsync(epb, "**/entry/107/Q2", "h1:has-text('填報')");
        await epb.FillAsync("input[aria-label='AC3.4 實際值']", "47");
        await epb.ClickAsync("button:has-text('儲存草稿，並送出勾選項目')");
        await epb.WaitForSelectorAsync(".entry-outcome");
        Assert.Contains("1 項數值待確認，尚未儲存：AC3.4", await epb.InnerTextAsync(".entry-outcome .held"));
        Assert.Equal(0, await epb.Locator(".entry-outcome .done").CountAsync());
        var row = epb.Locator("#kpi-AC3\\.4-");
        Assert.Contains("數值與目標及前期差距甚大，確認無誤？", await row.InnerTextAsync());
        Assert.Contains("比較：目標值 0.463；前期 0.489", await row.InnerTextAsync());
        Assert.Contains("未填", await row.Locator(".state").InnerTextAsync());
        Assert.Equal("47", await epb.InputValueAsync("input[aria-label='AC3.4 實際值']"));   // what was typed is kept

        await row.GetByLabel("確認無誤，照此數值儲存").CheckAsync();
        await epb.ClickAsync("button:has-text('儲存草稿，並送出勾選項目')");
        await epb.WaitForSelectorAsync(".entry-outcome .done:has-text('已儲存 1 項')");
        Assert.DoesNotContain("確認無誤？", await row.InnerTextAsync());
        Assert.Equal("草稿", (await row.Locator(".state").InnerTextAsync()).Trim());
        Assert.Equal("47", await epb.InputValueAsync("input[aria-label='AC3.4 實際值']"));
    }

    [Fact]
    public async Task A_wrong_password_says_so_in_chinese()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "account/login");
        await page.FillAsync("input[name='Form.Email']", "mayor@example.org");
        await page.FillAsync("input[name='Form.Password']", "not-the-password");
        await page.ClickAsync("button:has-text('登入')");
        Assert.Contains("電子郵件或密碼不正確", await page.InnerTextAsync("[role=alert]"));
        await page.CloseAsync();
    }
}
