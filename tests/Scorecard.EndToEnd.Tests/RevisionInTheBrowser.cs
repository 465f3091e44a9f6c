namespace Scorecard.EndToEnd.Tests;

/// <summary>Issue 8 in Chromium, forms only: the revision summary and the diff page read as seed 003; a planner rolls a map forward into a draft and publishes it.</summary>
public class RevisionInTheBrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Leadership_reads_the_109_revision_and_the_diff_and_a_planner_rolls_the_map_forward()
    {
        await using var readerContext = await browser.NewContextAsync();
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync(browser.BaseUrl + "maps/臺北市政府/109/revision");
        Assert.Equal("臺北市政府 109 年度修正內容", (await reader.InnerTextAsync("h1")).Trim());
        // The seed's own table beside the computed one (the demo's 108 map has no action plans of its own, so 0 → 7).
        Assert.Contains("文件所載 7(-1)", await reader.InnerTextAsync("table.counts tr[data-perspective='C']"));
        Assert.Contains("文件所載 2(-1)，與地圖不符", await reader.InnerTextAsync("table.counts tr[data-perspective='F']"));
        Assert.Contains("刪除 KPI", await reader.InnerTextAsync("table.changes"));
        Assert.Equal(0, await reader.Locator("textarea").CountAsync());   // readers read; they do not write reasons

        await reader.GotoAsync(browser.BaseUrl + "maps/臺北市政府/diff?from=108&to=109");
        Assert.Contains("108 年與 109 年策略地圖比較", await reader.InnerTextAsync("h1"));
        Assert.Contains("DP3.3", await reader.InnerTextAsync("table.changes"));
        await reader.SelectOptionAsync("select[name='from']", "107");
        await reader.ClickAsync("button:has-text('比較')");
        await BrowserFixture.LandAsync(reader, "**/diff?from=107&to=109", "h1:has-text('107 年與 109 年策略地圖比較')");

        await using var plannerContext = await browser.NewContextAsync();
        var planner = await browser.SignInAsync(plannerContext, "rdec@example.org");
        await planner.GotoAsync(browser.BaseUrl + "maps/臺北市政府/109/revision");
        await planner.FillAsync("input[name='Roll.PlanYear']", "110");
        await planner.ClickAsync("button:has-text('建立草稿')");
        await BrowserFixture.LandAsync(planner, "**/maps/*/110/revision", "h1:has-text('110 年度修正內容')");
        Assert.StartsWith("草稿", (await planner.InnerTextAsync("#revision-state")).Trim());
        await reader.GotoAsync(browser.BaseUrl + "maps/臺北市政府/110/revision");
        Assert.Contains("找不到", await reader.ContentAsync());   // a draft is its planners' alone

        // A change in the draft (made through the API, with the planner's token: the API writes by token only, ADR 0003)
        // needs its reason before it publishes.
        var login = await plannerContext.APIRequest.PostAsync(browser.BaseUrl + "api/account/login",
            new() { DataObject = new { email = "rdec@example.org", password = "Scorecard-demo-1" } });
        var token = (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString();
        Assert.True((await plannerContext.APIRequest.DeleteAsync(browser.BaseUrl + "api/maps/臺北市政府/110/kpis/DP5.2",
            new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } })).Ok);
        await planner.GotoAsync(browser.BaseUrl + "maps/臺北市政府/110/revision");
        await planner.ClickAsync("button:has-text('儲存並發布 110 年策略地圖')");
        Assert.Contains("尚有 1 項修正未填原因：刪除 KPI DP5.2", await planner.InnerTextAsync("p.error"));
        Assert.StartsWith("草稿", (await planner.InnerTextAsync("#revision-state")).Trim());
        await planner.FillAsync("textarea[aria-label='刪除 KPI DP5.2 修正原因']", "併入 DP5.1 評估");
        await planner.ClickAsync("button:has-text('儲存並發布 110 年策略地圖')");
        await planner.WaitForSelectorAsync(".done");
        Assert.Equal("已發布", (await planner.InnerTextAsync("#revision-state")).Trim());
        Assert.Contains("併入 DP5.1 評估", await planner.InnerTextAsync("table.changes tr[data-code='DP5.2']"));
    }
}
