using System.Globalization;
using System.Net;
using System.Text;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Scoring;

namespace Scorecard.Interchange.Drawing;

/// <summary>
/// The strategy map drawn as SVG: the statements on top, themes as columns, perspectives as rows,
/// an objective as a box with its code, name and roll-up (colour and words), and each link as an
/// arrow. Arrows run only in the gutters between columns and the lanes between rows, where no box
/// is, so they never cross a box. Sized for A3 landscape; no script.
/// </summary>
public static class MapDrawing
{
    const int LabelWidth = 90, ColumnWidth = 190, Gutter = 18, BoxHeight = 72, BoxGap = 10, Lane = 18, HeaderHeight = 54, LineHeight = 18;
    const int BoxWidth = ColumnWidth - 2 * Gutter;

    sealed record Box(Objective Objective, int Column, int Row, double X, double Y)
    {
        public double Right => X + BoxWidth;
        public double MiddleY => Y + BoxHeight / 2.0;
    }

    /// <param name="standing">Each box's roll-up (its colour and 「達標（2/3）」); off for a plan such as the BSC form, which has no figures to judge.</param>
    public static string Svg(MapScoring scored, bool standing = true)
    {
        var map = scored.Map;
        var themes = map.Themes.OrderBy(t => t.Ordinal).ThenBy(t => t.Code).ToList();
        var perspectives = Perspective.InOrder(map.PerspectiveOrder);
        var columns = Math.Max(1, themes.Count);
        var statements = map.Statements().Select(s => $"【{s.Label}】{string.Join("、", s.Items)}").ToList();
        var top = 20 + statements.Count * LineHeight + (statements.Count > 0 ? 10 : 0);

        // Rows: a perspective's height is its fullest cell. City-wide objectives (no theme) sit in a band spanning every column.
        var boxes = new List<Box>();
        var rowTops = new List<double>();
        var y = top + HeaderHeight + Lane;
        for (var r = 0; r < perspectives.Count; r++)
        {
            rowTops.Add(y);
            var p = perspectives[r].Code;
            var shared = map.Objectives.Where(o => o.ThemeId is null && o.Perspective == p).OrderBy(o => o.Ordinal).ToList();
            for (var i = 0; i < shared.Count; i++)
                boxes.Add(new Box(shared[i], i % columns, r, LabelWidth + (i % columns) * ColumnWidth + Gutter, y + i / columns * (BoxHeight + BoxGap)));
            var sharedRows = (shared.Count + columns - 1) / columns;
            var cellTop = y + sharedRows * (BoxHeight + BoxGap);
            var deepest = 0;
            for (var c = 0; c < themes.Count; c++)
            {
                var own = map.Objectives.Where(o => o.ThemeId == themes[c].Id && o.Perspective == p).OrderBy(o => o.Ordinal).ToList();
                for (var i = 0; i < own.Count; i++)
                    boxes.Add(new Box(own[i], c, r, LabelWidth + c * ColumnWidth + Gutter, cellTop + i * (BoxHeight + BoxGap)));
                deepest = Math.Max(deepest, own.Count);
            }
            y = cellTop + Math.Max(1, deepest) * (BoxHeight + BoxGap) - BoxGap + Lane;
        }
        rowTops.Add(y);   // the bottom lane
        var width = LabelWidth + columns * ColumnWidth;
        var height = y + 10;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="Noto Sans CJK TC, Microsoft JhengHei, sans-serif" font-size="13" role="img" aria-labelledby="map-title">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="map-title">{E(map.Organisation.Name)} {map.RocYear} 年策略地圖</title>""");
        svg.Append("""<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{width}" height="{height}" fill="#fff"/>""");
        for (var i = 0; i < statements.Count; i++)
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="10" y="{20 + i * LineHeight}" font-size="14">{E(statements[i])}</text>""");

        // Theme headers and perspective labels.
        for (var c = 0; c < themes.Count; c++)
        {
            var x = LabelWidth + c * ColumnWidth;
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x + 4}" y="{top}" width="{ColumnWidth - 8}" height="{HeaderHeight - 8}" rx="6" fill="#1f4e79"/>""");
            Lines(svg, $"{themes[c].Name}({themes[c].Code})", x + ColumnWidth / 2.0, top + 20, 12, "#fff", bold: true);
        }
        for (var r = 0; r < perspectives.Count; r++)
        {
            var p = perspectives[r];
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="4" y="{rowTops[r]}" width="{LabelWidth - 8}" height="{rowTops[r + 1] - rowTops[r] - Lane}" rx="6" fill="#eef2f6"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{LabelWidth / 2.0}" y="{(rowTops[r] + rowTops[r + 1] - Lane) / 2}" text-anchor="middle" font-weight="bold">{E(p.NameZh)} {p.Code}</text>""");
        }

        foreach (var b in boxes)
        {
            var rollUp = scored.ForObjective(b.Objective);
            var (fill, stroke) = standing ? Colours(rollUp.Band) : ("#ffffff", "#555555");
            svg.Append(CultureInfo.InvariantCulture, $"""<g data-objective="{E(b.Objective.Code)}"><rect x="{b.X}" y="{b.Y}" width="{BoxWidth}" height="{BoxHeight}" rx="8" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{b.X + 8}" y="{b.Y + 17}" font-weight="bold">{E(b.Objective.Code)}</text>""");
            Lines(svg, b.Objective.Name, b.X + BoxWidth / 2.0, b.Y + 33, 12, "#111", size: 12);
            var status = !standing ? "" : rollUp.Total == 0 ? "無 KPI" : $"{RollUp.BandLabel(rollUp.Band)}（{rollUp.Achieved}/{rollUp.Total}）";
            if (status.Length > 0)
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{b.X + BoxWidth / 2.0}" y="{b.Y + 65}" text-anchor="middle" font-size="11" fill="#333">{E(status)}</text>""");
            svg.Append("</g>");
        }

        // Arrows: out of the source's side into the gutter, along the lane above the target's row, into the target's gutter, into its side.
        var byCode = boxes.GroupBy(b => b.Objective.Code).ToDictionary(g => g.Key, g => g.First());
        foreach (var link in map.Links.OrderBy(l => l.Ordinal))
        {
            if (!byCode.TryGetValue(link.FromCode, out var from) || !byCode.TryGetValue(link.ToCode, out var to))
                continue;
            var rightward = to.X > from.X;
            var leftward = to.X < from.X;
            var startX = leftward ? from.X : from.Right;
            var endX = rightward ? to.X : to.Right;
            var outX = leftward ? from.X - Gutter / 2.0 : from.Right + Gutter / 2.0;
            var inX = rightward ? to.X - Gutter / 2.0 : to.Right + Gutter / 2.0;
            // The lane beside the target's row, on the side the arrow comes from.
            var laneY = (from.Row > to.Row ? rowTops[to.Row + 1] : rowTops[to.Row]) - Lane / 2.0;
            var points = from.Column == to.Column && !leftward && !rightward
                ? new[] { (startX, from.MiddleY), (outX, from.MiddleY), (outX, to.MiddleY), (endX, to.MiddleY) }
                : new[] { (startX, from.MiddleY), (outX, from.MiddleY), (outX, laneY), (inX, laneY), (inX, to.MiddleY), (endX, to.MiddleY) };
            svg.Append(CultureInfo.InvariantCulture, $"""<polyline data-link="{E(link.FromCode)}→{E(link.ToCode)}" points="{string.Join(" ", points.Select(p => $"{p.Item1:0.#},{p.Item2:0.#}"))}" fill="none" stroke="#333" stroke-width="1.4" marker-end="url(#arrow)"/>""");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Centred text cut into lines of <paramref name="perLine"/> characters; the last shown line ends with 「…」 if cut.</summary>
    static void Lines(StringBuilder svg, string text, double x, double y, int perLine, string colour, bool bold = false, int maxLines = 2, int size = 13)
    {
        var lines = Enumerable.Range(0, (text.Length + perLine - 1) / perLine).Select(i => text.Substring(i * perLine, Math.Min(perLine, text.Length - i * perLine))).ToList();
        if (lines.Count > maxLines)
            lines = [.. lines.Take(maxLines - 1), lines[maxLines - 1][..^1] + "…"];
        for (var i = 0; i < lines.Count; i++)
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x}" y="{y + i * 15}" text-anchor="middle" font-size="{size}" fill="{colour}"{(bold ? " font-weight=\"bold\"" : "")}>{E(lines[i])}</text>""");
        if (lines.Count < (text.Length + perLine - 1) / perLine)
            svg.Append(CultureInfo.InvariantCulture, $"""<title>{E(text)}</title>""");
    }

    static (string Fill, string Stroke) Colours(string band) => band switch
    {
        "good" => ("#d8f0dc", "#2e8b47"),
        "mixed" => ("#fff1c9", "#d9a400"),
        "poor" => ("#f9d6d2", "#c0392b"),
        _ => ("#f4f6f8", "#8a96a3"),
    };

    static string E(string text) => WebUtility.HtmlEncode(text);
}
