using System.Globalization;
using System.Net;
using System.Text;
using Scorecard.Domain.Values;
using Scorecard.Interchange.Reports;

namespace Scorecard.Interchange.Drawing;

/// <summary>
/// A KPI's trend as an SVG column chart: a pair of columns (target, actual) per year, each with its
/// figure written on it, columns from zero. The figures are also in a table beside it wherever it is
/// shown; the chart's title and description say the same for a screen reader. No script.
/// </summary>
public static class TrendChart
{
    const int Width = 360, Height = 200, Left = 10, Top = 28, Bottom = 40, BarWidth = 26;
    static readonly string[] Colours = ["#a6a6a6", "#2e75b6"];

    /// <param name="words">The legend's and the description's words; the results report's (目標值, 達成值) unless given.</param>
    public static string Svg(string title, IReadOnlyList<TrendPoint> points, ChartWords? words = null)
    {
        var w = words ?? ChartWords.Report;
        var names = new[] { w.Target, w.Actual };
        var values = points.SelectMany(p => new[] { p.Target, p.Actual }).OfType<decimal>().ToList();
        var max = values.Count == 0 ? 1m : Math.Max(values.Max(), 0m);
        if (max == 0) max = 1;
        var plotHeight = Height - Top - Bottom;
        var slot = (Width - 2 * Left) / (double)Math.Max(1, points.Count);
        var description = string.Join(w.Semicolon, points.Select(p => $"{w.Year(p.RocYear)}{w.YearGap}{w.Target} {Words(p.Target, w)}{w.Comma}{w.Actual} {Words(p.Actual, w)}"));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {Width} {Height}" width="{Width}" height="{Height}" font-family="Noto Sans CJK TC, Microsoft JhengHei, sans-serif" font-size="11" role="img">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title>{E(title)}</title><desc>{E(description)}</desc>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">{E(title)}</text>""");
        var baseline = Top + plotHeight;
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{baseline}" x2="{Width - Left}" y2="{baseline}" stroke="#333"/>""");
        for (var i = 0; i < points.Count; i++)
        {
            var centre = Left + slot * (i + 0.5);
            var figures = new[] { points[i].Target, points[i].Actual };
            for (var s = 0; s < Colours.Length; s++)
            {
                if (figures[s] is not { } v) continue;   // no figure: a gap, not a zero
                var h = (double)(Math.Max(v, 0) / max) * plotHeight;
                var x = centre - BarWidth + s * BarWidth;
                svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x:0.#}" y="{baseline - h:0.#}" width="{BarWidth - 2}" height="{h:0.#}" fill="{Colours[s]}"/>""");
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x + BarWidth / 2.0 - 1:0.#}" y="{baseline - h - 3:0.#}" text-anchor="middle">{E(ValueWords.Number(v))}</text>""");
            }
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{centre:0.#}" y="{baseline + 14}" text-anchor="middle">{E(w.Axis(points[i].RocYear))}</text>""");
        }
        for (var s = 0; s < Colours.Length; s++)
        {
            var x = Width / 2 - 70 + s * 80;
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x}" y="{Height - 14}" width="10" height="10" fill="{Colours[s]}"/><text x="{x + 14}" y="{Height - 5}">{E(names[s])}</text>""");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    static string Words(decimal? v, ChartWords w) => v is { } n ? ValueWords.Number(n) : w.NoData;

    static string E(string text) => WebUtility.HtmlEncode(text);
}
