using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Scorecard.Domain.Values;

/// <summary>How a target printed as a bound reads: 「&lt;0.2」 is below, 「10 以下」 at most, 「80 以上」 and 「≥90%」 at least.</summary>
public enum TargetBound { None, Below, AtMost, AtLeast, Above }

/// <summary>
/// The text a value was printed or typed with (issue 33 §5): 「&lt;0.2」, 「10 以下」, 「75.0%」, 「2,755 億 5,364萬 2,811」,
/// 「275件 (104/8/31起計算)」, 「累計啟動20,000 戶公共住宅工程」. It is shown wherever the value is shown, as long as it
/// still says the stored number; calculation always uses the number.
/// </summary>
public static partial class PrintedText
{
    /// <summary>
    /// The printed text to show for a value, or null where the number (and status) should be shown instead: the value
    /// has no number, no printed text, a printed text that no longer states its number (edited since, or garbled in the
    /// source), or a bare number that the house form prints the same but for thousands separators (「1220」 → 「1,220」).
    /// Runs of spaces are one space; a note the document's status holds in a cleaner form (「(104/8 /31起 計算)」 printed,
    /// 「(104/8/31起計算)」 recorded) is shown as recorded.
    /// </summary>
    public static string? Of(KpiValue v) => Of(v.Number, v.Raw, v.Status);

    /// <summary>As <see cref="Of(KpiValue)"/>, for a figure kept with its printed text elsewhere (a result's 「12 日內」, 「降低至 9.2%」).</summary>
    public static string? Of(decimal? number, string? printed, string? status = null)
    {
        if (number is not { } n || string.IsNullOrWhiteSpace(printed))
            return null;
        // A figure printed once per row of a KPI printed in several rows (BF2.1's 「10」 for each agency) is one figure.
        var lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var raw = lines.Length > 1 && lines.Distinct().Count() == 1 ? lines[0] : printed;
        var text = Spaces().Replace(raw.Trim(), " ");
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (WithNote(text, status.Trim()) is not { } noted)
                return null;   // the printed text lacks the note: number and status say more
            text = noted;
        }
        if (!Numbers(text).Contains(n))
            return null;
        if (text.Replace(",", "", StringComparison.Ordinal) == ValueWords.Number(n).Replace(",", "", StringComparison.Ordinal))
            return null;
        return text;
    }

    /// <summary>The bound a value's printed text states, where that text still states its number.</summary>
    public static TargetBound BoundOf(KpiValue v) =>
        v.Number is { } n && v.Raw is { } raw && Numbers(raw).Contains(n) ? Bound(raw) : TargetBound.None;

    /// <summary>The bound a printed target states, by a sign before its number or 以下 / 以上 after it.</summary>
    public static TargetBound Bound(string? printed)
    {
        var text = (printed ?? "").Trim();
        var sign = LeadingSign().Match(text);
        if (sign.Success)
            return sign.Groups[1].Value switch
            {
                "<" or "＜" => TargetBound.Below,
                "≤" or "≦" => TargetBound.AtMost,
                ">" or "＞" => TargetBound.Above,
                _ => TargetBound.AtLeast,
            };
        var words = TrailingWords().Match(text);
        if (!words.Success)
            return TargetBound.None;
        return words.Groups[1].Value is "以下" or "以內" ? TargetBound.AtMost : TargetBound.AtLeast;
    }

    /// <summary>
    /// Every number a text states: each figure as written (「1,027,000」, 「-3.5」), and amounts in 萬 and 億 as
    /// their whole (「2,755 億 5,364萬 2,811」 is 275,553,642,811; 「700 萬」 is 7,000,000).
    /// </summary>
    public static IReadOnlySet<decimal> Numbers(string text)
    {
        var found = new HashSet<decimal>();
        decimal? amount = null;   // a 萬/億 amount being read
        var lastEnd = -1;
        foreach (Match m in Figure().Matches(text))
        {
            if (!decimal.TryParse(m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal).Replace('−', '-'),
                    NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
                continue;
            found.Add(n);
            var joined = amount is not null && string.IsNullOrWhiteSpace(text[lastEnd..m.Index]);
            if (!joined) amount = null;
            var scale = m.Groups["unit"].Value switch { "億" => 100_000_000m, "萬" => 10_000m, _ => 1m };
            if (scale != 1m || amount is not null)
            {
                amount = (amount ?? 0) + n * scale;
                found.Add(amount.Value);
            }
            amount = scale == 1m ? null : amount;
            lastEnd = m.Index + m.Length;
        }
        return found;
    }

    /// <summary>The text with <paramref name="note"/> in place of the same words spaced otherwise; null where the text does not hold them.</summary>
    static string? WithNote(string text, string note)
    {
        var at = new List<int>();
        var compact = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
            if (!char.IsWhiteSpace(text[i])) { compact.Append(text[i]); at.Add(i); }
        var wanted = string.Concat(note.Where(c => !char.IsWhiteSpace(c)));
        if (wanted.Length == 0)
            return text;
        var found = compact.ToString().IndexOf(wanted, StringComparison.Ordinal);
        if (found < 0)
            return null;
        return text[..at[found]] + note + text[(at[found + wanted.Length - 1] + 1)..];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // A figure not glued to a digit or a point before it (「CP4.3.154」 states no 54), with 萬 or 億 after it if any.
    [GeneratedRegex(@"(?<![\d.,])(?<n>[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?<unit>億|萬)?")]
    private static partial Regex Figure();

    [GeneratedRegex(@"^([<＜≤≦>＞≥≧])\s*[-−]?\d")]
    private static partial Regex LeadingSign();

    [GeneratedRegex(@"\d\s*%?\s*(以下|以內|以上)")]
    private static partial Regex TrailingWords();
}
