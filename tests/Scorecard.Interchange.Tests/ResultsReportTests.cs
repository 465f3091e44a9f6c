using DocumentFormat.OpenXml.Packaging;
using Scorecard.Data;
using Scorecard.Domain.Scoring;
using Scorecard.Interchange.Reports;
using Scorecard.Interchange.Word;
using Scorecard.Testing;

namespace Scorecard.Interchange.Tests;

/// <summary>成果報告 (seed 003) made from the city's 107 and 108 facts: a card per KPI with its scores, light, trend and, for a miss, its explanation.</summary>
public class ResultsReportTests
{
    static async Task<ResultsReport> City108Async()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.Files.Where(f => Path.GetFileName(f).StartsWith("city-107q1-") || Path.GetFileName(f) == "theme-d-108-results.json").ToArray());
        await using var db = database.NewContext();
        var map = (await MapQueries.ReadAsync(db, "臺北市政府", 108))!;
        return ResultsReport.Build(new MapScoring(map), await MapQueries.LineageAsync(db, map.Kpis.Select(k => k.LineageId).ToList()));
    }

    [Fact]
    public async Task Each_evaluated_KPI_has_the_seeds_card_with_scores_light_and_trend()
    {
        var report = await City108Async();
        Assert.Equal("臺北市政府 108 年度施政成果", report.Title);
        Assert.StartsWith("【自評標準】★優(KPI總得分>=92.5)；●良(92.5>KPI總得分>=84.5)；▲可(84.5>KPI總得分>=74.5)；╳差(KPI總得分<74.5)；？不明(", report.RatingRule);
        var theme = Assert.Single(report.Themes);
        Assert.Equal("優化產業勞動", theme.Name);
        Assert.Equal(18, report.CardCount);

        var dc11 = theme.Cards.Single(c => c.Code == "DC1.1");
        Assert.Equal(("DC1.1 失業率", "DC1 促進充分就業", "勞動局"), (dc11.Heading, dc11.Objective, dc11.Owners));
        Assert.Equal(("3.8%", "3.6%", "105.6%"), (dc11.Target, dc11.Actual, dc11.Achievement));
        Assert.Equal(("84", "84", "85", "88.2", "●良"), (dc11.Innovation, dc11.Challenge, dc11.Contribution, dc11.Total, dc11.Light));
        // 107's 失業率 was DC1.2 with a target of 3.8: the trend follows the KPI's lineage across the renumbering.
        Assert.Equal([new TrendPoint(106, null, null), new TrendPoint(107, 3.8m, null), new TrendPoint(108, 3.8m, 3.6m)], dc11.Trend);
        Assert.Equal("106-108年失業率", Scorecard.Domain.Common.Said.Chinese(dc11.TrendTitle));
        Assert.False(dc11.Missed);

        var dc21 = theme.Cards.Single(c => c.Code == "DC2.1");
        Assert.Equal(("540", "547", "101.3%", "93.9", "★優"), (dc21.Target, dc21.Actual, dc21.Achievement, dc21.Total, dc21.Light));
        Assert.Equal([null, 590m, 540m], dc21.Trend.Select(p => p.Target));
    }

    [Fact]
    public async Task A_KPI_that_missed_its_target_carries_its_situation_analysis_and_countermeasures()
    {
        var report = await City108Async();
        var dp51 = report.Themes[0].Cards.Single(c => c.Code == "DP5.1");
        Assert.True(dp51.Missed);
        Assert.NotEmpty(dp51.SituationAnalysis);
        Assert.NotEmpty(dp51.Countermeasures);
        Assert.Null(dp51.Warning);
        var dp33 = report.Themes[0].Cards.Single(c => c.Code == "DP3.3");   // no data: no verdict, light 不明
        Assert.False(dp33.Missed);
        Assert.Equal("？不明", dp33.Light);
    }

    [Fact]
    public async Task The_Word_file_has_a_native_chart_per_card_validates_and_LibreOffice_reads_its_figures()
    {
        var report = await City108Async();
        var docx = ResultsReportDocx.Render(report);
        Assert.Empty(OfficeFiles.WordErrors(docx));
        using (var doc = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var charts = doc.MainDocumentPart!.ChartParts.ToList();
            Assert.Equal(report.Themes.Sum(t => t.Cards.Count(c => c.Trend.Any(p => p.Target is not null || p.Actual is not null))), charts.Count);
            Assert.All(charts, c => Assert.Single(c.Parts, p => p.OpenXmlPart is EmbeddedPackagePart));   // the figures staff edit with 「編輯資料」
            Assert.Contains(charts, c => c.ChartSpace.InnerText.Contains("106-108年失業率"));
        }
        var text = string.Concat((await OfficeFiles.TextViaLibreOfficeAsync(docx, ".docx")).Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("臺北市政府108年度施政成果", text);
        Assert.Contains("DC1.1失業率", text);
        Assert.Contains("3.8%3.6%105.6%84848588.2●良", text);
        Assert.Contains("106-108年失業率", text);      // the chart's title, drawn by LibreOffice
        Assert.Contains("108年3.83.6", text);         // the trend's figures in the table beside
        Assert.Contains("狀況分析", text);
    }
}
