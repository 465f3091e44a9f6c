using System.Globalization;
using System.Net;
using System.Text;
using Scorecard.Domain.Values;
using Scorecard.Interchange.Reports;

namespace Scorecard.Interchange.Drawing;

/// <summary>
/// A KPI's years in a line small enough for a table cell: targets dashed, actuals solid with a dot a
/// year, so the two differ by more than colour. The figures themselves are its accessible name and its
/// title: a screen reader and a printed page's reader get the same numbers. No script.
/// </summary>
public static class Sparkline
{
    const int Width = 120, Height = 30, Pad = 4;

    /// <summary>「目標值 105 年 50、106 年 51；實際值 105 年 48、106 年 無資料」</summary>
    public static string Words(IReadOnlyList<TrendPoint> points, ChartWords? words = null)
    {
        var w = words ?? ChartWords.Chinese;
        return $"{w.Target} {string.Join(w.Comma, points.Select(p => $"{w.Year(p.RocYear)} {Number(p.Target, w)}"))}{w.Semicolon}" +
               $"{w.Actual} {string.Join(w.Comma, points.Select(p => $"{w.Year(p.RocYear)} {Number(p.Actual, w)}"))}";
    }

    /// <summary>The SVG, or an empty string when no year has a figure (a line of nothing tells nothing).</summary>
    public static string Svg(IReadOnlyList<TrendPoint> points, ChartWords? words = null)
    {
        var values = points.SelectMany(p => new[] { p.Target, p.Actual }).OfType<decimal>().ToList();
        if (values.Count == 0) return "";
        var (low, high) = (values.Min(), values.Max());
        if (low == high) (low, high) = (low - 1, high + 1);   // a flat line sits in the middle
        double X(int i) => points.Count == 1 ? Width / 2.0 : Pad + i * (Width - 2.0 * Pad) / (points.Count - 1);
        double Y(decimal v) => Height - Pad - (double)((v - low) / (high - low)) * (Height - 2.0 * Pad);

        var said = WebUtility.HtmlEncode(Words(points, words));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {Width} {Height}" width="{Width}" height="{Height}" role="img" aria-label="{said}"><title>{said}</title>""");
        Line(svg, points.Select((p, i) => (i, p.Target)), X, Y, """stroke="#6b7682" stroke-dasharray="3 2" fill="none" stroke-width="1.5" """, dots: false);
        Line(svg, points.Select((p, i) => (i, p.Actual)), X, Y, """stroke="#1f5fa8" fill="none" stroke-width="1.8" """, dots: true);
        svg.Append("</svg>");
        return svg.ToString();
    }

    // A year without a figure breaks the line: a gap, never a zero.
    static void Line(StringBuilder svg, IEnumerable<(int Index, decimal? Value)> series, Func<int, double> x, Func<decimal, double> y, string style, bool dots)
    {
        var run = new List<(double X, double Y)>();
        void Flush()
        {
            if (run.Count > 1)
                svg.Append(CultureInfo.InvariantCulture, $"""<polyline {style}points="{string.Join(" ", run.Select(p => $"{p.X:0.#},{p.Y:0.#}"))}"/>""");
            run.Clear();
        }
        var figures = series.ToList();
        var lone = figures.Count(s => s.Value is not null) == 1;   // a single figure still shows, as a dot
        foreach (var (i, v) in figures)
        {
            if (v is not { } n) { Flush(); continue; }
            run.Add((x(i), y(n)));
            if (dots || lone)
                svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{x(i):0.#}" cy="{y(n):0.#}" r="2" fill="{(dots ? "#1f5fa8" : "#6b7682")}"/>""");
        }
        Flush();
    }

    static string Number(decimal? v, ChartWords w) => v is { } n ? ValueWords.Number(n) : w.NoData;
}
