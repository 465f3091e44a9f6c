using Scorecard.Domain.Kpis;
using Scorecard.Domain.Values;

namespace Scorecard.Domain.Scoring;

/// <summary>How a year-end figure was projected from the figures so far.</summary>
public enum ProjectionMethod
{
    /// <summary>A cumulative or year-to-date KPI: to date ÷ last year's share of its year reached by the same period.</summary>
    LastYearProfile,
    /// <summary>A cumulative KPI without last year's period figures: to date ÷ the share of the year gone.</summary>
    Pace,
    /// <summary>A point-in-time KPI: the latest figure stands for the year.</summary>
    Latest,
    /// <summary>An average KPI: the mean of the periods so far.</summary>
    Mean,
    /// <summary>A composite KPI: its parts' projections, combined as its standing is (weighted, or every part).</summary>
    Parts,
    /// <summary>A KPI whose aggregation is not known: every way of making the year, read together.</summary>
    EveryAggregation,
}

/// <summary>
/// 預估: where a KPI's year is likely to end, from its in-year figures, and whether that meets the year's target. Never a
/// result: it has its own words and its own place on every surface, and <see cref="Said"/> names the method and its inputs
/// (「依去年同期占全年 31% 推估，年底約 1,650 人次，低於目標 2,000（預估未達標）」).
/// </summary>
/// <param name="YearEnd">The projected year-end figure; for <see cref="ProjectionMethod.EveryAggregation"/> the low end of the range;
/// null for a composite KPI (<see cref="ProjectionMethod.Parts"/>), whose parts have figures of their own in their own units.</param>
/// <param name="High">The high end of the range, where the method gives one; else equal to <see cref="YearEnd"/>.</param>
/// <param name="Achieves">Whether the projection meets the year's target by the KPI's rule; null where the ways of making
/// the year disagree or the direction is not known.</param>
/// <param name="Percent">The achievement the projection comes to by the KPI's rule (the low end where it is a range); for a composite
/// KPI its parts' weighted; null where the rule gives none (direction unknown, no weights).</param>
/// <param name="PercentHigh">The high end of that achievement; else equal to <see cref="Percent"/>.</param>
public sealed record Projection(decimal? YearEnd, decimal? High, bool? Achieves, ProjectionMethod Method, FormattableString Said,
    decimal? Percent = null, decimal? PercentHigh = null)
{
    /// <summary>「預估達標」, 「預估未達標」 or 「預估未定」.</summary>
    public string Label => Achieves switch { true => "預估達標", false => "預估未達標", _ => "預估未定" };

    public static string MethodName(ProjectionMethod m) => m switch
    {
        ProjectionMethod.LastYearProfile => "lastYearProfile",
        ProjectionMethod.Pace => "pace",
        ProjectionMethod.Latest => "latest",
        ProjectionMethod.Mean => "mean",
        ProjectionMethod.Parts => "parts",
        _ => "everyAggregation",
    };
}

/// <summary>
/// Year-end projections (issue 33 §3). Pure: reads the KPI's values and writes nothing. A cumulative KPI is projected by
/// last year's profile where the KPI holds last year's figures for the same periods and the year's total, else by pace;
/// a point-in-time KPI by its latest figure, an average one by the mean so far. Where the aggregation is not known, the
/// year is projected every way it could be made (the latest figure, the mean, the sum so far by pace, the latest figure
/// as a year-to-date reading by pace): a verdict is projected only when all of them agree.
/// </summary>
public static class Projections
{
    /// <summary>The projection at the end of <paramref name="at"/> in <paramref name="year"/>; null at the year's end, or
    /// where there is no number at that period or no numeric year target.</summary>
    public static Projection? At(Kpi kpi, Direction? direction, Aggregation? aggregation, AchievementSettings settings, int year, Period at)
    {
        if (Elapsed(at) is not { } elapsed)
            return null;
        var targetValue = kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == year && v.Period == Period.Y);
        var target = targetValue?.Number;
        // A target printed as a strict bound (「<0.2」) is met only beyond it, projections included (issue 33 §5).
        var bound = targetValue is null ? TargetBound.None : PrintedText.BoundOf(targetValue);
        var actuals = kpi.Values.Where(v => v.Kind == ValueKind.Actual && v.Year == year).ToList();
        if (target is not { } t || actuals.FirstOrDefault(v => v.Period == at)?.Number is not { } latest)
            return null;
        // Nothing is projected from a figure the KPI's unit cannot take (HC5.3's -654,759 for a date).
        if (actuals.Any(v => ImpossibleFigure.Why(v.Number, kpi.Unit ?? kpi.Parent?.Unit) is not null))
            return null;
        var decimals = new[] { t, latest }.Max(Decimals);
        var unit = kpi.Unit;

        switch (aggregation)
        {
            case Aggregation.Cumulative or Aggregation.YearToDate:
            {
                if (KpiResults.YearToDate(aggregation, actuals, at) is not { } toDate)
                    return null;
                var lastYear = kpi.Values.Where(v => v.Kind == ValueKind.Actual && v.Year == year - 1).ToList();
                if (LastYearShare(lastYear, at, aggregation.Value) is { } share)
                {
                    var profiled = Round(toDate / share, decimals);
                    return Verdict(direction, t, bound, profiled, profiled, settings, ProjectionMethod.LastYearProfile,
                        $"依去年同期占全年 {ValueWords.Number(Math.Round(share * 100, 0, MidpointRounding.AwayFromZero))}% 推估（累計至今 {ValueWords.Number(toDate)}）", unit);
                }
                var paced = Round(toDate / (elapsed / 100), decimals);
                return Verdict(direction, t, bound, paced, paced, settings, ProjectionMethod.Pace,
                    $"依年度已過 {elapsed}% 的進度推估（累計至今 {ValueWords.Number(toDate)}）", unit);
            }
            case Aggregation.PointInTime:
                return Verdict(direction, t, bound, latest, latest, settings, ProjectionMethod.Latest, $"依最新一期 {ValueWords.Number(latest)} 推估", unit);
            case Aggregation.Average:
            {
                if (KpiResults.YearToDate(Aggregation.Average, actuals, at) is not { } mean)
                    return null;
                var rounded = Round(mean, decimals);
                return Verdict(direction, t, bound, rounded, rounded, settings, ProjectionMethod.Mean, $"依各期平均 {ValueWords.Number(rounded)} 推估", unit);
            }
            default:
            {
                var ways = new List<decimal> { latest, latest / (elapsed / 100) };
                if (KpiResults.YearToDate(Aggregation.Average, actuals, at) is { } mean) ways.Add(mean);
                if (KpiResults.YearToDate(Aggregation.Cumulative, actuals, at) is { } sum) ways.Add(sum / (elapsed / 100));
                var low = Round(ways.Min(), decimals);
                var high = Round(ways.Max(), decimals);
                return Verdict(direction, t, bound, low, high, settings, ProjectionMethod.EveryAggregation,
                    $"累計方式未設定，依時點、平均、累計各種方式推估", unit);
            }
        }
    }

    /// <summary>The share of the year gone by the end of a period, %; null for a period that ends the year.</summary>
    public static decimal? Elapsed(Period p) => p switch
    {
        Period.Q1 => 25, Period.Q2 or Period.H1 => 50, Period.Q3 => 75, _ => null,
    };

    /// <summary>Last year's figures to the same period as a share of last year's total; null unless all are there and positive.</summary>
    static decimal? LastYearShare(IReadOnlyList<KpiValue> lastYear, Period at, Aggregation aggregation)
    {
        var total = lastYear.FirstOrDefault(v => v.Period == Period.Y)?.Number
                    ?? KpiResults.YearToDate(aggregation, lastYear, at is Period.H1 ? Period.H2 : Period.Q4);
        if (!lastYear.Any(v => v.Period == at) || KpiResults.YearToDate(aggregation, lastYear, at) is not { } sofar
            || total is not { } whole || whole <= 0 || sofar <= 0)
            return null;
        return sofar / whole;
    }

    static Projection Verdict(Direction? direction, decimal target, TargetBound bound, decimal low, decimal high, AchievementSettings settings,
        ProjectionMethod method, FormattableString how, string? unit)
    {
        var atLow = Judge(direction, target, low, settings, bound);
        var atHigh = Judge(direction, target, high, settings, bound);
        var (lowMeets, highMeets) = (atLow?.Achieved, atHigh?.Achieved);
        bool? achieves = lowMeets is not null && lowMeets == highMeets ? lowMeets : null;
        var percents = new[] { atLow?.Percent, atHigh?.Percent }.OfType<decimal>().ToList();
        var figure = low == high ? (FormattableString)$"{Figure(low, unit)}" : $"{Figure(low, unit)} 至 {Figure(high, unit)}";
        var compared = (low > target, high < target) switch
        {
            (true, _) => "高於",
            (_, true) => "低於",
            _ when low == high => "等於",
            _ => "涵蓋",
        };
        FormattableString verdict = achieves switch
        {
            true => $"預估達標",
            false => $"預估未達標",
            _ when direction is not (Direction.Higher or Direction.Lower) => $"指標方向未知，不預估達標與否",
            _ => $"各種累計方式結果不一，請設定累計方式",
        };
        // A strict bound is said as printed, with what it asks (「等於目標 <0.2，實際值須低於 0.2 才達標」).
        FormattableString goal = (direction, bound) switch
        {
            (Direction.Lower, TargetBound.Below) => $"目標 <{ValueWords.Number(target)}，實際值須低於 {ValueWords.Number(target)} 才達標",
            (Direction.Higher, TargetBound.Above) => $"目標 >{ValueWords.Number(target)}，實際值須高於 {ValueWords.Number(target)} 才達標",
            _ => $"目標 {ValueWords.Number(target)}",
        };
        return new Projection(low, high, achieves, method, $"{how}，年底約 {figure}，{compared}{goal}（{verdict}）",
            percents.Count == 0 ? null : percents.Min(), percents.Count == 0 ? null : percents.Max());
    }

    static AchievementResult? Judge(Direction? direction, decimal target, decimal projected, AchievementSettings settings, TargetBound bound) =>
        direction is Direction.Higher or Direction.Lower ? Achievement.Compute(direction, target, projected, settings, bound: bound) : null;

    /// <summary>
    /// A composite KPI's projection from its parts' (issue 33 §4), made as its standing is made from theirs: with weights, the parts'
    /// projected achievements weighted (Σ 權重 × 分項預估達成度 ÷ Σ 權重), met at 100%; without (BF1.1, a row per agency), or while a part
    /// has none, missed where a part is projected to miss and met where every part is projected to meet. Null where no part has a projection.
    /// </summary>
    public static Projection? OfParts(IReadOnlyList<(string Label, decimal? Weight, Projection? Projection)> parts)
    {
        if (parts.Count == 0 || parts.All(p => p.Projection is null))
            return null;
        var weightSum = parts.Sum(p => p.Weight ?? 0);
        if (parts.All(p => p.Weight is not null && p.Projection?.Percent is not null) && weightSum > 0)
        {
            var low = Round(parts.Sum(p => p.Weight!.Value * p.Projection!.Percent!.Value) / weightSum, 1);
            var high = Round(parts.Sum(p => p.Weight!.Value * (p.Projection!.PercentHigh ?? p.Projection.Percent!.Value)) / weightSum, 1);
            bool? meets = low >= 100 ? true : high < 100 ? false : null;
            var each = Common.Said.List(parts.Select(p => (FormattableString)$"{p.Label} {ValueWords.Number(p.Weight!.Value)}% × {Range(p.Projection!.Percent!.Value, p.Projection.PercentHigh)}"), "、");
            FormattableString result = meets switch
            {
                true => $"預估達標",
                false => $"預估未達標",
                _ => $"分項推估結果不一，不預估達標與否",
            };
            return new Projection(null, null, meets, ProjectionMethod.Parts,
                $"依各分項預估達成度加權推估（{each}），分項加權達成度約 {Range(low, high)}（{result}）", low, high);
        }
        var missing = parts.Where(p => p.Projection?.Achieves == false).Select(p => p.Label).ToList();
        var open = parts.Where(p => p.Projection?.Achieves is null).Select(p => p.Label).ToList();
        if (missing.Count > 0)
            return new Projection(null, null, false, ProjectionMethod.Parts, $"分項 {Common.Said.List(missing)} 預估未達標（預估未達標）");
        if (open.Count == 0)
            return new Projection(null, null, true, ProjectionMethod.Parts, $"{parts.Count} 個分項皆預估達標（預估達標）");
        return new Projection(null, null, null, ProjectionMethod.Parts, $"分項 {Common.Said.List(open)} 尚無預估或預估未定，不預估達標與否");
    }

    static string Range(decimal low, decimal? high) =>
        high is { } h && h != low ? $"{ValueWords.Number(low)}% 至 {ValueWords.Number(h)}%" : $"{ValueWords.Number(low)}%";

    static string Figure(decimal n, string? unit) => unit switch
    {
        "%" or "\uff05" => $"{ValueWords.Number(n)}%",   // a full-width per cent sign is the same unit
        { Length: > 0 and <= 6 } u when !char.IsDigit(u[0]) => $"{ValueWords.Number(n)} {u}",   // not a unit printed with a count (「1 場」)
        _ => ValueWords.Number(n),
    };

    /// <summary>As many decimals as the figures it is made from show, at most two.</summary>
    static int Decimals(decimal n)
    {
        var text = ValueWords.Number(n);
        var dot = text.IndexOf('.');
        return Math.Min(2, dot < 0 ? 0 : text.Length - dot - 1);
    }

    static decimal Round(decimal n, int decimals) => Math.Round(n, decimals, MidpointRounding.AwayFromZero);
}
