using Scorecard.Interchange.Reports;
using Scorecard.Interchange.Word;

namespace Scorecard.Interchange.Slides;

/// <summary>A district office's briefing deck (seed 002) as PowerPoint; its per-theme table also as Word.</summary>
public static class BriefingDeckPptx
{
    const double Left = 0.9, Top = 2.6, Bottom = 18.6, Full = SlideWriter.Width - 2 * Left;
    static readonly double[] Widths = [7, 12, 16, 8, 8, 8, 8, 33];

    public static byte[] Render(BriefingDeck deck, ReportWords? words = null)
    {
        words ??= ReportWords.Chinese;
        var w = new SlideWriter();
        w.Cover(deck.Organisation, [deck.Subtitle]);
        if (deck.ParentMap is { } parent)
            MapSlides.Grid(w, parent, null);
        MapSlides.Grid(w, deck.Map, null);
        SlideCell[] heads = [.. BriefingDeck.Columns(deck.RocYear).Select(h => (SlideCell)words.Say(h))];
        foreach (var theme in deck.Themes)
        {
            var rows = Rows(theme).Select(r => (IReadOnlyList<SlideCell>)r.Select(c => new SlideCell(c)).ToList()).ToList();
            foreach (var (page, part) in RetreatDeckPptx.Fitting(rows, Full, Widths, 12, Bottom - Top - SlideBuilder.TableHeight(heads, [], Full, Widths, 12)))
                w.Slide(words.Say(BriefingDeck.ThemeHeading(theme.Code, theme.Name)) + RetreatDeckPptx.Part(page, part))
                    .Table(Left, Top, Full, heads, page, Widths, 12);
        }
        return w.ToBytes(deck.Title);
    }

    /// <summary>The same tables as a Word document (landscape), a theme a table.</summary>
    public static byte[] RenderDocx(BriefingDeck deck, ReportWords? words = null)
    {
        words ??= ReportWords.Chinese;
        var w = new WordWriter { Landscape = true };
        w.Heading(1, deck.Title);
        foreach (var theme in deck.Themes)
        {
            w.Heading(2, words.Say(BriefingDeck.ThemeHeading(theme.Code, theme.Name)));
            w.Table([.. BriefingDeck.Columns(deck.RocYear).Select(words.Say)], Rows(theme), [7, 12, 16, 8, 8, 8, 8, 33], 10);
        }
        return w.ToBytes(deck.Title);
    }

    static IEnumerable<IReadOnlyList<IReadOnlyList<string>>> Rows(BriefingTheme theme) =>
        theme.Rows.Select(r => (IReadOnlyList<IReadOnlyList<string>>)[[r.Perspective], [r.Objective], [r.Kpi], [r.Actuals[0]], [r.Actuals[1]], [r.Actuals[2]], [r.Target], r.Plans]);
}
