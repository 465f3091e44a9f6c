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
    /// <summary>A KPI whose aggregation is not known: every way of making the year, read together.</summary>
    EveryAggregation,
}

/// <summary>
/// 預估: where a KPI's year is likely to end, from its in-year figures, and whether that meets the year's target. Never a
/// result: it has its own words and its own place on every surface, and <see cref="Said"/> names the method and its inputs
/// (「依去年同期占全年 31% 推估，年底約 1,650 人次，低於目標 2,000（預估未達標）」).
/// </summary>
/// <param name="YearEnd">The projected year-end figure; for <see cref="ProjectionMethod.EveryAggregation"/> the low end of the range.</param>
/// <param name="High">The high end of the range, where the method gives one; else equal to <see cref="YearEnd"/>.</param>
/// <param name="Achieves">Whether the projection meets the year's target by the KPI's rule; null where the ways of making
/// the year disagree or the direction is not known.</param>
public sealed record Projection(decimal YearEnd, decimal High, bool? Achieves, ProjectionMethod Method, FormattableString Said)
{
    /// <summary>「預估達標」, 「預估未達標」 or 「預估未定」.</summary>
    public string Label => Achieves switch { true => "預估達標", false => "預估未達標", _ => "預估未定" };

    public static string MethodName(ProjectionMethod m) => m switch
    {
        ProjectionMethod.LastYearProfile => "lastYearProfile",
        ProjectionMethod.Pace => "pace",
        ProjectionMethod.Latest => "latest",
        ProjectionMethod.Mean => "mean",
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
        var target = kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == year && v.Period == Period.Y)?.Number;
        var actuals = kpi.Values.Where(v => v.Kind == ValueKind.Actual && v.Year == year).ToList();
        if (target is not { } t || actuals.FirstOrDefault(v => v.Period == at)?.Number is not { } latest)
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
                    return Verdict(direction, t, profiled, profiled, settings, ProjectionMethod.LastYearProfile,
                        $"依去年同期占全年 {ValueWords.Number(Math.Round(share * 100, 0, MidpointRounding.AwayFromZero))}% 推估（累計至今 {ValueWords.Number(toDate)}）", unit);
                }
                var paced = Round(toDate / (elapsed / 100), decimals);
                return Verdict(direction, t, paced, paced, settings, ProjectionMethod.Pace,
                    $"依年度已過 {elapsed}% 的進度推估（累計至今 {ValueWords.Number(toDate)}）", unit);
            }
            case Aggregation.PointInTime:
                return Verdict(direction, t, latest, latest, settings, ProjectionMethod.Latest, $"依最新一期 {ValueWords.Number(latest)} 推估", unit);
            case Aggregation.Average:
            {
                if (KpiResults.YearToDate(Aggregation.Average, actuals, at) is not { } mean)
                    return null;
                var rounded = Round(mean, decimals);
                return Verdict(direction, t, rounded, rounded, settings, ProjectionMethod.Mean, $"依各期平均 {ValueWords.Number(rounded)} 推估", unit);
            }
            default:
            {
                var ways = new List<decimal> { latest, latest / (elapsed / 100) };
                if (KpiResults.YearToDate(Aggregation.Average, actuals, at) is { } mean) ways.Add(mean);
                if (KpiResults.YearToDate(Aggregation.Cumulative, actuals, at) is { } sum) ways.Add(sum / (elapsed / 100));
                var low = Round(ways.Min(), decimals);
                var high = Round(ways.Max(), decimals);
                return Verdict(direction, t, low, high, settings, ProjectionMethod.EveryAggregation,
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

    static Projection Verdict(Direction? direction, decimal target, decimal low, decimal high, AchievementSettings settings,
        ProjectionMethod method, FormattableString how, string? unit)
    {
        var lowMeets = Meets(direction, target, low, settings);
        var highMeets = Meets(direction, target, high, settings);
        bool? achieves = lowMeets is not null && lowMeets == highMeets ? lowMeets : null;
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
        return new Projection(low, high, achieves, method, $"{how}，年底約 {figure}，{compared}目標 {ValueWords.Number(target)}（{verdict}）");
    }

    static bool? Meets(Direction? direction, decimal target, decimal projected, AchievementSettings settings) =>
        direction is Direction.Higher or Direction.Lower ? Achievement.Compute(direction, target, projected, settings).Achieved : null;

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
