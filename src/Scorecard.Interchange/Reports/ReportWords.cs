using Scorecard.Domain.Common;
using Scorecard.Interchange.Drawing;

namespace Scorecard.Interchange.Reports;

/// <summary>
/// How a document says its own words: titles, headings, column heads and notes, written in the
/// report types as Chinese interpolated strings, as the seeds print them. Chinese by default (the
/// command line, and every document the city files); a page passes its reader's language. The data
/// (names, narratives, figures, the agencies' own words) stays as entered.
/// </summary>
/// <param name="Say">A heading in the reader's language: the format is its key in the words table, a year hole (<see cref="Said.Year"/>) becomes the reader's year.</param>
/// <param name="Chart">A chart's legend and text alternative, and the trend table's heads.</param>
/// <param name="InChinese">The seeds' own language: sections numbered 「一、」 and items 「(一)」; else 1. and (1).</param>
public sealed record ReportWords(Func<FormattableString, string> Say, ChartWords Chart, bool InChinese)
{
    public static readonly ReportWords Chinese = new(f => Said.Chinese(f), ChartWords.Report, true);

    /// <summary>A word the domain names (a perspective, a score's name), in the reader's language where it has one.</summary>
    public string Word(string word) => Say($"{word}");

    /// <summary>A section's number: 「一、」, or "1. ".</summary>
    public string Section(int n) => InChinese ? $"{ChineseNumbers.Of(n)}、" : $"{n}. ";

    /// <summary>An item's number under a section: 「(一)」, or "(1) ".</summary>
    public string Item(int n) => InChinese ? $"({ChineseNumbers.Of(n)})" : $"({n}) ";

    /// <summary>Between a label and its text: 「：」, or ": ".</summary>
    public string Colon => InChinese ? "：" : ": ";
}
