using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scorecard.Data;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;
using Scorecard.Interchange.Reports;
using Scorecard.Interchange.Word;
using Scorecard.Testing;

namespace Scorecard.Interchange.Tests;

/// <summary>議會報告 section 貳 (seed 004) made from the Secretariat's 106 results: the seed's themes, items and achievements.</summary>
public class CouncilReportTests
{
    static async Task<CouncilReport> Secretariat106Async()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("secretariat-bsc-105-107.json"), SeedData.PathOf("secretariat-106-results.json"));
        await using var db = database.NewContext();
        var map = (await MapQueries.ReadAsync(db, "臺北市政府秘書處", 106))!;
        return CouncilReport.Build(new MapScoring(map), Period.Y, new Dictionary<Guid, Submission>());
    }

    /// <summary>
    /// Seed 004 as one line: white space and page footers (「臺北市政府秘書處工作報告 22」) out, and its
    /// compatibility ideographs (U+F969 for 數) read as the ordinary ones.
    /// </summary>
    static string SeedText() => Regex.Replace(
        Compact(File.ReadAllText(Directory.GetFiles(Path.Combine(SeedData.Folder, "..", "seeds"), "004_*.txt").Single())),
        @"臺北市政府秘書處工作報告\d+", "");

    static string Compact(string text) => string.Concat(text.Normalize(NormalizationForm.FormC).Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public async Task The_Secretariat_106_report_states_each_of_the_seeds_comparable_KPIs_with_the_seeds_achievement()
    {
        var report = await Secretariat106Async();
        Assert.Equal("臺北市政府秘書處 106 年全年度議會工作報告", report.Title);
        // The 106 file brings results only; its themes are those of the map in force, the 105–107 plan.
        Assert.Equal(["優化職舍環境", "優化文檔效能", "推動城市交流", "強化府會和諧", "精進陳情服務", "強化市政透明", "活化辦公場域"], report.Themes.Select(t => t.Name));
        Assert.Equal(28, report.ItemCount);   // 29 results: GF1.1's 圖片 and 影片 are one item
        Assert.Equal("縮短職舍配住日數：以自通知日起至公證入住職舍期間須於 12 日內辦理完成為目標，全年共配住 25 件，平均處理天數為 11.75 日，目標達成度 100%。",
            report.Themes[0].Items[0].Text);

        // The comparable results: the seed states target, actual and achievement; the report computes the same achievement.
        using var seed = JsonDocument.Parse(File.ReadAllText(SeedData.PathOf("secretariat-106-results.json")));
        var comparable = seed.RootElement.GetProperty("evaluations").EnumerateArray()
            .Where(e => e.GetProperty("target").ValueKind == JsonValueKind.Number && e.GetProperty("actual").ValueKind == JsonValueKind.Number
                        && e.GetProperty("achievementReported").ValueKind == JsonValueKind.Number)
            .ToList();
        Assert.Equal(14, comparable.Count);
        var items = report.Themes.SelectMany(t => t.Items).ToList();
        foreach (var e in comparable)
        {
            var heading = e.GetProperty("raw").GetString()!.Split('：')[0];
            var item = items.Single(i => i.Name == heading);
            var part = e.TryGetProperty("part", out var p) ? p.GetString() : null;
            var achievement = item.Achievements.Single(a => a.Part == part);
            Assert.Equal(e.GetProperty("achievementReported").GetDecimal(), achievement.Percent);
            Assert.True(achievement.Computed, $"{heading}: computed from target and actual");
        }
    }

    [Fact]
    public async Task Every_item_reads_as_the_seed_prints_it_with_no_achievement_where_the_seed_states_none()
    {
        var report = await Secretariat106Async();
        var seed = SeedText();
        var items = report.Themes.SelectMany(t => t.Items).ToList();
        Assert.Empty(items.Where(i => !seed.Contains(Compact(i.Text), StringComparison.Ordinal)).Select(i => i.Name));
        // 六(二) states target and actual and no achievement: the report computes one (100.6%) but prints the sentence as the seed.
        var news = items.Single(i => i.Name == "強化新聞聯繫人橫向聯絡機制");
        Assert.EndsWith("實際參與率為 95.6%。", news.Text);
        Assert.Equal(100.6m, news.Achievements.Single().Percent);
        Assert.Contains("完成率目標達成度100%。", items.Single(i => i.Name == "完善文檔作業規範").Text);   // the agency's own wording
        Assert.EndsWith("圖片目標達成度 110%、影片目標達成度 234.8%。", items.Single(i => i.Code == "GF1.1").Text);
        Assert.Equal("落實議員服務案件登錄：建立議員服務案件 SOP，106 年度議員服務案件登錄率為百分之百，每件均逐案登錄。", items.Single(i => i.Code == "EC1.1").Text);
        var bf11 = items.Single(i => i.Code == "BF1.1").Achievements.Single();
        Assert.Equal((83m, false), (bf11.Percent, bf11.Computed));   // no target stated: the agency's own figure
    }

    [Fact]
    public async Task The_second_half_is_the_report_the_seed_is_with_the_year_end_results()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("secretariat-bsc-105-107.json"), SeedData.PathOf("secretariat-106-results.json"));
        await using var db = database.NewContext();
        var map = (await MapQueries.ReadAsync(db, "臺北市政府秘書處", 106))!;
        var h2 = CouncilReport.Build(new MapScoring(map), Period.H2, new Dictionary<Guid, Submission>());
        Assert.Equal("臺北市政府秘書處 106 年 7 至 12 月議會工作報告", h2.Title);
        Assert.Equal(28, h2.ItemCount);
        Assert.Equal("縮短職舍配住日數：以自通知日起至公證入住職舍期間須於 12 日內辦理完成為目標，全年共配住 25 件，平均處理天數為 11.75 日，目標達成度 100%。",
            h2.Themes[0].Items[0].Text);
        var h1 = CouncilReport.Build(new MapScoring(map), Period.H1, new Dictionary<Guid, Submission>());
        Assert.Equal(0, h1.ItemCount);   // the first half states no year-end results, and none were entered for it
    }

    [Fact]
    public async Task The_whole_report_is_its_written_sections_around_the_data_made_part_with_the_seeds_footer()
    {
        var report = await Secretariat106Async();
        WrittenSection[] sections =
        [
            new("", "召集人、副召集人、各位議員女士、先生：\n\n很榮幸受邀於貴會第12屆第7次定期大會開議之際，向各位報告。"),
            new("壹、106 年下半年重要業務執行成果", """
                一、事務管理及研考
                (一)推動節約能源措施業務
                1.節電部分：本期總用電量 1,253 萬 1,673 度，
                與基期年(104)同期 1,257 萬 2,309 度相比。

                | 項次 | 業務內容 | 績效 |
                |---|---|---|
                | 1 | 本府及本處收文 | 4 萬 7,488 件 |
                """),
            new("", "", MadeFromData: true),
            new("肆、結語", "謝謝大家!"),
        ];
        var docx = CouncilReportDocx.Render(report, sections);
        Assert.Empty(OfficeFiles.WordErrors(docx));
        var text = Compact(await OfficeFiles.TextViaLibreOfficeAsync(docx, ".docx"));
        string[] order = ["召集人、副召集人", "壹、106年下半年重要業務執行成果", "1.節電部分：本期總用電量1,253萬1,673度，與基期年(104)同期1,257萬2,309度相比。",
            "本府及本處收文4萬7,488件", "貳、策略目標與關鍵績效指標(KPI)之執行情形", "(一)縮短職舍配住日數", "肆、結語", "謝謝大家!"];
        var at = order.Select(o => text.IndexOf(o, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, at);
        Assert.Equal(at.Order(), at);
        Assert.Contains("臺北市政府秘書處工作報告1", text);   // every page's footer, with its number
        Assert.Contains("臺北市政府秘書處工作報告2", text);
        Assert.DoesNotContain("本期尚未提報", text);
    }

    [Fact]
    public async Task A_period_narrative_is_used_and_where_none_was_entered_the_figures_are_stated_with_amounts_in_words()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportTextAsync(database, "map.json", """
            { "organization": { "name": "臺北市北投區公所", "level": "district", "parent": "臺北市政府" }, "planYear": 110,
              "themes": [ { "code": "A", "name": "優化區政服務" } ],
              "objectives": [ { "code": "AF1", "theme": "A", "perspective": "F", "name": "善用預算" } ],
              "kpis": [
                { "code": "AF1.1", "objective": "AF1", "name": "修繕預算執行金額", "unit": "元", "direction": "higher",
                  "values": [ { "year": 110, "period": "Y", "kind": "target", "value": 600000 }, { "year": 110, "period": "Y", "kind": "actual", "value": 549542 } ] },
                { "code": "AF1.2", "objective": "AF1", "name": "區民講座場次", "unit": "場", "direction": "higher",
                  "values": [ { "year": 110, "period": "Y", "kind": "target", "value": 10 }, { "year": 110, "period": "Y", "kind": "actual", "value": 12 } ] },
                { "code": "AF1.3", "objective": "AF1", "name": "志工人數", "unit": "人", "direction": "higher",
                  "values": [ { "year": 110, "period": "Y", "kind": "target", "value": 50 } ] } ] }
            """);
        await using var db = database.NewContext();
        var map = (await MapQueries.ReadAsync(db, "臺北市北投區公所", 110))!;
        var narratives = new Dictionary<Guid, Submission>
        {
            [map.Kpis.Single(k => k.Code == "AF1.2").Id] = new() { Year = 2021, Period = Period.Y, Narrative = "全年辦理講座 12 場，參與區民 800 人次。", State = SubmissionState.Published },
        };
        var report = CouncilReport.Build(new MapScoring(map), Period.Y, narratives);
        var items = Assert.Single(report.Themes).Items;
        Assert.Equal(2, items.Count);
        Assert.Equal("修繕預算執行金額：110 年度目標值為 60 萬元，實際值為 54 萬 9,542 元，目標達成度 91.6%。", items[0].Text);
        Assert.Equal("區民講座場次：全年辦理講座 12 場，參與區民 800 人次，目標達成度 120%。", items[1].Text);
        Assert.Equal(["AF1.3 志工人數"], report.NotReported);   // neither narrative nor figure: listed, not left out
    }

    [Fact]
    public void Amounts_in_narrative_text_are_worded_as_the_documents_word_them()
    {
        Assert.Equal("54 萬 9,542 元", ValueWords.Amount(549_542));
        Assert.Equal("54 萬元", ValueWords.Amount(540_000));
        Assert.Equal("1 億 2,345 萬 6,789 元", ValueWords.Amount(123_456_789));
        Assert.Equal("9,542 元", ValueWords.Amount(9_542));
        Assert.Equal("0 元", ValueWords.Amount(0));
        Assert.Equal(["一", "十", "十二", "二十", "九十九"], new[] { 1, 10, 12, 20, 99 }.Select(ChineseNumbers.Of));
    }

    [Fact]
    public async Task The_Word_file_validates_and_LibreOffice_reads_its_items()
    {
        var report = await Secretariat106Async();
        var docx = CouncilReportDocx.Render(report);
        Assert.Empty(OfficeFiles.WordErrors(docx));
        var text = Compact(await OfficeFiles.TextViaLibreOfficeAsync(docx, ".docx"));
        Assert.Contains("貳、策略目標與關鍵績效指標(KPI)之執行情形", text);
        Assert.Contains("一、優化職舍環境", text);
        Assert.Contains("(一)縮短職舍配住日數：以自通知日起至公證入住職舍期間須於12日內辦理完成為目標", text);
        Assert.Contains("修繕及養護預算計54萬9,542元，全部執行完畢，共計修繕及養護57項，目標達成度100%。", text);
        Assert.Contains("七、活化辦公場域", text);
    }
}
