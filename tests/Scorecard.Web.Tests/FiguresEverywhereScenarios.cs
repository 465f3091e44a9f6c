using System.Text.RegularExpressions;
using Scorecard.Testing;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 33, as a reader of the demo data sees it: composite KPIs projected from their parts on the dashboard, in open data and
/// in search; the results' printed words on the KPI page and in the results report; the mean achievement not raised past 100%
/// by one KPI; HC5.3's impossible -654,759 flagged wherever it is shown.
/// </summary>
[Collection(ServersCollection.Name)]
public class FiguresEverywhereScenarios(Servers servers)
{
    static string Esc(string s) => Uri.EscapeDataString(s);

    /// <summary>The text of a page, its tags gone and its spaces collapsed, as a reader reads it.</summary>
    static string Read(string html) => Regex.Replace(System.Net.WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_kpi_with_parts_is_projected_from_its_parts_and_its_parts_show_their_figures(string provider)
    {
        using var client = (await servers.DemoAsync(provider)).CreateClient();

        var csv = (await client.GetStringAsync("/api/open-data/107.csv")).Split("\r\n");
        var composite = csv.Where(l => l.StartsWith("107,臺北市政府,107,") && l.Contains(",BF1.1,") && l.Contains(",Q1,")).ToList();
        // The KPI's own row (no part) carries the projection made from its agencies' rows.
        Assert.Contains(composite, l => l.Contains("預估未達標,分項 BF1.1（捷運局）、BF1.1（北水處） 預估未達標（預估未達標）"));
        Assert.Contains(csv, l => l.Contains(",AP2.1,") && l.Contains("預估達標,依各分項預估達成度加權推估（AP2.1（教育局） 50% × 397.1%、AP2.1（工務局） 50% × 0%），分項加權達成度約 198.6%（預估達標）"));

        // On the dashboard: BF1.1 among those likely to miss, its method in words; each agency's row with its own projection.
        var dashboard = await client.GetStringAsync("/dashboard?year=107&period=Q1&organisation=" + Esc("臺北市政府"));
        var likely = dashboard[dashboard.IndexOf("預估未達標的 KPI（", StringComparison.Ordinal)..];
        Assert.Contains("分項 BF1.1（捷運局）、BF1.1（北水處） 預估未達標（預估未達標）", Read(likely));
        var partRow = Regex.Match(likely, "<tr class=\"part\" data-kpi=\"BF1.1\" data-part=\"3\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("捷運局", partRow);
        Assert.Contains("預估未達標", Read(partRow));
        Assert.Contains("依最新一期", Read(partRow));

        // In search: each part with its own figures; the KPI made of parts says where its figures are.
        var search = Read(await client.GetStringAsync("/search?q=BP3.1"));
        Assert.Contains("BP3.1 門戶計畫執行進度 都發局 見各分項", search);
        Assert.Matches(@"BP3\.1-1 門戶計畫執行進度 （BP3\.1 門戶計畫執行進度 的分項） 都發局 .*? 82\.54 69（第 1 季）", search);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Results_print_their_words_and_the_mean_counts_each_kpi_at_most_at_the_cap(string provider)
    {
        using var client = (await servers.DemoAsync(provider)).CreateClient();
        // 秘書處's 106 results as seed 004 prints them: 「12 日內」 against 「11.75 日」, 「降低至 9.2%」.
        var card = Read(await client.GetStringAsync($"/maps/{Esc("臺北市政府秘書處")}/106/kpis/AC1.1"));
        Assert.Contains("12 日內 ／ 11.75 日", card);
        var report = Read(await client.GetStringAsync($"/api/maps/{Esc("臺北市政府秘書處")}/106/reports/results?format=html"));
        Assert.Contains("12 日內", report);
        Assert.Contains("降低至 9.2%", report);

        // The city's 107 Q1: 3 達標 and 4 未達標; the mean counts none above 100%, and says so.
        var dashboard = await client.GetStringAsync("/dashboard?year=107&period=Q1");
        var counts = Read(Regex.Match(dashboard, "<table class=\"standing-counts\">.*?</table>", RegexOptions.Singleline).Value);
        Assert.Contains("平均達成度 （每項至多計入自評總分的達成度上限，未另訂者 100%）", counts);
        var mean = decimal.Parse(Regex.Match(counts, @"全市（\d+ 項） .*? (\d+(\.\d)?)% 前期").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(mean, 0m, 100m);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_negative_figure_the_unit_cannot_take_is_flagged_on_every_surface(string provider)
    {
        using var client = (await servers.DemoAsync(provider)).CreateClient();
        const string doubt = "「-654,759」為負數，但單位「日期」不會是負數：疑為資料錯誤（如試算表轉換），請查核；不據以計算。";
        Assert.Contains("疑誤：" + doubt, Read(await client.GetStringAsync($"/maps/{Esc("臺北市政府")}/107/kpis/HC5.3")));
        var csv = (await client.GetStringAsync("/api/open-data/107.csv")).Split("\r\n");
        Assert.Contains(csv, l => l.Contains(",HC5.3,") && l.Contains(",-654759,") && l.Contains(doubt));
        Assert.EndsWith(",actualDoubt", csv[0]);
        var policy = Read(await client.GetStringAsync($"/api/maps/{Esc("臺北市政府")}/107/reports/policy?format=html&period=Q1"));
        Assert.Contains("-654,759（疑誤：單位「日期」不會是負數）", policy);
    }
}
