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
    public async Task KPIs_with_parts_print_each_part_with_its_own_formula_unit_owner_and_figures_as_seed_000()
    {
        var report = await CityReportAsync(Period.Q1);
        var kpis = report.Themes.SelectMany(t => t.Objectives).SelectMany(o => o.Kpis).ToDictionary(k => k.Code);
        // Every city KPI has a Q1 figure or status in the data, the 20 with parts in their parts: none is 「本期未提報」.
        Assert.Empty(kpis.Values.SelectMany(k => k.Printed).Where(r => r.Actual == "本期未提報").Select(r => r.Code));

        var bp31 = kpis["BP3.1"].Printed;
        Assert.Equal(["BP3.1-1", "BP3.1-2"], bp31.Select(r => r.Code));
        Assert.Equal(("82.54", "69", "都發局"), (bp31[0].Target, bp31[0].Actual, bp31[0].Owners));
        Assert.Equal(("40", "10"), (bp31[1].Target, bp31[1].Actual));
        Assert.StartsWith("西區門戶", bp31[1].Formula);
        Assert.Equal(["BP3.1.2 西區門戶計畫及其相關子計畫"], bp31[1].Plans);   // beside the part its code names

        var bf11 = kpis["BF1.1"].Printed;
        Assert.Equal(["工務局", "交通局", "捷運局", "地政局", "北水處", "翡管局", "都發局"], bf11.Select(r => r.Owners));
        Assert.Equal(("83.1", "88.4"), (bf11[0].Target, bf11[0].Actual));
        Assert.NotNull(bf11[0].Formula);   // the shared formula once, as the seed spans it over the agencies' rows
        Assert.All(bf11.Skip(1), r => Assert.Null(r.Formula));
        Assert.Equal(9, kpis["BF2.1"].Printed.Count);
        Assert.Equal(13, kpis["BF3.1"].Printed.Count);
        Assert.All(kpis["BF3.1"].Printed, r => Assert.Equal("尚無法統計", r.Actual));

        // AP2.1 is printed twice, each half with its unit, weight and agency; GP3.2 likewise, one agency.
        var ap21 = kpis["AP2.1"].Printed;
        Assert.Equal([("校次", 50m, "教育局", "421", "418"), ("%", 50m, "工務局", "90", "0")], ap21.Select(r => (r.Unit, r.Weight!.Value, r.Owners, r.Target, r.Actual)));
        Assert.Equal("單位：校次、權重 50%", PolicyReport.UnitLine(ap21[0].Unit, ap21[0].Weight)!.ToString());
        Assert.Equal([("90,886", "30,153"), ("3,690", "857")], kpis["GP3.2"].Printed.Select(r => (r.Target, r.Actual)));
        Assert.Equal([("FP7.5-1", "人次", "80 萬"), ("FP7.5-2", "間數", "1,187")], kpis["FP7.5"].Printed.Select(r => (r.Code, r.Unit!, r.Actual)));
        Assert.Equal(["尚無法統計", "107 法定預算：14(107 年 2 月13 日)"], kpis["HC5.2"].Printed.Select(r => r.Actual));
        // Each plan once, and the counts the seed prints for the theme stay as they were.
        Assert.Equal(4, ap21.Sum(r => r.Plans.Count));
        Assert.Equal(303, report.KpiCount);
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
        Assert.All(report.Themes.SelectMany(t => t.Objectives).SelectMany(o => o.Kpis).SelectMany(k => k.Printed), k => Assert.Contains(k.Code, text));
        Assert.True(InOrderAfter(text, "BP3.1-1門戶", "都發局82.5469"), "BP3.1-1's owner, target and actual");
        Assert.True(InOrderAfter(text, "BF1.1提升", "工務83.188.4"), "BF1.1's first agency's row");   // 工務局 wraps in its narrow cell
        var ac11 = text.IndexOf("AC1.1空氣", StringComparison.Ordinal);
        Assert.Contains("5140.7", text.Substring(ac11, 200));   // AC1.1's target and actual, side by side on its first line
        // Where poppler reads a page's figure columns as blocks of their own (its order moves with the running head), the page as laid out says the row.
        var laidOut = string.Concat((await OfficeFiles.TextViaLibreOfficeAsync(docx, ".docx", layout: true)).Where(c => !char.IsWhiteSpace(c)));
        Assert.True(InOrderAfter(laidOut, "AC2.1二氧", "本數值屬年度統計值，無單季數據"), "AC2.1's status wording");
    }

    /// <summary>Issue 33 §5: the report prints each figure as the seed does, and no figure is cut across two lines of a cell.</summary>
    [Fact]
    public async Task The_Word_report_prints_figures_as_printed_and_never_breaks_one_across_lines()
    {
        var report = await CityReportAsync(Period.Q1);
        var printed = report.Themes.SelectMany(t => t.Objectives).SelectMany(o => o.Kpis).SelectMany(k => k.Printed).ToList();
        var rows = printed.DistinctBy(r => r.Code).ToDictionary(r => r.Code);   // AP2.1 and GP3.2 are printed twice, one half each
        Assert.Equal("<0.2", rows["AP4.1"].Target);
        Assert.Equal("10 以下", rows["EF2.1"].Target);
        Assert.Equal("80 以上", rows["EF3.1"].Target);
        Assert.Equal("≥90%", rows["FF2.2"].Target);
        Assert.Equal("≤4.9", rows["HC3.2"].Target);
        Assert.Equal("2,755 億 5,364萬 2,811", rows["CC2.2"].Target);
        Assert.Equal("累計啟動20,000 戶公共住宅工程", rows["EC1.1"].Target);
        Assert.Equal("700 萬", rows["CP7.2"].Target);

        var lines = (await OfficeFiles.TextViaLibreOfficeAsync(PolicyReportDocx.Render(report), ".docx"))
            .Split('\n').Select(l => string.Concat(l.Where(c => !char.IsWhiteSpace(c) && c != '\u2060'))).ToList();
        // The figures of the value cells; a long breakdown in a note (CC1.1's 「北溫 7 萬 車站 18 萬 …」) wraps as prose.
        var figures = printed.SelectMany(r => new[] { r.Target, r.Actual }).Where(cell => cell.Length <= 60)
            .SelectMany(cell => System.Text.RegularExpressions.Regex.Matches(cell, @"[<≤≥]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[<≤≥]\d[\d.]*|\d[\d,]*\s*(?:萬|億|以下|以上)|\d+\s*/\s*\d+").Select(m => string.Concat(m.Value.Where(c => !char.IsWhiteSpace(c)))))
            .Distinct().ToList();
        Assert.True(figures.Count > 40, $"only {figures.Count} figures found");
        var cut = figures.Where(f => !lines.Any(l => l.Contains(f, StringComparison.Ordinal))).ToList();
        Assert.True(cut.Count == 0, "cut across lines: " + string.Join("  ", cut));
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

    /// <summary>
    /// Issue 33 §5: an amount in 萬 keeps the space the seed prints (「700 萬」), and CC1.1-6's long note keeps each amount on
    /// one line (it was cut 「車站 18 / 萬」 in LibreOffice, whose Chinese line breaking ignores the word joiner).
    /// </summary>
    [Fact]
    public async Task Amounts_in_wan_keep_their_spacing_and_stay_whole_in_a_long_note()
    {
        var report = await CityReportAsync(Period.Q1);
        var docx = PolicyReportDocx.Render(report);
        var lines = (await OfficeFiles.TextViaLibreOfficeAsync(docx, ".docx")).Replace('\u00A0', ' ').Replace("\u2060", "").Split('\n');
        Assert.Contains(lines, l => l.Contains("700 萬", StringComparison.Ordinal));   // CP7.2's target, as seed 000 spaces it
        foreach (var amount in new[] { "18 萬", "14 萬", "52 萬", "12 萬", "20 萬" })
            Assert.Contains(lines, l => l.Contains(amount, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TrimEnd().EndsWith("車站 18", StringComparison.Ordinal));
    }

    /// <summary>Issue 33: AP2.1's and GP3.2's plans are printed on the row of the half they serve, not all on the first.</summary>
    [Fact]
    public async Task The_plans_of_a_kpi_printed_in_two_halves_sit_on_their_own_half()
    {
        var report = await CityReportAsync(Period.Q1);
        var rows = report.Themes.SelectMany(t => t.Objectives).SelectMany(o => o.Kpis).SelectMany(k => k.Printed).ToList();
        var ap21 = rows.Where(r => r.Code == "AP2.1").ToList();
        Assert.Equal(["AP2.1.1", "AP2.1.2"], ap21[0].Plans.Select(p => p.Split(' ')[0]));
        Assert.Equal("教育局", ap21[0].Owners);
        Assert.Equal(["AP2.1.3", "AP2.1.4"], ap21[1].Plans.Select(p => p.Split(' ')[0]));
        Assert.Equal("工務局", ap21[1].Owners);
        var gp32 = rows.Where(r => r.Code == "GP3.2").ToList();
        Assert.Equal(["GP3.2.1 臺北農產公司果菜農藥殘留檢驗計畫"], gp32[0].Plans);
        Assert.Equal(["GP3.2.2 臺北市田間蔬果農藥殘留檢驗計畫"], gp32[1].Plans);
        // Parts with codes of their own keep the order their codes give: CP6.1.4 (客委會) after CP6.1.3, on CP6.1-3's row.
        Assert.Equal(["CP6.1.3", "CP6.1.4"], rows.Single(r => r.Code == "CP6.1-3").Plans.Select(p => p.Split(' ')[0]));
    }

    /// <summary>Issue 33: HC5.3's Q1 actual, printed 「-654759」 for a KPI measured in 日期, is printed with a doubt beside it.</summary>
    [Fact]
    public async Task A_negative_figure_where_the_unit_cannot_be_negative_is_printed_with_its_doubt()
    {
        var report = await CityReportAsync(Period.Q1);
        var hc53 = report.Themes.SelectMany(t => t.Objectives).SelectMany(o => o.Kpis).SelectMany(k => k.Printed).Single(r => r.Code == "HC5.3");
        Assert.StartsWith("-654,759（疑誤", hc53.Actual);
        Assert.Contains("日期", hc53.Actual);
    }
}
