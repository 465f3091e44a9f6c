using Scorecard.Domain.Kpis;

namespace Scorecard.Domain.Values;

/// <summary>
/// A figure its KPI's unit cannot take (issue 33): a negative count, amount, duration or date. City 107 Q1 prints HC5.3
/// 各機關(基金)決算依限上網公開 (unit 日期) as 「-654759」, most likely a spreadsheet's date turned into a number. The figure is
/// kept as printed, since the document prints it, but it is flagged wherever it is shown, and nothing is computed from it.
/// A unit that may go below zero (a %, a growth rate, a change) is never flagged.
/// </summary>
public static class ImpossibleFigure
{
    /// <summary>Units that count, sum or date things: none of them goes below zero.</summary>
    static readonly string[] NeverNegative =
        [.. AggregationInference.CountUnits, "日期", "日", "天", "小時", "分鐘", "分", "年", "月", "週", "校次", "人/百萬", "天/件", "日/件", "張", "支", "株", "棵", "輛", "公頃", "公里", "公尺", "m²", "平方公尺"];

    /// <summary>Why the figure cannot be what the KPI measures, or null where it can (or there is no number).</summary>
    public static FormattableString? Why(decimal? number, string? unit)
    {
        if (number is not { } n || n >= 0 || unit?.Trim() is not { Length: > 0 } u || !NeverNegative.Contains(u))
            return null;
        return $"「{ValueWords.Number(n)}」為負數，但單位「{u}」不會是負數：疑為資料錯誤（如試算表轉換），請查核；不據以計算。";
    }

    /// <summary>The same for a stored value of a KPI (or of a part, measured in its KPI's unit where it states none).</summary>
    public static FormattableString? Of(KpiValue v, string? unit) => Why(v.Number, unit);

    /// <summary>The doubt in a few words, for a narrow table cell: 「疑誤：單位「日期」不會是負數」.</summary>
    public static FormattableString? Brief(KpiValue v, string? unit) =>
        Why(v.Number, unit) is null ? null : (FormattableString)$"疑誤：單位「{unit!.Trim()}」不會是負數";
}
