namespace Scorecard.Domain.Kpis;

/// <summary>
/// A KPI's aggregation as it is known: set on the KPI (or its parent), inferred from its unit and name, or
/// unknown. None of the city's 303 KPIs of 107 has it set, and without it an in-year figure gets no verdict: the mayor's
/// Q2 dashboard read 0 未達標 and 219 進行中. An inferred aggregation is said wherever a verdict rests on it.
/// </summary>
public sealed record KnownAggregation(Aggregation? Value, bool Inferred)
{
    public static readonly KnownAggregation Unknown = new(null, false);

    /// <summary>The KPI's own, its parent's, or else inferred from the KPI's (or its parent's) unit and its name.</summary>
    public static KnownAggregation Of(Kpi kpi, Kpi? parent = null) =>
        (kpi.Aggregation ?? parent?.Aggregation) is { } set ? new(set, false)
        : AggregationInference.Infer(kpi.Unit ?? parent?.Unit, kpi.Name) is { } inferred ? new(inferred, true)
        : Unknown;

    /// <summary>「平均，依單位推定」: how the year is made and how that is known; null when it is set (nothing to say) or unknown.</summary>
    public FormattableString? Said => Inferred && Value is { } v ? (FormattableString)$"{Aggregations.Label(v)}，依單位推定" : null;
}

/// <summary>
/// Infers how a KPI's periods make its year from the words it is printed with (issue 33 §2), only where the words
/// leave no doubt: an average or a concentration (平均, 濃度, µg/m³) is the mean of its periods; a figure per person,
/// per case or per thousand (公噸/人年, 人/十萬人, ‰, 每萬人…) stands at its latest reading; a unit that says 累計 adds
/// up. A count per year (個/年) is not a rate. A percentage is not inferred: of the 77 city KPIs a point-in-time
/// reading of "%" judged 未達標 at 107 Q1, most were progress rates reported year to date (完成率 5.74 of 90.5,
/// 執行進度 7.85 of 79.5), on track, not missed; nor is a count (件, 人次), which the documents print sometimes per
/// quarter and sometimes year to date. Those stay unknown until a planner sets them, and unknown is said as such.
/// </summary>
public static class AggregationInference
{
    static readonly string[] AverageWords = ["平均", "濃度", "µg/m³", "μg/m³"];
    static readonly string[] PerWords = ["/", "／", "‰", "每"];

    public static Aggregation? Infer(string? unit, string? name)
    {
        var u = (unit ?? "").Trim();
        if (u.Contains("累計"))
            return Aggregation.Cumulative;
        if (AverageWords.Any(u.Contains) || AverageWords.Any(w => (name ?? "").Contains(w)))
            return Aggregation.Average;
        // Per person, per case, per thousand; but not a count per year (個/年), which adds up or is printed to date.
        if (PerWords.Any(u.Contains) && !u.EndsWith("/年", StringComparison.Ordinal) && !u.EndsWith("／年", StringComparison.Ordinal))
            return Aggregation.PointInTime;
        return null;
    }
}
