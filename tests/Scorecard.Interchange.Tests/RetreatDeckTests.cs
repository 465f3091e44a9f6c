using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Scoring;
using Scorecard.Interchange.Reports;
using Scorecard.Interchange.Slides;
using Scorecard.Testing;
using Xunit.Abstractions;
using P = DocumentFormat.OpenXml.Presentation;

namespace Scorecard.Interchange.Tests;

/// <summary>首長領航共識營 (seed 003) made from the city's 107–109 facts, as PowerPoint: theme D's 108 results and 109 revision.</summary>
public class RetreatDeckTests(ITestOutputHelper output)
{
    static async Task<RetreatDeck> ThemeD108Async()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.Files.Where(f => Path.GetFileName(f).StartsWith("city-107q1-") || Path.GetFileName(f).StartsWith("theme-d-")).ToArray());
        await using var db = database.NewContext();
        var map = (await MapQueries.ReadAsync(db, "臺北市政府", 108))!;
        var results = ResultsReport.Build(new MapScoring(map), await MapQueries.LineageAsync(db, map.Kpis.Select(k => k.LineageId).ToList()));
        var next = (await MapQueries.ReadAsync(db, "臺北市政府", 109))!;
        var revision = ResultsRevision.Of(RetreatDeck.ThemeOnly(map, "D"), RetreatDeck.ThemeOnly(next, "D"), await MapQueries.MovedAsync(db, next, map));
        return RetreatDeck.Build(results, map, "D", next, revision);
    }

    [Fact]
    public async Task The_deck_holds_the_seeds_parts_in_its_order()
    {
        var deck = await ThemeD108Async();
        Assert.Equal("臺北市政府首長領航共識營", deck.Title);
        Assert.Equal(["108年度施政成果暨109年修正內容", "優化產業勞動（D）組"], deck.Subtitle);
        Assert.Equal(18, deck.KpiCount);
        Assert.Equal([("顧客", 5), ("內部流程", 13)], deck.KpiLists.Select(l => (l.Perspective, l.Kpis.Count)));
        Assert.Equal(8, deck.ObjectivesWithResults.Sum(o => o.Objectives.Count));
        var dc11 = deck.KpiLists[0].Kpis[0];
        Assert.Equal(("DC1.1", "達標"), (dc11.Code, dc11.Mark));
        Assert.Equal("未達標", deck.KpiLists[1].Kpis.Single(k => k.Code == "DP5.1").Mark);   // the seed's list says (達標); its own ※ line and slide say not
        Assert.Contains("本數據由兩年一次生技產業調查分析提供", deck.KpiLists[1].Kpis.Single(k => k.Code == "DP3.3").Mark);
        Assert.Equal("※108年D組KPI除DP5.1外，其餘有數據之KPI已達成年度目標值；尚無數據：DP3.3、DP4.1", deck.Verdict);

        var dp51 = deck.Cards.Single(c => c.Card.Code == "DP5.1");
        Assert.Equal(("6.00", "7.05", true, "DP5. 建構職場安全體系"), (dp51.Target, dp51.Actual, dp51.Negative, dp51.ObjectiveHeading));
        Assert.Contains("108年職業災害死亡人數計17人，其中營造業13人，一般行業4人。", dp51.Card.SituationAnalysis);

        var revision = deck.Revision!;
        var total = revision.Counts.Single(c => c.Perspective == "total");
        Assert.Equal((21, "20(-1)", 27, "25(-2)"), (total.Kpis.Before!.Value, total.Kpis.Printed, total.ActionPlans.Before!.Value, total.ActionPlans.Printed));
        var dp5 = deck.Plans.Single(p => p.Objective == "DP5建構職場安全體系");
        Assert.Equal(["5.75", "5.75", "5.50"], dp5.Targets.Single(t => t.Kpi.StartsWith("DP5.1")).Targets);
        Assert.Equal("透過宣導、輔導、檢查、教育訓練落實市府職安衛自主管理機制", dp5.KeySuccessFactor);
        Assert.Contains(dp5.Tasks, t => t.Name == "針對勞基法84-1核備行業實施檢查");
    }

    [Fact]
    public async Task The_pptx_validates_opens_in_Impress_and_prints_the_seeds_figures()
    {
        var deck = await ThemeD108Async();
        var pptx = RetreatDeckPptx.Render(deck);
        Assert.Empty(OfficeFiles.SlideErrors(pptx));
        using (var doc = PresentationDocument.Open(new MemoryStream(pptx), false))
        {
            var slides = doc.PresentationPart!.SlideParts.ToList();
            // Every slide has its title in the title placeholder, where the outline and the accessibility checker read it.
            Assert.All(slides, s => Assert.Contains(s.Slide.Descendants<P.PlaceholderShape>(), p => p.Type?.Value is { } t && (t == P.PlaceholderValues.Title || t == P.PlaceholderValues.CenteredTitle)));
            var charts = slides.SelectMany(s => s.ChartParts).ToList();
            Assert.Equal(deck.Cards.Count(c => c.Card.Trend.Any(p => p.Target is not null || p.Actual is not null)), charts.Count);
            Assert.All(charts, c => Assert.Single(c.Parts, p => p.OpenXmlPart is EmbeddedPackagePart));   // the figures a presenter edits
            Assert.DoesNotContain(slides, s => s.ImageParts.Any());   // nothing as a picture
        }

        var folder = Path.Combine(Path.GetTempPath(), "scorecard-decks");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "retreat-108-D.pptx"), pptx);
        var text = await OfficeFiles.TextViaLibreOfficeAsync(pptx, ".pptx", keepPdfAs: Path.Combine(folder, "retreat-108-D.pdf"));
        var glued = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));   // pdftotext spaces Latin from CJK
        Assert.Contains("臺北市政府首長領航共識營", glued);
        Assert.Contains("106-108年失業率", glued);   // a chart's title, drawn by Impress from the chart part

        var figures = SeedFigures.Retreat();
        var (found, missed) = SeedFigures.Compare(figures, text);
        output.WriteLine($"seed 003: {found} / {figures.Count} figures found in the deck's text");
        foreach (var miss in missed)
            output.WriteLine($"  missed {miss.Figure} ({miss.Where})");
        Assert.True(figures.Count > 150, $"the extractor found only {figures.Count} figures in seed 003");
        Assert.True(found >= 0.98 * figures.Count, $"{found} / {figures.Count}: " + string.Join("; ", missed.Select(m => $"{m.Figure} ({m.Where})")));
    }
}
