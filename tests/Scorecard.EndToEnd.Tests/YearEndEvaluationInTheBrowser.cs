namespace Scorecard.EndToEnd.Tests;

/// <summary>
/// Issue 8 §3 in Chromium, with forms only: the year is entered and published, 研考會 opens the
/// evaluation, 環保局 self-assesses AC1.1 (refused first for a missing narrative), 研考會 approves and is
/// told what still keeps it from finalizing.
/// </summary>
public class YearEndEvaluationInTheBrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    const string Review = "maps/臺北市政府/107/review/107/Y";
    const string Entry = "maps/臺北市政府/107/entry/107/Y";

    [Fact]
    public async Task Rdec_opens_the_evaluation_epb_self_assesses_and_rdec_approves()
    {
        await browser.OpenPeriodAsync(Review, "2019-01-31");

        // 環保局 reports the year: 40 against a target of 51, explained.
        await using (var context = await browser.NewContextAsync())
        {
            var epb = await browser.SignInAsync(context, "epb@example.org");
            await epb.GotoAsync(browser.BaseUrl + Entry);
            await epb.FillAsync("input[aria-label='AC1.1 實際值']", "40");
            await epb.ClickAsync("button:has-text('儲存草稿，並送出勾選項目')");
            await epb.WaitForSelectorAsync("textarea[aria-label='AC1.1 狀況分析']");   // open at once, as the saved figure misses
            Assert.Equal("40", await epb.InputValueAsync("input[aria-label='AC1.1 實際值']"));
            Assert.Equal("", await epb.InputValueAsync("input[aria-label='AC1.2 實際值']"));
            await epb.FillAsync("textarea[aria-label='AC1.1 狀況分析']", "境外污染移入日數增加。");
            await epb.FillAsync("textarea[aria-label='AC1.1 對策']", "加強營建工地稽查。");
            await epb.CheckAsync("input[aria-label='送出 AC1.1']");
            await epb.ClickAsync("button:has-text('儲存草稿，並送出勾選項目')");
            await epb.Locator(".entry-outcome .submitted:has-text('已送出 1 項')").WaitForAsync();
        }

        // 研考會 approves and publishes the year, then opens the evaluation from the review page.
        await using (var context = await browser.NewContextAsync())
        {
            var rdec = await browser.SignInAsync(context, "rdec@example.org");
            await rdec.GotoAsync(browser.BaseUrl + Review);
            await rdec.CheckAsync("input[aria-label='核定 AC1.1']");
            await rdec.ClickAsync("button:has-text('送出審核結果')");
            await rdec.Locator(".done:has-text('已核定 1 項')").WaitForAsync();
            await rdec.ClickAsync("button:has-text('發布…')");
            await rdec.ClickAsync("button:has-text('確認發布')");
            await rdec.Locator(".done:has-text('已發布')").WaitForAsync();
            Assert.Equal("已發布", (await rdec.InnerTextAsync("#period-state")).Trim());
            await rdec.ClickAsync("a:has-text('107 年度自評')");
            await BrowserFixture.LandAsync(rdec, "**/self-assessment/107", "#evaluation-state");
            Assert.Equal("未開放", (await rdec.InnerTextAsync("#evaluation-state")).Trim());
            await rdec.ClickAsync("button:has-text('開放自評')");
            await rdec.WaitForSelectorAsync(".done");
            Assert.Contains("已開放 107 年度自評", await rdec.InnerTextAsync(".done"));
            Assert.Equal("自評中", (await rdec.InnerTextAsync("#evaluation-state")).Trim());
        }

        // 環保局 finds it on its to-do list; the year's explanation is already there, not typed again.
        await using (var context = await browser.NewContextAsync())
        {
            var epb = await browser.SignInAsync(context, "epb@example.org");
            await epb.ClickAsync("a:has-text('臺北市政府 107 年度自評')");
            await BrowserFixture.LandAsync(epb, "**/self-assessment/107", "#evaluation-state");
            var ac11 = epb.Locator("section.assessment[data-kpi='AC1.1']");
            Assert.Contains("（未達標）", await ac11.InnerTextAsync());
            Assert.Equal("境外污染移入日數增加。", await epb.InputValueAsync("textarea[aria-label='AC1.1 狀況分析']"));
            await epb.FillAsync("input[aria-label='AC1.1 創新度']", "85");
            await epb.FillAsync("textarea[aria-label='AC1.1 創新度說明']", "導入微型感測器監測工地揚塵。");
            await epb.FillAsync("input[aria-label='AC1.1 挑戰度']", "80");
            await epb.FillAsync("input[aria-label='AC1.1 貢獻度']", "90");
            await epb.FillAsync("textarea[aria-label='AC1.1 貢獻度說明']", "改善市民呼吸品質。");
            await epb.CheckAsync("input[aria-label='送出 AC1.1 自評']");
            await epb.ClickAsync("button:has-text('儲存自評，並送出勾選項目')");
            await epb.WaitForSelectorAsync(".field-error");
            Assert.Contains("送出自評前須填寫挑戰度說明", await ac11.InnerTextAsync());
            Assert.Equal("80", await epb.InputValueAsync("input[aria-label='AC1.1 挑戰度']"));   // saved as a draft, nothing typed is lost

            await epb.FillAsync("textarea[aria-label='AC1.1 挑戰度說明']", "目標值逐年提高。");
            await epb.CheckAsync("input[aria-label='送出 AC1.1 自評']");
            await epb.ClickAsync("button:has-text('儲存自評，並送出勾選項目')");
            await epb.Locator(".done:has-text('送出 1 項')").WaitForAsync();
            Assert.Contains("已送出", await ac11.InnerTextAsync());
        }

        // 研考會 approves it; finalizing waits for the other KPIs and says so.
        await using (var context = await browser.NewContextAsync())
        {
            var rdec = await browser.SignInAsync(context, "rdec@example.org");
            await rdec.ClickAsync("a:has-text('臺北市政府 107 年度自評')");
            await BrowserFixture.LandAsync(rdec, "**/self-assessment/107", "#evaluation-state");
            var row = rdec.Locator("table.overview tr[data-kpi='AC1.1']");
            Assert.Contains("已送出", await row.InnerTextAsync());
            await rdec.CheckAsync("input[aria-label='核定 AC1.1 自評']");
            await rdec.ClickAsync("button:has-text('送出審核結果')");
            await rdec.Locator(".done:has-text('已核定 1 項')").WaitForAsync();
            Assert.Contains("已核定", await row.InnerTextAsync());
            await rdec.ClickAsync("button:has-text('定案')");
            await rdec.WaitForSelectorAsync("[role=alert]");
            Assert.Contains("項自評未核定，無法定案：未填", await rdec.InnerTextAsync("[role=alert]"));
            Assert.Equal("自評中", (await rdec.InnerTextAsync("#evaluation-state")).Trim());
        }
    }
}
