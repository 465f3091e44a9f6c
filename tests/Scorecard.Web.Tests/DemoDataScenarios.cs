using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Scorecard.Web.Tests;

[Collection(ServersCollection.Name)]
public partial class DemoDataScenarios(Servers servers)
{
    const string City = "臺北市政府";
    static string Esc(string s) => Uri.EscapeDataString(s);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task On_first_start_the_demo_data_gives_every_organisation_its_plan_years(string provider)
    {
        using var client = (await servers.DemoAsync(provider)).CreateClient();
        var tree = JsonNode.Parse(await client.GetStringAsync("/api/organisations"))!.AsArray();
        var city = Assert.Single(tree);
        Assert.Equal(City, city!["name"]!.GetValue<string>());
        Assert.Equal([107, 108, 109], city["planYears"]!.AsArray().Select(y => y!.GetValue<int>()));

        var all = Flatten(tree).ToDictionary(o => o["name"]!.GetValue<string>(), o => o["planYears"]!.AsArray().Select(y => y!.GetValue<int>()).ToArray());
        Assert.Equal([105], all["臺北市政府秘書處"]);   // the 106 council report adds to the 105–107 plan, which is in force for 106 and 107
        var years = Flatten(tree).ToDictionary(o => o["name"]!.GetValue<string>(), o => o["years"]!.AsArray().Select(y => y!.GetValue<int>()).ToArray());
        Assert.Equal([105, 106, 107], years["臺北市政府秘書處"]);
        Assert.Equal([110], all["臺北市北投區公所"]);
        Assert.Contains("臺北市政府民政局", all.Keys);
    }

    /// <summary>A load balancer's checks: alive, and ready once the database answers with every migration applied.</summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Health_and_readiness_answer(string provider)
    {
        using var client = (await servers.DemoAsync(provider)).CreateClient();
        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
        Assert.Equal("ready", await client.GetStringAsync("/readyz"));
    }

    [Fact]
    public async Task The_Secretariat_106_page_shows_the_plan_in_force_with_its_106_figures_and_results()
    {
        using var client = (await servers.DemoAsync("sqlite")).CreateClient();
        var page = await client.GetStringAsync($"/maps/{Esc("臺北市政府秘書處")}/106");
        Assert.Contains("<h1>臺北市政府秘書處 106 年策略地圖</h1>", page);
        Assert.Contains("106 年沒有另訂策略地圖，沿用", page);
        Assert.Contains("本機關 106 年 KPI（39 項）", page);
        Assert.Contains("自評與成果（29 筆）", page);
        Assert.Contains("106/objectives/AC1", page);   // links stay in the year looked at

        var rollUps = JsonNode.Parse(await client.GetStringAsync($"/api/maps/{Esc("臺北市政府秘書處")}/106/rollups"))!;
        Assert.Equal((106, 105), (rollUps["year"]!.GetValue<int>(), rollUps["planYear"]!.GetValue<int>()));
        var evaluations = await client.GetStringAsync($"/maps/{Esc("臺北市政府秘書處")}/106/evaluations");
        Assert.Contains("共 29 筆", evaluations);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"/maps/{Esc("臺北市政府秘書處")}/108")).StatusCode);

        // The JSON map of 106 is the plan in force, as the page is: it answered 500 (issue 33 §9).
        var json = JsonNode.Parse(await client.GetStringAsync($"/api/maps/{Esc("臺北市政府秘書處")}/106"))!;
        Assert.Equal(105, json["planYear"]!.GetValue<int>());
        Assert.Equal(39, json["kpis"]!.AsArray().Count);
        Assert.Contains(json["kpis"]![0]!["values"]!.AsArray(), v => v!["year"]!.GetValue<int>() == 106 && v["kind"]!.GetValue<string>() == "target");
    }

    [Fact]
    public async Task A_KPI_page_shows_its_history_across_the_maps_where_it_was_numbered_otherwise()
    {
        using var client = (await servers.DemoAsync("sqlite")).CreateClient();
        var page = await client.GetStringAsync($"/maps/{Esc(City)}/108/kpis/DC1.1");
        Assert.Contains("107 年 臺北市政府 DC1.2 失業率", page);   // 108's DC1.1 was 107's DC1.2
        Assert.Matches("<tr data-year=\"107\"><td>107 年</td><td>3.8</td><td>—</td></tr>", page);
        Assert.Matches("<tr data-year=\"108\"><td>108 年</td><td>3.8</td><td>3.6</td></tr>", page);
        Assert.Contains("<title>107-111年失業率</title>", page);   // the chart, with the same figures as the table: 109–111 are the 109 plan's targets
        Assert.Matches("<tr data-year=\"111\"><td>111 年</td><td>3.8</td><td>—</td></tr>", page);
    }

    static IEnumerable<JsonNode> Flatten(JsonArray nodes) =>
        nodes.SelectMany(n => new[] { n! }.Concat(Flatten(n!["children"]!.AsArray())));

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_city_107_map_has_8_themes_and_303_kpis_by_name_and_by_id(string provider)
    {
        using var client = (await servers.DemoAsync(provider)).CreateClient();
        var byName = await client.GetStringAsync($"/api/maps/{Esc(City)}/107");
        var map = JsonNode.Parse(byName)!;
        Assert.Equal(8, map["themes"]!.AsArray().Count);
        Assert.Equal(303, map["kpis"]!.AsArray().Count);

        var id = JsonNode.Parse(await client.GetStringAsync("/api/organisations"))![0]!["id"]!.GetValue<string>();
        Assert.Equal(byName, await client.GetStringAsync($"/api/maps/{id}/107"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_map_grid_puts_AC1_in_theme_As_customer_row(string provider)
    {
        using var client = (await servers.DemoAsync(provider)).CreateClient();
        var html = await client.GetStringAsync($"/maps/{Esc(City)}/107");
        Assert.Contains("【使命】</strong>為市民服務，替城市創新", html);
        Assert.Contains("【願景】</strong>成為宜居永續城市", html);
        var cell = Cell(html, "A", "C");
        Assert.Contains("AC1</span> 提升環境品質", cell);
        Assert.DoesNotContain("AP1", cell);
        Assert.Contains("TC1</span> 提升滿意的住民", html);
        Assert.Contains("營造永續環境(A)", html);
        Assert.Contains("精實良善治理(H)", html);
    }

    [Fact]
    public async Task The_stylesheet_the_pages_link_to_arrives_with_its_rules()
    {
        using var client = (await servers.DemoAsync("sqlite")).CreateClient();
        var html = await client.GetStringAsync("/");
        var href = Regex.Match(html, "<link rel=\"stylesheet\" href=\"([^\"]+)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + href);
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        var css = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains(".map-grid", css);
    }

    static string Cell(string html, string theme, string perspective)
    {
        var m = Regex.Match(html, $"<td data-theme=\"{theme}\" data-perspective=\"{perspective}\">(.*?)</td>", RegexOptions.Singleline);
        Assert.True(m.Success, $"no cell for theme {theme}, perspective {perspective}");
        return m.Groups[1].Value;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_kpi_page_shows_a_status_as_its_wording_never_as_zero(string provider)
    {
        using var client = (await servers.DemoAsync(provider)).CreateClient();
        var html = await client.GetStringAsync($"/maps/{Esc(City)}/107/kpis/AC2.1");
        var row = Row(html, 107, "Q1", "actual");
        Assert.Contains("<td class=\"value status\">本數值屬年度統計值，無單季數據</td>", row);
        Assert.Contains("1,220", Row(html, 107, "Y", "target"));
        Assert.Contains("臺北市溫室氣體管制執行計畫", html);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_kpi_page_shows_parts_with_their_owners_weights_and_values(string provider)
    {
        using var client = (await servers.DemoAsync(provider)).CreateClient();
        var html = await client.GetStringAsync($"/maps/{Esc(City)}/107/kpis/AP2.1");
        Assert.Contains("分項（2 項）", html);
        Assert.Contains("（權重 50%）", html);
        Assert.Contains("教育局", html);
        Assert.Contains("工務局", html);
        Assert.Contains("校次", html);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_bureau_kpi_page_shows_action_plan_budgets_per_year(string provider)
    {
        using var client = (await servers.DemoAsync(provider)).CreateClient();
        var api = JsonNode.Parse(await client.GetStringAsync($"/api/maps/{Esc("臺北市政府秘書處")}/105"))!;
        var plan = api["actionPlans"]!.AsArray().First(a => a!["budgets"] is JsonArray { Count: > 0 } b && b.Any(x => x!["amount"]!.GetValue<decimal>() > 0))!;
        var budget = plan["budgets"]!.AsArray().First(b => b!["amount"]!.GetValue<decimal>() > 0)!;

        var html = await client.GetStringAsync($"/maps/{Esc("臺北市政府秘書處")}/105/kpis/{Esc(plan["kpi"]!.GetValue<string>())}");
        Assert.Contains(plan["name"]!.GetValue<string>(), html);
        Assert.Contains($"{budget["year"]} 年：NT$ {budget["amount"]!.GetValue<decimal>():#,0}", html);
    }

    static string Row(string html, int year, string period, string kind)
    {
        var m = Regex.Match(html, $"<tr data-year=\"{year}\" data-period=\"{period}\" data-kind=\"{kind}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(m.Success, $"no value row {year} {period} {kind}");
        return m.Groups[1].Value;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_objective_page_lists_its_kpis(string provider)
    {
        using var client = (await servers.DemoAsync(provider)).CreateClient();
        var html = await client.GetStringAsync($"/maps/{Esc(City)}/107/objectives/AC1");
        Assert.Contains("提升環境品質", html);
        Assert.Contains("AC1.1", html);
        Assert.Contains("空氣品質優良日數比率(AQI)", html);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_unknown_map_or_kpi_is_a_404_with_a_message(string provider)
    {
        using var client = (await servers.DemoAsync(provider)).CreateClient();
        var page = await client.GetAsync($"/maps/{Esc(City)}/99");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("找不到「臺北市政府」99 年的策略地圖", await page.Content.ReadAsStringAsync());

        var kpi = await client.GetAsync($"/maps/{Esc(City)}/107/kpis/ZZ9.9");
        Assert.Equal(HttpStatusCode.NotFound, kpi.StatusCode);

        var api = await client.GetAsync($"/api/maps/{Esc("不存在的局")}/107");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Contains("不存在的局", await api.Content.ReadAsStringAsync());
    }
}
