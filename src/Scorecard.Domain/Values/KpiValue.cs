using Scorecard.Domain.Common;

namespace Scorecard.Domain.Values;

public enum Period { Y, H1, H2, Q1, Q2, Q3, Q4 }

public enum ValueKind { Target, Actual }

/// <summary>
/// A target or actual for one year and period. It holds a number, a status, or both
/// (a number the document qualifies: "110.23 (至 5 月)"). A status is data: it is never
/// turned into zero, and a value with neither is refused.
/// </summary>
public class KpiValue : Entity, IKeepsExtraFacts
{
    public Guid KpiId { get; set; }
    public int Ordinal { get; set; }
    public int Year { get; set; }
    public Period Period { get; set; }
    public ValueKind Kind { get; set; }
    public decimal? Number { get; set; }
    public string? Status { get; set; }
    /// <summary>The cell as printed.</summary>
    public string? Raw { get; set; }
    public string? Note { get; set; }
    public string? ExtraJson { get; set; }

    public static void CheckHasContent(decimal? number, string? status)
    {
        if (number is null && string.IsNullOrWhiteSpace(status))
            throw new DomainException($"數值與狀態皆為空：請填入數字，或填入狀態文字（如「未統計」、「新指標不適用」）。");
    }
}

/// <summary>How a value reads wherever it is shown (pages, reports, exports): a number as a number, a status in its own words.</summary>
public static class ValueWords
{
    /// <summary>「1,220」, 「40.7」: thousands separators, the decimals it has, no trailing zeros.</summary>
    public static string Number(decimal n) => n.ToString("#,0.##########", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// An amount of money as narrative text words it (seed 004): 549,542 → 「54 萬 9,542 元」,
    /// 540,000 → 「54 萬元」, 123,456,789 → 「1 億 2,345 萬 6,789 元」. Tables print <see cref="Number"/>.
    /// </summary>
    public static string Amount(decimal yuan)
    {
        if (yuan < 0) return "負 " + Amount(-yuan);
        var whole = decimal.Truncate(yuan);
        var fraction = yuan - whole;
        var parts = new List<string>();
        foreach (var (unit, size) in new[] { ("兆", 1_000_000_000_000m), ("億", 100_000_000m), ("萬", 10_000m) })
        {
            var count = decimal.Truncate(whole / size);
            if (count > 0) parts.Add($"{Number(count)} {unit}");
            whole -= count * size;
        }
        var rest = whole + fraction;
        if (rest > 0 || parts.Count == 0) parts.Add(Number(rest));
        // 「54 萬 9,542 元」 but 「54 萬元」: the unit joins a 萬 directly.
        var words = string.Join(" ", parts);
        return rest > 0 || yuan == 0 ? words + " 元" : words + "元";
    }

    /// <summary>
    /// The one way a stored value is shown: the text it was printed or typed with where that still states its number
    /// (「&lt;0.2」, 「10 以下」, 「75.0%」, 「275件 (104/8/31起計算)」, see <see cref="PrintedText.Of"/>); else the number,
    /// the status, or both (「110.23 至 5 月」); the printed text where there is neither.
    /// </summary>
    public static string? Of(KpiValue v) => PrintedText.Of(v) ?? (v.Number, v.Status) switch
    {
        ({ } n, { } s) => $"{Number(n)} {s}",
        ({ } n, null) => Number(n),
        (null, { } s) => s,
        _ => v.Raw,
    };

    /// <summary>
    /// As <see cref="Of(KpiValue)"/>, for a KPI measured in <paramref name="unit"/>: an amount in 元 made from a number
    /// is written in 萬 and 億 as the documents print it (275,553,642,811 → 「2,755 億 5,364 萬 2,811」, 7,000,000 →
    /// 「700 萬」), the unit being printed beside it.
    /// </summary>
    public static string? Of(KpiValue v, string? unit) =>
        PrintedText.Of(v) is null && unit?.Trim() == "元" && v.Number is { } n && Math.Abs(n) >= 10_000m
            ? v.Status is { } s ? $"{Tens(n)} {s}" : Tens(n)
            : Of(v);

    /// <summary>A number in 萬 and 億 without a unit: 549,542 → 「54 萬 9,542」, 7,000,000 → 「700 萬」.</summary>
    public static string Tens(decimal n)
    {
        var words = Amount(n);
        return words.EndsWith(" 元", StringComparison.Ordinal) ? words[..^2] : words[..^1];
    }
}

public static class Periods
{
    // Only the names: Enum.TryParse would also take "1" as a period.
    public static Period Parse(string text) => Enum.GetNames<Period>().Contains(text)
        ? Enum.Parse<Period>(text)
        : throw new DomainException($"期別「{text}」不是 Y、H1、H2、Q1、Q2、Q3 或 Q4。");

    public static string Label(Period p) => p switch
    {
        Period.Y => "全年",
        Period.H1 => "上半年",
        Period.H2 => "下半年",
        Period.Q1 => "第 1 季",
        Period.Q2 => "第 2 季",
        Period.Q3 => "第 3 季",
        _ => "第 4 季",
    };

    public static ValueKind ParseKind(string text) => text switch
    {
        "target" => ValueKind.Target,
        "actual" => ValueKind.Actual,
        _ => throw new DomainException($"數值種類「{text}」不是 target 或 actual。"),
    };

    public static string FormatKind(ValueKind k) => k == ValueKind.Target ? "target" : "actual";

    public static string KindLabel(ValueKind k) => k == ValueKind.Target ? "目標值" : "實際值";
}
