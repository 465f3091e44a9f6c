using System.Net;
using Scorecard.Testing;

namespace Scorecard.Web.Tests;

/// <summary>Issue 33 §5: the demo data's figures read on the pages and in the policy report as the documents print them.</summary>
[Collection(ServersCollection.Name)]
public class PrintedTextScenarios(Servers servers)
{
    static string Esc(string s) => Uri.EscapeDataString(s);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_kpi_pages_show_qualifiers_trailing_zeros_and_notes_as_printed(string provider)
    {
        using var client = (await servers.DemoAsync(provider)).CreateClient();
        var ap41 = await client.GetStringAsync($"/maps/{Esc("臺北市政府")}/107/kpis/AP4.1");
        Assert.Contains(">&lt;0.2<", ap41);
        Assert.Contains(">10 以下<", await client.GetStringAsync($"/maps/{Esc("臺北市政府")}/107/kpis/EF2.1"));
        Assert.Contains(">80 以上<", await client.GetStringAsync($"/maps/{Esc("臺北市政府")}/107/kpis/EF3.1"));
        Assert.Contains(">75.0%<", await client.GetStringAsync($"/maps/{Esc("臺北市北投區公所")}/110/kpis/AC1.1"));
        var dashboard = await client.GetStringAsync("/dashboard?year=107&period=Q1&organisation=" + Esc("臺北市政府"));
        // The dashboard's figures are the same words: BC4.1's part as printed, in 萬, with its unit; a note kept beside its figure.
        Assert.Contains("207 萬2,991 人次/日（第 1 季）", dashboard);
        Assert.Contains("33.27 (統計時間：107 年 1 月 1日至 107 年 4月 30 日)（第 1 季）", dashboard);
        Assert.Contains(">275件 (104/8/31起計算)<", await client.GetStringAsync($"/maps/{Esc("臺北市政府秘書處")}/105/kpis/EC1.1"));
    }

    [Fact]
    public async Task The_policy_report_prints_them_as_the_seed_does_in_Word()
    {
        using var client = (await servers.DemoAsync("sqlite")).CreateClient();
        var word = await client.GetAsync("/api/maps/臺北市政府/107/reports/policy?period=Q1&format=docx");
        Assert.Equal(HttpStatusCode.OK, word.StatusCode);
        var text = (await OfficeFiles.TextViaLibreOfficeAsync(await word.Content.ReadAsByteArrayAsync(), ".docx")).Replace('\u00A0', ' ').Replace("\u2060", "");
        Assert.Contains("<0.2", text);
        Assert.Contains("10 以下", text);
        Assert.Contains("≥90%", text);
        Assert.Contains("700 萬", text);   // the 萬 held to its figure in a table cell, with the space the seed prints
        Assert.DoesNotContain("7,000,0\n", text);
    }
}
