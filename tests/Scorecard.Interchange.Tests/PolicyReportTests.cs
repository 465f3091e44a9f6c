using Scorecard.Data;
using Scorecard.Domain.Values;
using Scorecard.Interchange.Reports;
using Scorecard.Interchange.Word;
using Scorecard.Testing;

namespace Scorecard.Interchange.Tests;

/// <summary>施政報告 (seed 000) made from the city's 107 map: every KPI, the period's actual or its status wording, a valid Word file LibreOffice opens.</summary>
public class PolicyReportTests
{
    static async Task<PolicyReport> CityReportAsync(Period period)
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.Files.Where(f => Path.GetFileName(f).StartsWith("city-107q1-")).ToArray());
        await using var db = database.NewContext();
        return PolicyReport.Build((await MapQueries.ReadAsync(db, "臺北市政府", 107))!, period);
    }

    [Fact]
    public async Task The_city_107_Q1_report_names_all_303_KPIs_with_the_seeds_figures_and_wording()
    {
        var report = await CityReportAsync(Period.Q1);
        Assert.Equal("臺北市政府 107 年 1 至 3 月施政報告", report.Title);
        Assert.Equal(303, report.KpiCount);
        Assert.Equal(["營造永續環境", "健全都市發展", "發展多元文化", "優化產業勞動", "強化社會支持", "打造優質教育", "精進健康安全", "精實良善治理"], report.Themes.Select(t => t.Name));

        var a = report.Themes[0];
        Assert.Equal("環境保護局主政，翡管局、工務局、產業局、教育局、北水處等機關協辦。", a.Agencies);
        Assert.Equal("1. 策略目標：13 項(包括：顧客構面 3 項、內部流程構面 5 項、學習成長構面 3 項、財務構面 2 項)", a.Summary[0]);   // the seed's counts
        var kpis = a.Objectives.SelectMany(o => o.Kpis).ToDictionary(k => k.Code);
        Assert.Equal(("51", "40.7"), (kpis["AC1.1"].Target, kpis["AC1.1"].Actual));
        Assert.Equal(["AC1.1.1 臺北市清新空氣行動計畫"], kpis["AC1.1"].Plans);
        Assert.Equal("本數值屬年度統計值，無單季數據", kpis["AC2.1"].Actual);
        Assert.Equal("尚無法統計", kpis["AC3.1"].Actual);
        Assert.True(kpis["AC3.1"].LowerIsBetter);
    }

    [Fact]
    public async Task A_period_with_nothing_published_says_so_rather_than_showing_a_zero()
    {
        var report = await CityReportAsync(Period.Q2);
        var ac11 = report.Themes[0].Objectives[0].Kpis[0];
        Assert.Equal("本期未提報", ac11.Actual);
        Assert.Equal("51", ac11.Target);
    }

    [Fact]
    public async Task The_Word_file_validates_and_LibreOffice_reads_its_figures()
    {
        var report = await CityReportAsync(Period.Q1);
        var docx = PolicyReportDocx.Render(report);
        Assert.Empty(OfficeFiles.WordErrors(docx));
        // Table cells wrap in the PDF and pdftotext interleaves the lines of neighbouring cells:
        // compare without white space, and a cell's words as characters in order near their KPI.
        var text = string.Concat((await OfficeFiles.TextViaLibreOfficeAsync(docx, ".docx")).Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("臺北市政府107年1至3月施政報告", text);
        Assert.Contains("營造永續環境(A)", text);
        Assert.All(report.Themes.SelectMany(t => t.Objectives).SelectMany(o => o.Kpis), k => Assert.Contains(k.Code, text));
        var ac11 = text.IndexOf("AC1.1空氣", StringComparison.Ordinal);
        Assert.Contains("5140.7", text.Substring(ac11, 200));   // AC1.1's target and actual, side by side on its first line
        Assert.True(InOrderAfter(text, "AC2.1二氧", "本數值屬年度統計值，無單季數據"), "AC2.1's status wording");
    }

    /// <summary>Whether <paramref name="words"/> appear, character by character in order, within the text that follows <paramref name="anchor"/>.</summary>
    static bool InOrderAfter(string text, string anchor, string words)
    {
        var at = text.IndexOf(anchor, StringComparison.Ordinal);
        if (at < 0) return false;
        var window = text.Substring(at, Math.Min(600, text.Length - at));
        var i = 0;
        foreach (var c in window)
            if (i < words.Length && c == words[i]) i++;
        return i == words.Length;
    }
}
