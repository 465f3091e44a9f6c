using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Values;

namespace Scorecard.Domain.Scoring;

/// <summary>One actual judged against its target: the achievement, whether achieved, the rule, or the reason there is none.</summary>
/// <param name="YearElapsed">
/// Set (25, 50, 75: the share of the year gone, %) when the figure is progress toward the year's target before
/// the year ends, with no verdict: then <see cref="Percent"/> is null (no achievement was made by the rule) and
/// <see cref="YearProgress"/> is the share of the year's target reached so far.
/// </param>
/// <param name="YearProgress">The share of the year's target reached so far, %, while <see cref="YearElapsed"/> is set: never an achievement.</param>
/// <param name="Workings">What was compared, with the figures, and what it came to (「107 年目標值 17 ÷ 107 年第 1 季實際值 19.2 = 88.5%」); null
/// where nothing was computed.</param>
/// <param name="YearSoFar">How <see cref="ComparedActual"/> was made where it is the year so far, not the period's own figure: the sum
/// (<see cref="Aggregation.Cumulative"/>) or the mean (<see cref="Aggregation.Average"/>) of the periods up to this one; null otherwise.</param>
public sealed record PeriodResult(int Year, Period Period, AchievementResult Achievement, decimal? ComparedActual, StatusMeaning? ActualStatus,
    decimal? YearElapsed = null, decimal? YearProgress = null, FormattableString? Workings = null, Aggregation? YearSoFar = null)
{
    public decimal? Percent => Achievement.Percent;
    public bool? Achieved => Achievement.Achieved;
}

public static class KpiResults
{
    static int Rank(Period p) => p switch
    {
        Period.Q1 => 1, Period.Q2 => 2, Period.H1 => 2, Period.Q3 => 3, Period.Q4 => 4, Period.H2 => 4, _ => 5,
    };

    static int Months(Period p) => p switch
    {
        Period.Q1 => 3, Period.Q2 or Period.H1 => 6, Period.Q3 => 9, _ => 12,
    };

    /// <summary>
    /// The year-to-date figure at a period: a cumulative KPI sums its periods so far, an average
    /// takes their mean, a point-in-time KPI (or one whose kind is not set) takes the period itself.
    /// Null when a period on the way has no number (a status is never counted as zero).
    /// </summary>
    public static decimal? YearToDate(Aggregation? aggregation, IReadOnlyList<KpiValue> actualsOfYear, Period upTo)
    {
        var at = actualsOfYear.FirstOrDefault(v => v.Period == upTo);
        if (upTo == Period.Y || aggregation is null or Aggregation.PointInTime or Aggregation.YearToDate)
            return at?.Number;
        // Quarters, or halves, whichever the KPI reports, up to and including this one.
        var quarters = upTo is Period.H1 or Period.H2 ? new[] { Period.H1, Period.H2 } : new[] { Period.Q1, Period.Q2, Period.Q3, Period.Q4 };
        var upToEnd = Months(upTo);
        var sofar = quarters.Where(q => Months(q) <= upToEnd).Select(q => actualsOfYear.FirstOrDefault(v => v.Period == q)).ToList();
        if (sofar.Any(v => v?.Number is null))
            return null;
        var numbers = sofar.Select(v => v!.Number!.Value).ToList();
        return aggregation == Aggregation.Cumulative ? numbers.Sum() : numbers.Average();
    }

    /// <summary>
    /// One result per actual that has a target for its year. A period's actual is compared with the
    /// same period's target where there is one, else with the year's target as progress.
    /// </summary>
    /// <param name="aggregationSaid">How the aggregation is known when it was inferred (「平均，依單位推定」): added to the rule of every
    /// in-year figure judged by it, so that a verdict never rests on an inference unsaid.</param>
    /// <param name="directionSaid">How the direction is known when it was inferred (「負向，依名稱「濃度」推定」): added to the rule of every figure.</param>
    /// <param name="judgesInYear">False where the aggregation is a guess no verdict may rest on (<see cref="KnownAggregation.Firm"/>):
    /// an in-year figure is then progress, and the year-end projection says where it is heading.</param>
    public static IReadOnlyList<PeriodResult> For(Kpi kpi, Direction? direction, Aggregation? aggregation, AchievementSettings settings,
        FormattableString? aggregationSaid = null, FormattableString? directionSaid = null, bool judgesInYear = true)
    {
        var results = new List<PeriodResult>();
        foreach (var actual in kpi.Values.Where(v => v.Kind == ValueKind.Actual).OrderBy(v => v.Year).ThenBy(v => Rank(v.Period)))
        {
            var targets = kpi.Values.Where(v => v.Kind == ValueKind.Target && v.Year == actual.Year).ToList();
            var target = targets.FirstOrDefault(t => t.Period == actual.Period) ?? targets.FirstOrDefault(t => t.Period == Period.Y);
            if (target is null)
                continue;
            var meaning = actual.Status is { } s ? ValueStatuses.Classify(s, actual.Number is not null) : (StatusMeaning?)null;
            var compared = target.Period == actual.Period
                ? actual.Number
                : YearToDate(aggregation, kpi.Values.Where(v => v.Kind == ValueKind.Actual && v.Year == actual.Year).ToList(), actual.Period);
            AchievementResult achievement;
            if (target.Number is null)
                achievement = AchievementResult.None(settings.Describe(direction ?? Direction.Unknown), $"目標值為「{target.Status}」，不是數字。");
            else if (ImpossibleFigure.Why(actual.Number, kpi.Unit ?? kpi.Parent?.Unit) is { } impossible)
                achievement = AchievementResult.None(settings.Describe(direction ?? Direction.Unknown), impossible);
            else if (actual.Number is not null && compared is null)
                achievement = AchievementResult.None(settings.Describe(direction ?? Direction.Unknown), $"前幾期實際值不全，無法累計至本期。");
            else
                achievement = Achievement.Compute(direction, target.Number, compared, settings, actual.Number is null ? actual.Status : null,
                    PrintedText.BoundOf(target));
            // Before the year ends the year's target judges only a KPI whose latest reading is its standing
            // (point in time, average), and only where that kind is known for sure. A cumulative or year-to-date one is on its
            // way there; an unknown kind, or one guessed from a "%" (a coverage that may grow through the year), is not judged.
            var elapsed = target.Period != actual.Period && compared is not null && target.Number is { } t && t != 0
                          && !(judgesInYear && aggregation is Aggregation.PointInTime or Aggregation.Average)
                ? YearElapsed(actual.Period) : null;
            decimal? progress = null;
            if (elapsed is { } share)
                (achievement, progress) = Progress(achievement, compared!.Value, target.Number!.Value, judgesInYear ? aggregation : null, share, settings, aggregationSaid);
            else if (target.Period != actual.Period && aggregationSaid is not null)
                achievement = achievement with { RuleText = $"{achievement.RuleText}；{aggregationSaid}" };
            if (directionSaid is not null)
                achievement = achievement with { RuleText = $"{achievement.RuleText}；{directionSaid}" };
            // The year so far stands for the period where the year's target judges it and more than one period makes it up.
            Aggregation? soFar = target.Period != actual.Period && actual.Period is not (Period.Q1 or Period.H1) && aggregation is Aggregation.Cumulative or Aggregation.Average
                ? aggregation : null;
            var workings = Workings(direction, settings, actual, target, compared, soFar, achievement.Percent, progress);
            results.Add(new PeriodResult(actual.Year, actual.Period, achievement, compared, meaning, elapsed, progress, workings, soFar));
        }
        return results;
    }

    /// <summary>
    /// 「107 年目標值 17 ÷ 107 年第 1 季實際值 19.2 = 88.5%」: the figures the rule was given, named by year and period, and what it
    /// made of them, so that a reader can redo the sum. A year-to-date figure is named as one (累計至第 2 季); progress toward the
    /// year's target is worked out as a share of it. Null where the rule computed nothing.
    /// </summary>
    /// <param name="soFar">How the year so far was made, where it stands for the period (<see cref="PeriodResult.YearSoFar"/>).</param>
    static FormattableString? Workings(Direction? direction, AchievementSettings settings, KpiValue actual, KpiValue target, decimal? compared,
        Aggregation? soFar, decimal? percent, decimal? progress)
    {
        if (compared is not { } a || target.Number is not { } t || (percent ?? progress) is not { } result)
            return null;
        var year = Said.Year(RocYear.FromGregorian(actual.Year));
        var targetName = target.Period == Period.Y ? (FormattableString)$"{year} 年目標值" : $"{year} 年{Values.Periods.Label(target.Period)}目標值";
        var actualName = soFar switch
        {
            Aggregation.Cumulative => (FormattableString)$"{year} 年累計至{Values.Periods.Label(actual.Period)}實際值",
            Aggregation.Average => (FormattableString)$"{year} 年平均至{Values.Periods.Label(actual.Period)}實際值",
            _ => (FormattableString)$"{year} 年{Values.Periods.Label(actual.Period)}實際值",
        };
        var (an, tn, r) = (ValueWords.Number(a), ValueWords.Number(t), ValueWords.Number(result));
        if (progress is not null)
            return $"{actualName} {an} ÷ {targetName} {tn} = {r}%（年度目標進度）";
        FormattableString sum = direction switch
        {
            Direction.Higher => $"{actualName} {an} ÷ {targetName} {tn}",
            Direction.Lower when settings.LowerIsBetter == LowerIsBetterRule.TargetOverActual => $"{targetName} {tn} ÷ {actualName} {an}",
            _ => $"2 − {actualName} {an} ÷ {targetName} {tn}",
        };
        var raw = direction == Direction.Higher ? a / t * 100
            : settings.LowerIsBetter == LowerIsBetterRule.TargetOverActual ? a == 0 ? result : t / a * 100
            : (2 - a / t) * 100;
        return settings.Cap is { } cap && raw > cap
            ? (FormattableString)$"{sum} = {ValueWords.Number(Achievement.Round(raw, settings.Rounding, settings.Decimals))}%，以上限 {ValueWords.Number(cap)}% 計"
            : $"{sum} = {r}%";
    }

    /// <summary>The share of the year gone by the end of a period, %; null for a period that ends the year.</summary>
    static decimal? YearElapsed(Period p) => p switch
    {
        Period.Q1 => 25, Period.Q2 or Period.H1 => 50, Period.Q3 => 75, _ => null,
    };

    /// <summary>
    /// 「累計至本期為年度目標值的 27.5%，年度已過 25%」: progress, whichever the KPI's direction, with no verdict and no
    /// achievement: the share of the year's target is not what the achievement rule computes (a lower-is-better KPI's
    /// 0.489 against 0.463 is 105.6% of the target, and 94.7% achieved by 目標值÷實際值), so it is its own figure.
    /// </summary>
    /// <param name="judged">The result as a verdict would have it: its rule is kept, and its reason where it has one (方向未標示).</param>
    static (AchievementResult Achievement, decimal Progress) Progress(AchievementResult judged, decimal soFar, decimal yearTarget, Aggregation? aggregation, decimal elapsed, AchievementSettings settings,
        FormattableString? guessed)
    {
        var share = Achievement.Round(soFar / yearTarget * 100, settings.Rounding, settings.Decimals);
        var why = aggregation is Aggregation.Cumulative or Aggregation.YearToDate
            ? (FormattableString)$"年度進行中：累計至本期為年度目標值的 {ValueWords.Number(share)}%，年度已過 {elapsed}%；累計型指標於年度結束時判定達成與否，不計算達成度。"
            : guessed is not null
            ? (FormattableString)$"年度進行中：本期值為年度目標值的 {ValueWords.Number(share)}%，年度已過 {elapsed}%；累計方式為推定（{guessed}），年度結束前不判定達成與否，不計算達成度，請見預估。"
            : $"年度進行中：本期值為年度目標值的 {ValueWords.Number(share)}%，年度已過 {elapsed}%；此 KPI 的累計方式（累計、時點或平均）未設定，也無法依單位推定，年度結束前不判定達成與否，不計算達成度。";
        return (new AchievementResult(null, null, judged.RuleText, judged.Why is { } also ? $"{why}{also}" : why), share);
    }

    /// <summary>
    /// The result that stands for the KPI in a year: the year's own, else the latest period's; with
    /// <paramref name="upTo"/>, as it stood at the end of that period (the dashboard's Q1 ignores a Q2 figure).
    /// </summary>
    public static PeriodResult? Current(IEnumerable<PeriodResult> results, int year, Period? upTo = null) =>
        results.Where(r => r.Year == year && (upTo is not { } end || Rank(r.Period) <= Rank(end)))
            .OrderByDescending(r => Rank(r.Period)).FirstOrDefault();
}
