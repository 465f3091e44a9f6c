using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Scorecard.EndToEnd.Tests;

/// <summary>
/// Issue 34, the planner's review page in Chromium: 107 Q2 opened with the suggested deadline (past, so confirmed),
/// submissions approved all at once but one returned, the publish previewed and confirmed. Each step is saved as a
/// screenshot under the test output's screenshots/ folder, at desktop width and at 412 px.
/// </summary>
public class ReviewAndPublishInTheBrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    const string Review = "maps/臺北市政府/107/review/107/Q2";
    const string Api = "api/maps/臺北市政府/107/kpis/";
    static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, name), FullPage = true });
    }

    /// <summary>環保局 enters through the API, as its own staff would through the entry page.</summary>
    async Task<HttpClient> ReporterAsync()
    {
        var client = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        var login = await client.PostAsJsonAsync("api/account/login", new { email = "epb@example.org", password = "Scorecard-demo-1" });
        login.EnsureSuccessStatusCode();
        var token = JsonNode.Parse(await login.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    static async Task EnterAsync(HttpClient reporter, string code, object body, bool submit = true)
    {
        (await reporter.PutAsJsonAsync(Api + code + "/values/107/Q2/actual", body)).EnsureSuccessStatusCode();
        if (submit) (await reporter.PostAsync(Api + code + "/values/107/Q2/submit", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task The_planner_opens_107_Q2_approves_all_but_one_and_publishes_after_the_preview()
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 } });
        var rdec = await browser.SignInAsync(context, "rdec@example.org");
        await rdec.GotoAsync(browser.BaseUrl + Review);

        // Not open: one action, the suggested deadline in its box, and the warning that it has passed.
        Assert.Equal("未開放", (await rdec.InnerTextAsync("#period-state")).Trim());
        Assert.Equal("2018-07-15", await rdec.InputValueAsync("input[name='OpenForm.Deadline']"));
        Assert.Contains("截止日 107/07/15 已經過了", await rdec.InnerTextAsync("#past-deadline"));
        Assert.Equal(0, await rdec.Locator("button:has-text('發布')").CountAsync());
        Assert.Equal(0, await rdec.Locator("input[name='ReopenForm.Reason']").CountAsync());
        await ShotAsync(rdec, "review-1-not-open.png");

        // Without the tick it is refused, naming the date; with it, the period opens.
        await rdec.ClickAsync("button:has-text('開放填報')");
        await Assertions.Expect(rdec.Locator("p.error")).ToContainTextAsync("截止日 107/07/15 已經過了");
        Assert.Equal("未開放", (await rdec.InnerTextAsync("#period-state")).Trim());
        await rdec.GetByLabel("截止日已過，仍要開放").CheckAsync();
        await rdec.ClickAsync("button:has-text('開放填報')");
        await Assertions.Expect(rdec.Locator("#period-state")).ToHaveTextAsync("填報中");
        Assert.Contains("截止日 107/07/15", await rdec.InnerTextAsync(".period-actions"));
        await ShotAsync(rdec, "review-2-open.png");

        // 環保局 submits three and leaves a draft.
        using (var epb = await ReporterAsync())
        {
            await EnterAsync(epb, "AC1.1", new { value = 45.2, narrative = "推動空污減量，空品改善。" });
            await EnterAsync(epb, "AC3.4", new { value = 0.47, narrative = "資源回收持續推動。" });
            await EnterAsync(epb, "AC1.2", new { status = "未統計", narrative = "本季資料尚未統計。" });
            await EnterAsync(epb, "AC1.3", new { status = "未統計" }, submit: false);
        }

        await rdec.GotoAsync(browser.BaseUrl + Review);   // not a reload: that would post the opening again
        var ac11 = rdec.Locator("table.review tr[data-kpi='AC1.1']");
        Assert.Contains("45.2", await ac11.Locator("td.figure").InnerTextAsync());
        Assert.NotEmpty((await ac11.Locator("td.assessment").InnerTextAsync()).Trim());
        Assert.Contains("推動空污減量", await ac11.InnerTextAsync());
        Assert.Contains("3 項已送出", await rdec.InnerTextAsync("button:has-text('全部核定')"));
        await ShotAsync(rdec, "review-3-submitted.png");

        // One returned with its comment, the others approved at once.
        await rdec.CheckAsync("input[aria-label='退回 AC3.4']");
        await rdec.FillAsync("input[aria-label='AC3.4 退回意見']", "請說明本季回收量的資料來源。");
        await rdec.ClickAsync("button:has-text('全部核定')");
        await Assertions.Expect(rdec.Locator(".done")).ToContainTextAsync("已核定 2 項、退回 1 項");
        Assert.Equal("已核定", (await rdec.InnerTextAsync("tr[data-kpi='AC1.1'] td.state")).Split('\n')[0].Trim());
        Assert.Equal("已退回", (await rdec.InnerTextAsync("tr[data-kpi='AC3.4'] td.state")).Split('\n')[0].Trim());
        var epbProgress = rdec.Locator("table.agency-progress tr[data-organisation='環保局'] td");
        Assert.Equal(["22", "4", "0", "1", "2", "0", "18"], (await epbProgress.AllInnerTextsAsync()).Select(t => t.Trim()).ToArray());
        await ShotAsync(rdec, "review-4-reviewed.png");

        // The same page on a phone: a card a submission, nothing wider than the screen.
        await using (var phone = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 412, Height = 915 }, IsMobile = true, HasTouch = true }))
        {
            var small = await browser.SignInAsync(phone, "rdec@example.org");
            await small.GotoAsync(browser.BaseUrl + Review);
            var width = await small.EvaluateAsync<double>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 412, $"the review page is {width} px wide at 412 px");
            await ShotAsync(small, "review-5-phone.png");
            await small.Locator("table.review").ScrollIntoViewIfNeededAsync();
            await small.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "review-5-phone-cards.png") });
        }

        // Publishing shows first what it publishes and what it leaves out; only the confirmation publishes.
        await rdec.ClickAsync("button:has-text('發布…')");
        var preview = rdec.Locator("#publish-preview");
        await Assertions.Expect(preview).ToContainTextAsync("將發布 2 項；1 項已退回、1 項草稿未送出、");
        Assert.Contains("項未填，不會發布。", await preview.InnerTextAsync());
        Assert.Equal("填報中", (await rdec.InnerTextAsync("#period-state")).Trim());
        await ShotAsync(rdec, "review-6-preview.png");
        await rdec.ClickAsync("button:has-text('確認發布')");
        await Assertions.Expect(rdec.Locator(".done")).ToContainTextAsync("已發布，2 項核定數值已公開");
        Assert.Equal("已發布", (await rdec.InnerTextAsync("#period-state")).Trim());
        Assert.Contains("發布後尚無新核定的項目", await rdec.InnerTextAsync(".period-actions"));
        Assert.Equal(1, await rdec.Locator("input[name='ReopenForm.Reason']").CountAsync());
        await ShotAsync(rdec, "review-7-published.png");
    }
}
