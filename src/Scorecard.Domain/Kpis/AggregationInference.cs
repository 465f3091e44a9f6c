namespace Scorecard.Domain.Kpis;

/// <summary>
/// A KPI's aggregation as it is known: set on the KPI (or its parent), inferred from its unit and name, or
/// unknown. None of the city's 303 KPIs of 107 has it set, and without it an in-year figure gets no verdict: the mayor's
/// Q2 dashboard read 0 未達標 and 219 進行中. An inferred aggregation is said wherever a verdict rests on it.
/// </summary>
/// <param name="Firm">
/// Whether an in-year verdict may rest on it: always where it is set; where it is inferred, only from words that leave no
/// doubt (a concentration, a figure per person, a unit that says 累計). A percentage read as a point in time may as well
/// be a coverage that grows through the year (疫苗接種涵蓋率 47.8 of 75 at Q1): it makes a projection, said as one, and
/// no verdict before the year ends, until a planner confirms it.
/// </param>
public sealed record KnownAggregation(Aggregation? Value, bool Inferred, bool Firm = true, FormattableString? Basis = null)
{
    public static readonly KnownAggregation Unknown = new(null, false);

    /// <summary>The KPI's own, its parent's, or else inferred from the KPI's (or its parent's) unit and its name.</summary>
    public static KnownAggregation Of(Kpi kpi, Kpi? parent = null) =>
        (kpi.Aggregation ?? parent?.Aggregation) is { } set ? new(set, false)
        : AggregationInference.InferWithBasis(kpi.Unit ?? parent?.Unit, kpi.Name) is ({ } inferred, var firm, var basis) ? new(inferred, true, firm, basis)
        : Unknown;

    /// <summary>「平均，依單位「µg/m³」推定」, 「累計至本期，依名稱「執行進度」推定」: how the year is made and what words it was read from;
    /// null when it is set (nothing to say) or unknown.</summary>
    public FormattableString? Said => Inferred && Value is { } v && Basis is { } basis
        ? Firm ? (FormattableString)$"{Aggregations.Label(v)}，{basis}推定" : $"{Aggregations.Label(v)}，{basis}推定，未經確認"
        : null;
}

/// <summary>
/// Infers how a KPI's periods make its year from the words it is printed with (issue 33 §2): an average or a concentration
/// (平均, 濃度, µg/m³) is the mean of its periods; a figure per person, per case or per thousand (公噸/人年, 人/十萬人, ‰,
/// 每萬人…) stands at its latest reading; a unit that says 累計 adds up. A percentage or rate that measures progress
/// (執行進度, 完成率, 達成率, 完訓率…) is reported year to date: 5.74 of 90.5 at Q1 is on its way, not missed (read as a
/// point in time, 77 of the city's KPIs were judged 未達標 at 107 Q1, most of them such progress). Any other percentage or
/// rate (市占率, 涵蓋率, 失業率) stands at its latest reading. A count of events, people, items or money in the year (件,
/// 人次, 場, 處, 元…) adds up. A count per year (個/年) says neither. Every inference is said beside what rests on it,
/// and a planner confirms or changes it.
/// </summary>
public static class AggregationInference
{
    static readonly string[] AverageWords = ["平均", "濃度", "µg/m³", "μg/m³"];
    static readonly string[] PerWords = ["/", "／", "‰", "每"];
    static readonly string[] ProgressWords = ["進度", "完成率", "完成度", "執行率", "達成率", "達成比率", "完訓率", "開工率", "報核率", "開班比率", "結業"];
    internal static readonly string[] CountUnits =
        ["次", "件", "件數", "人次", "萬人次", "場", "場次", "則", "處", "元", "萬元", "億元", "千元", "人", "人數", "家", "個", "座", "戶", "門",
         "校", "校數", "里數", "數量", "次數", "地點數", "支數", "課程數", "案", "項"];

    public static Aggregation? Infer(string? unit, string? name) => InferWithBasis(unit, name).Value;

    /// <summary>The aggregation the words give, and whether they leave no doubt (see <see cref="KnownAggregation.Firm"/>).</summary>
    public static (Aggregation? Value, bool Firm) InferWithFirmness(string? unit, string? name) =>
        InferWithBasis(unit, name) is var (value, firm, _) ? (value, firm) : default;

    /// <summary>The aggregation the words give, whether they leave no doubt, and which words gave it (「依名稱「濃度」」).</summary>
    public static (Aggregation? Value, bool Firm, FormattableString? Basis) InferWithBasis(string? unit, string? name)
    {
        var u = (unit ?? "").Trim();
        var n = name ?? "";
        FormattableString ByUnit() => $"依單位「{u}」";
        FormattableString ByName(string word) => $"依名稱「{word}」";
        if (u.Contains("累計"))
            return (Aggregation.Cumulative, true, ByUnit());
        if (AverageWords.FirstOrDefault(u.Contains) is not null)
            return (Aggregation.Average, true, ByUnit());
        if (AverageWords.FirstOrDefault(n.Contains) is { } averaged)
            return (Aggregation.Average, true, ByName(averaged));
        // Per person, per case, per thousand; but not a count per year (個/年), which adds up or is printed to date.
        if (PerWords.Any(u.Contains))
            return u.EndsWith("/年", StringComparison.Ordinal) || u.EndsWith("／年", StringComparison.Ordinal) ? (null, false, null) : (Aggregation.PointInTime, true, ByUnit());
        var percent = u is "%" or "％" || u.EndsWith('%') || u.EndsWith('％');
        if (ProgressWords.FirstOrDefault(n.Contains) is { } progress)
            return (Aggregation.YearToDate, true, ByName(progress));
        // A percentage, a rate (百萬人率) or a ratio (生師比) stands at its latest reading, or grows through the year.
        if (percent || u.Contains('率') || u == "比")
            return (Aggregation.PointInTime, false, ByUnit());
        if (CountUnits.Contains(u))
            return (Aggregation.Cumulative, false, ByUnit());
        return (null, false, null);
    }
}
