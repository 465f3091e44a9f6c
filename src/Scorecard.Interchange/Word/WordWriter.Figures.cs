using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Scorecard.Interchange.Word;

/// <summary>
/// A figure is never broken across lines in a table cell (issue 33 §5: 「275,553 / ,642,81 / 1」). Its parts are
/// held together with no-break spaces (「&lt; 0.2」, 「10 以下」, 「10 / 10」, 「2,755 億」), and a line whose longest
/// figure would not fit its column is set in smaller type, so that the renderer never has to cut the figure.
/// An amount in 萬 and 億 may wrap between its groups (「2,755 億 / 5,364萬 / 2,811」), as Chinese writes it;
/// never inside one.
/// </summary>
public sealed partial class WordWriter
{
    const char NoBreak = '\u00A0';
    const char Joiner = '\u2060';   // word joiner: no break between a figure and its 萬, 億 or 以下

    /// <summary>The line with the parts of each figure held together.</summary>
    internal static string Glue(string line)
    {
        // LibreOffice breaks before an ideograph even after a no-break space: a word joiner holds it.
        // The space is kept where the document prints one (「700 萬」), held by no-break characters; none is added where it prints none (「5,364萬」).
        var text = GroupUnit().Replace(line, m => m.Groups[2].Length > 0
            ? $"{m.Groups[1].Value}{Joiner}{NoBreak}{Joiner}{m.Groups[3].Value}"
            : $"{m.Groups[1].Value}{Joiner}{m.Groups[3].Value}");
        text = Sign().Replace(text, m => $"{m.Groups[1].Value}{(m.Groups[2].Length > 0 ? NoBreak.ToString() : "")}");
        text = Bound().Replace(text, m => $"{m.Groups[1].Value}{Joiner}{NoBreak}{Joiner}{m.Groups[2].Value}");
        text = Pair().Replace(text, m => $"{m.Groups[1].Value}{NoBreak}/{NoBreak}{m.Groups[2].Value}");
        return text;
    }

    /// <summary>
    /// The line cut where an amount in 萬 or 億 (「18 萬」) starts and ends, so that it is set in a run of its own: LibreOffice breaks
    /// Chinese text by a dictionary that ignores the word joiner and the no-break space (CC1.1's 「車站 18 / 萬」), and honours
    /// them in text of another language. Word honours them either way.
    /// </summary>
    internal static IEnumerable<(string Text, bool Held)> Held(string glued)
    {
        var at = 0;
        foreach (Match m in HeldAmount().Matches(glued))
        {
            if (m.Index > at) yield return (glued[at..m.Index], false);
            yield return (m.Value, true);
            at = m.Index + m.Length;
        }
        if (at < glued.Length || at == 0) yield return (glued[at..], false);
    }

    /// <summary>A run that holds an amount: tagged as English text (see <see cref="Held"/>), which changes no glyph of it.</summary>
    static Run HeldRun(Run run)
    {
        var properties = run.RunProperties ?? run.PrependChild(new RunProperties());
        properties.Append(new Languages { Val = "en-US", EastAsia = "en-US" });
        return run;
    }

    /// <summary>The size, in half-points, a line needs for its longest figure to fit <paramref name="columnTwips"/>; null where the usual size fits.</summary>
    internal static int? FittingHalfPoints(string glued, int columnTwips, int points)
    {
        var widest = Figure().Matches(glued).Select(m => Ems(m.Value)).DefaultIfEmpty(0).Max();
        if (widest == 0) return null;
        var usable = (columnTwips - 2 * CellMargin) * 0.92;   // the font's own widths vary: keep a margin
        var needed = widest * points * 20;                     // twips at the usual size
        if (needed <= usable) return null;
        var half = (int)Math.Floor(usable / (widest * 20) * 2);
        return Math.Max(half, 10);                             // never below 5 pt
    }

    /// <summary>
    /// Widths in ems, taken from the widest face a reader may set them in: Times New Roman's digits are half an em, but a
    /// machine without it (LibreOffice on Linux) falls back to DejaVu Serif, whose digits are 0.64 em.
    /// </summary>
    static double Ems(string figure) => figure.Sum(c => c switch
    {
        >= '0' and <= '9' => 0.64,
        ',' or '.' or ':' => 0.32,
        NoBreak or ' ' => 0.32,
        Joiner => 0,
        '%' => 0.95,
        '/' => 0.34,
        '<' or '>' or '≤' or '≥' or '-' => 0.84,
        _ when c > 0x2E7F => 1.0,                          // CJK and full-width
        _ => 0.7,
    });

    const int CellMargin = 115;   // Word's default cell margin, left and right: 0.08 inch

    [GeneratedRegex(@"\d[\d,.]*\u2060(?:\u00A0\u2060)?(?:億|萬)")]
    private static partial Regex HeldAmount();

    [GeneratedRegex(@"(\d)(\s*)(億|萬)")]
    private static partial Regex GroupUnit();

    [GeneratedRegex(@"(?<=^|[^\d])([<>≤≥＜＞≦≧])(\s*)(?=\d)")]
    private static partial Regex Sign();

    [GeneratedRegex(@"(\d%?)\s+(以下|以上|以內)")]
    private static partial Regex Bound();

    [GeneratedRegex(@"(\d)\s*/\s*(\d)")]
    private static partial Regex Pair();

    // A figure as it must stay on one line: a sign, digits with their separators, and a % / 萬 / 億 / 以下 held to it.
    [GeneratedRegex(@"[<>≤≥＜＞≦≧-]?\u00A0?\d[\d,.]*(?:\u00A0/\u00A0\d[\d,.]*)?(?:%|(?:\u2060\u00A0)?\u2060(?:億|萬|以下|以上|以內))?")]
    private static partial Regex Figure();
}
