using Scorecard.Interchange.Reports;

namespace Scorecard.Interchange.Slides;

/// <summary>
/// A strategy map on a slide, drawn with native things a presenter can edit rather than a picture: the city map as
/// a table (themes across, perspectives down, the deck's theme highlighted), and a theme's map as boxes by
/// perspective with arrows glued between them. Both are sized to the slide, so nothing runs off its edge.
/// </summary>
public static class MapSlides
{
    const double Left = 0.9, Top = 2.6, Bottom = 18.6, Full = SlideWriter.Width - 2 * Left;

    public static void Grid(SlideWriter w, MapGrid grid, string? highlight)
    {
        var slide = w.Slide(grid.Title);
        var statements = grid.Statements.Select(s => $"【{s.Label}】{string.Join("、", s.Items)}").ToList();
        var y = Top;
        if (statements.Count > 0)
        {
            slide.Text(Left, y, Full, 0.75 * statements.Count + 0.3, statements, 14);
            y += 0.75 * statements.Count + 0.4;
        }
        var headers = new List<SlideCell> { "" };
        headers.AddRange(grid.Themes.Select(t => new SlideCell([t.Name, t.Code], t.Code == highlight ? SlideWriter.Red : null)));
        var rows = new List<IReadOnlyList<SlideCell>>();
        foreach (var (code, label) in grid.Perspectives)
        {
            if (grid.Shared.TryGetValue(code, out var shared))
                rows.Add([new SlideCell([label, code], SlideWriter.Pale, Bold: true), new SlideCell([shared], SlideWriter.Pale)]);
            rows.Add([new SlideCell([label, code], SlideWriter.Pale, Bold: true),
                .. grid.Themes.Select(t => new SlideCell(grid.Cells[(t.Code, code)], t.Code == highlight ? SlideWriter.Highlight : null, Bold: t.Code == highlight))]);
        }
        var widths = new List<double> { 7 };
        widths.AddRange(grid.Themes.Select(_ => 20.0));
        // The largest type at which the grid fits under the statements (the city's eight themes need 8 pt).
        var points = 16;
        while (points > 7 && SlideBuilder.TableHeight(headers, rows, Full, widths, points) > Bottom - y)
            points--;
        slide.Table(Left, y, Full, headers, rows, widths, points);
    }

    public static void ThemeMap(SlideWriter w, ThemeMap map)
    {
        var slide = w.Slide(map.Title);
        if (map.Rows.Count == 0) return;
        const double LabelWidth = 3.2, Gap = 0.4;
        var rowHeight = (Bottom - Top) / map.Rows.Count;
        var boxHeight = Math.Min(2.6, rowHeight - 1.0);
        var ids = new Dictionary<string, (uint Id, double X, double Y, double Cx)>();
        for (var r = 0; r < map.Rows.Count; r++)
        {
            var (_, label, objectives) = map.Rows[r];
            var y = Top + r * rowHeight;
            slide.Text(Left, y + 0.1, LabelWidth - 0.2, rowHeight - 0.2, [label], 16, bold: true, fill: SlideWriter.Pale, centred: true);
            var room = Full - LabelWidth;
            var width = Math.Min(7.5, room / objectives.Count - Gap);
            var start = Left + LabelWidth + (room - objectives.Count * (width + Gap) + Gap) / 2;
            for (var i = 0; i < objectives.Count; i++)
            {
                var x = start + i * (width + Gap);
                var top = y + (rowHeight - boxHeight) / 2;
                var id = slide.Box(x, top, width, boxHeight, [objectives[i].Code, objectives[i].Name], SlideWriter.Highlight, SlideWriter.Navy, 16, bold: true);
                ids[objectives[i].Code] = (id, x, top, width);
            }
        }
        foreach (var (from, to) in map.Links)
        {
            if (!ids.TryGetValue(from, out var a) || !ids.TryGetValue(to, out var b)) continue;
            if (Math.Abs(a.Y - b.Y) < 0.01)
            {
                var (fromSite, toSite) = a.X < b.X ? (3, 1) : (1, 3);
                slide.Arrow(a.Id, fromSite, b.Id, toSite, (a.X < b.X ? a.X + a.Cx : a.X, a.Y + boxHeight / 2), (a.X < b.X ? b.X : b.X + b.Cx, b.Y + boxHeight / 2));
            }
            else if (a.Y > b.Y)
                slide.Arrow(a.Id, 0, b.Id, 2, (a.X + a.Cx / 2, a.Y), (b.X + b.Cx / 2, b.Y + boxHeight));
            else
                slide.Arrow(a.Id, 2, b.Id, 0, (a.X + a.Cx / 2, a.Y + boxHeight), (b.X + b.Cx / 2, b.Y));
        }
    }
}
