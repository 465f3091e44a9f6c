using Scorecard.Data;
using Scorecard.Interchange.Reports;
using Scorecard.Interchange.Slides;
using Scorecard.Testing;
using Xunit.Abstractions;

namespace Scorecard.Interchange.Tests;

/// <summary>北投區公所's briefing deck (seed 002) made from its 110 facts: per theme the 8-column table with every figure as printed.</summary>
public class BriefingDeckTests(ITestOutputHelper output)
{
    static async Task<BriefingDeck> Beitou110Async()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("beitou-bsc-110.json"));
        await using var db = database.NewContext();
        return BriefingDeck.Build((await MapQueries.ReadAsync(db, "臺北市北投區公所", 110))!, null);
    }

    [Fact]
    public async Task Each_theme_has_the_seeds_eight_columns_with_printed_figures()
    {
        var deck = await Beitou110Async();
        Assert.Equal("臺北市北投區公所策略地圖與平衡計分卡", deck.Title);
        Assert.Equal(["A", "B", "D"], deck.Themes.Select(t => t.Code));
        var ac11 = deck.Themes[0].Rows[0];
        Assert.Equal(("顧客構面", "AC1 推動祭拜精緻化", "AC1.1 提升集中燒配合比率"), (ac11.Perspective, ac11.Objective, ac11.Kpi));
        Assert.Equal(["公式調整不適用", "公式調整不適用", "公式調整不適用"], ac11.Actuals);
        Assert.Equal("75.0%", ac11.Target);
        Assert.Equal(["AC1.1.1臺北市集中焚燒金銀紙錢暨金銀紙錢及香枝減量活動實施計畫"], ac11.Plans);
    }

    [Fact]
    public async Task The_pptx_and_the_docx_validate_open_in_LibreOffice_and_print_the_seeds_figures()
    {
        var deck = await Beitou110Async();
        var pptx = BriefingDeckPptx.Render(deck);
        Assert.Empty(OfficeFiles.SlideErrors(pptx));
        var folder = Path.Combine(Path.GetTempPath(), "scorecard-decks");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "briefing-110-beitou.pptx"), pptx);
        var text = await OfficeFiles.TextViaLibreOfficeAsync(pptx, ".pptx", keepPdfAs: Path.Combine(folder, "briefing-110-beitou.pdf"));

        var figures = SeedFigures.Briefing();
        var (found, missed) = SeedFigures.Compare(figures, text);
        output.WriteLine($"seed 002: {found} / {figures.Count} figures found in the deck's text");
        foreach (var miss in missed)
            output.WriteLine($"  missed {miss.Figure} ({miss.Where})");
        Assert.True(figures.Count > 40, $"the extractor found only {figures.Count} figures in seed 002");
        Assert.True(found >= 0.98 * figures.Count, $"{found} / {figures.Count}: " + string.Join("; ", missed.Select(m => $"{m.Figure} ({m.Where})")));

        var docx = BriefingDeckPptx.RenderDocx(deck);
        Assert.Empty(OfficeFiles.WordErrors(docx));
        var word = string.Concat((await OfficeFiles.TextViaLibreOfficeAsync(docx, ".docx")).Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("策略主題：(A)發展多元文化", word);
        Assert.Contains("4,912", word);
        Assert.Contains("75.0%", word);
        using var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Contains("公式調整不適用", doc.MainDocumentPart!.Document.Body!.InnerText);
    }
}
