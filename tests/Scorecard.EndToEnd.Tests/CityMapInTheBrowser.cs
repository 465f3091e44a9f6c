using Microsoft.Playwright;

namespace Scorecard.EndToEnd.Tests;

public class CityMapInTheBrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_planner_finds_AC1_in_theme_A_customer_row_and_follows_it_to_AC2_1s_q1_status()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "107 年策略地圖", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "臺北市政府 107 年策略地圖" })).ToBeVisibleAsync();

        // The 顧客 row of theme A's column, found as a person reads the grid.
        var themeA = await ColumnIndexAsync(page, "營造永續環境(A)");
        var customerRow = page.Locator("table.map-grid tbody tr").Filter(new() { Has = page.Locator("th", new() { HasTextString = "顧客 C" }) }).Last;
        var cell = customerRow.Locator("td").Nth(themeA - 1);
        await Assertions.Expect(cell).ToContainTextAsync("AC1 提升環境品質");
        await Assertions.Expect(cell).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "AC2 建構低碳城市" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "AC2.1", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "AC2.1 二氧化碳排放量移動平均" })).ToBeVisibleAsync();

        var q1Actual = page.Locator("table.values tr", new() { HasTextString = "第 1 季" }).Filter(new() { HasTextString = "實際值" });
        await Assertions.Expect(q1Actual.Locator("td.value")).ToHaveTextAsync("本數值屬年度統計值，無單季數據");
        await page.CloseAsync();
    }

    static async Task<int> ColumnIndexAsync(IPage page, string header)
    {
        var headers = await page.Locator("table.map-grid thead th").AllInnerTextsAsync();
        var index = headers.ToList().FindIndex(h => h.Contains(header));
        Assert.True(index > 0, $"no column {header}");
        return index;
    }

    [Fact]
    public async Task The_map_grid_renders_chinese_text_with_real_glyphs()
    {
        // Without a CJK font every Chinese character is drawn as the same empty box, so two
        // different characters drawn in the page's font would give the same pixels.
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "maps/" + Uri.EscapeDataString("臺北市政府") + "/107");
        var distinct = await page.EvaluateAsync<bool>("""
            () => {
              const canvas = document.createElement('canvas');
              canvas.width = canvas.height = 48;
              const g = canvas.getContext('2d');
              g.font = '36px ' + getComputedStyle(document.body).fontFamily;
              const draw = t => { g.clearRect(0, 0, 48, 48); g.fillText(t, 4, 40); return g.getImageData(0, 0, 48, 48).data.join(','); };
              return draw('提') !== draw('升') && draw('環') !== draw('境');
            }
            """);
        Assert.True(distinct, "Chinese characters render as identical boxes: install fonts-noto-cjk");
        await page.CloseAsync();
    }
}
