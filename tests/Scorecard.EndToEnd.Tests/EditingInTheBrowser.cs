namespace Scorecard.EndToEnd.Tests;

/// <summary>Issue 6 §4 in Chromium, forms only: a planner edits a KPI, a stale tab is refused, the history says it; a composite KPI is entered by its plans' progress.</summary>
public class EditingInTheBrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    const string Ac12Edit = "maps/臺北市政府/107/kpis/AC1.2/edit";


    [Fact]
    public async Task A_planner_edits_a_KPI_and_an_older_tab_is_told_who_changed_it()
    {
        await using var context = await browser.NewContextAsync();
        var first = await browser.SignInAsync(context, "rdec@example.org");
        await first.GotoAsync(browser.BaseUrl + "maps/臺北市政府/107/kpis/AC1.2");
        // The planner is offered the edit page; go there by its address (a click races the page's script).
        Assert.EndsWith("/AC1.2/edit", await first.GetAttributeAsync("a:has-text('編輯此 KPI')", "href"));
        await first.GotoAsync(browser.BaseUrl + Ac12Edit);
        var second = await context.NewPageAsync();
        await second.GotoAsync(browser.BaseUrl + Ac12Edit);

        await first.FillAsync("input[name='Definition.Unit']", "公噸");
        await first.ClickAsync("button:has-text('儲存定義')");
        await first.WaitForSelectorAsync(".done");
        Assert.Equal("公噸", await first.InputValueAsync("input[name='Definition.Unit']"));

        // The older tab still shows the old version: its save is refused and names the change.
        await second.FillAsync("input[name='Definition.Name']", "不該存入的名稱");
        await second.ClickAsync("button:has-text('儲存定義')");
        var refusal = await second.InnerTextAsync("p.error");
        Assert.Contains("rdec@example.org", refusal);
        Assert.Contains("單位", refusal);
        Assert.Contains("公噸", refusal);
        Assert.Equal("不該存入的名稱", await second.InputValueAsync("input[name='Definition.Name']"));   // what was typed stays on the form

        // The KPI page shows the new unit, and to staff the change in its 修改紀錄.
        await first.GotoAsync(browser.BaseUrl + "maps/臺北市政府/107/kpis/AC1.2");
        Assert.Contains("公噸", await first.InnerTextAsync("main"));
        Assert.DoesNotContain("不該存入的名稱", await first.InnerTextAsync("main"));
        var history = await first.InnerTextAsync("ol.history");
        Assert.Contains("rdec@example.org", history);
        Assert.Contains("→「公噸」", history);

        // Signed out: the unit, but no history.
        var anonymous = await browser.NewPageAsync();
        await anonymous.GotoAsync(browser.BaseUrl + "maps/臺北市政府/107/kpis/AC1.2");
        Assert.Contains("公噸", await anonymous.InnerTextAsync("main"));
        Assert.Equal(0, await anonymous.Locator("ol.history").CountAsync());
        await anonymous.CloseAsync();
    }

    [Fact]
    public async Task Epb_enters_AC2_3_by_the_progress_of_its_plans()
    {
        await browser.OpenPeriodAsync("maps/臺北市政府/107/review/107/Q2", "2018-07-15");
        await using var context = await browser.NewContextAsync();
        var epb = await browser.SignInAsync(context, "epb@example.org");
        await epb.GotoAsync(browser.BaseUrl + "maps/臺北市政府/107/entry/107/Q2");
        foreach (var (plan, progress) in new[] { ("AC2.3.1", "100"), ("AC2.3.2", "80"), ("AC2.3.3", "50"), ("AC2.3.4", "0") })
            await epb.FillAsync($"input[aria-label='{plan} 進度']", progress);
        await epb.ClickAsync("button:has-text('儲存草稿，並送出勾選項目')");
        await epb.WaitForSelectorAsync(".done");
        Assert.Contains("已儲存 1 項", await epb.InnerTextAsync(".done"));
        var row = await epb.InnerTextAsync("#kpi-AC2\\.3-");
        Assert.Contains("目前 64", row);
        Assert.Contains("草稿", row);
    }
}
