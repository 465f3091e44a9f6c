using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;

namespace Scorecard.Domain.Scoring;

/// <summary>What one KPI comes to in the map's year: every period's result, the one that stands, composites.</summary>
/// <param name="Current">The result that stands (the latest of the year, up to the period scored); null for a composite standing on its parts, or with nothing to judge.</param>
public sealed record KpiScore(
    Kpi Kpi,
    Direction? Direction,
    IReadOnlyList<PeriodResult> Results,
    PeriodResult? Current,
    decimal? Achievement,
    FormattableString? Why,
    Standing Standing,
    IReadOnlyList<FormattableString> Warnings,
    Projection? Projection = null,
    decimal? MeanCap = null)
{
    /// <summary>
    /// The achievement as a mean of several KPIs counts it: at most <see cref="MeanCap"/>, the map's cap on achievement in the
    /// self-assessment total (<see cref="ScoringRules.AchievementCap"/>; 100 unless a map sets another, as seed 003's scoring does), so
    /// that one lower-is-better ratio (target ÷ actual: 3.0 ÷ 1.66 = 180.7%, or far more for an actual near zero) does not raise the
    /// mean past KPIs that missed. The KPI's own achievement is shown uncapped, by its rule.
    /// </summary>
    public decimal? Counted => Achievement is { } a && MeanCap is { } cap && a > cap ? cap : Achievement;

    /// <summary>In progress and projected to miss the year's target: 預估未達標, counted beside 未達標.</summary>
    public bool ProjectedMiss => Standing == Standing.InProgress && Projection is { Achieves: false };
}

/// <summary>A composite KPI's figure from its parts: the weighted achievement by <see cref="Rule"/>, or why there is none.</summary>
public sealed record CompositeScore(decimal? Achievement, FormattableString? Rule, FormattableString? Why, Standing Standing, IReadOnlyList<FormattableString> Warnings);

public sealed record EvaluationScore(
    Evaluation Evaluation,
    Direction? Direction,
    AchievementResult Achievement,
    bool? Discrepancy,
    SelfAssessmentResult Computed,
    Light LightComputed,
    FormattableString? Incomplete);

/// <summary>
/// The calculation over one loaded map: results per KPI and period, composite KPIs, roll-ups per
/// objective, theme and organisation, and the self-assessment of every evaluation. Pure: it reads
/// the entities it is given and writes nothing.
/// </summary>
public sealed class MapScoring
{
    readonly Dictionary<Guid, KpiScore> kpis = [];
    /// <summary>What each KPI (and part) was scored by, for a projection at any period of the year.</summary>
    readonly Dictionary<Guid, (KnownDirection Direction, KnownAggregation Aggregation, AchievementSettings Settings)> scoredBy = [];
    readonly List<KpiScore> topLevel = [];
    readonly Dictionary<Guid, RollUp> byObjective;
    readonly Dictionary<Guid, RollUp> byTheme;
    public StrategyMap Map { get; }
    readonly Values.Period? upTo;
    public ScoringRules Rules { get; }
    public IReadOnlyList<EvaluationScore> Evaluations { get; }

    /// <param name="upTo">Score the year as it stood at the end of this period; the latest figures when null.</param>
    public MapScoring(StrategyMap map, Values.Period? upTo = null)
    {
        Map = map;
        this.upTo = upTo;
        Rules = ScoringRules.From(map.Scoring);
        var themeCodes = map.Themes.ToDictionary(t => t.Id, t => t.Code);
        var themeOfObjective = map.Objectives.ToDictionary(o => o.Id, o => o.ThemeId is { } t ? themeCodes[t] : null);
        var byParent = map.Kpis.Where(k => k.ParentId is not null).ToLookup(k => k.ParentId!.Value);
        foreach (var kpi in map.Kpis.Where(k => k.ParentId is null))
        {
            var theme = themeOfObjective.GetValueOrDefault(kpi.ObjectiveId);
            var settings = AchievementSettings.Resolve(map.AchievementRules, theme, kpi.Code);
            var parts = byParent[kpi.Id].OrderBy(p => p.Ordinal)
                .Select(p => Score(p, KnownDirection.Of(p, kpi), KnownAggregation.Of(p, kpi), settings, []))
                .ToList();
            foreach (var part in parts) kpis[part.Kpi.Id] = part;
            kpis[kpi.Id] = Score(kpi, KnownDirection.Of(kpi), KnownAggregation.Of(kpi), settings, parts);
            topLevel.Add(kpis[kpi.Id]);
        }

        // Roll-ups are read once per grid cell: count them once here.
        var objectiveTheme = map.Objectives.ToDictionary(o => o.Id, o => o.ThemeId);
        byObjective = topLevel.GroupBy(s => s.Kpi.ObjectiveId).ToDictionary(g => g.Key, Of);
        byTheme = topLevel.Where(s => objectiveTheme.GetValueOrDefault(s.Kpi.ObjectiveId) is not null)
            .GroupBy(s => objectiveTheme[s.Kpi.ObjectiveId]!.Value).ToDictionary(g => g.Key, Of);
        OrganisationRollUp = Of(topLevel);

        var topByCode = map.Kpis.Where(k => k.ParentId is null).GroupBy(k => k.Code).ToDictionary(g => g.Key, g => g.First());
        Evaluations = map.Evaluations.OrderBy(e => e.Ordinal).Select(e =>
        {
            var kpi = e.KpiCode is { } code ? topByCode.GetValueOrDefault(code) : null;
            // The evaluation's own direction, else its KPI's as known (set or inferred, and then said in the rule).
            var known = e.Direction is { } stated ? new KnownDirection(stated, null) : kpi is null ? KnownDirection.Unknown : KnownDirection.Of(kpi);
            var direction = known.Value;
            var theme = e.ThemeCode ?? (kpi is null ? null : themeOfObjective.GetValueOrDefault(kpi.ObjectiveId));
            var settings = AchievementSettings.Resolve(map.AchievementRules, theme, e.KpiCode);
            var achievement = Achievement.Compute(direction, e.Target, e.Actual, settings);
            if (known.Said is { } said)
                achievement = achievement with { RuleText = $"{achievement.RuleText}；{said}" };
            var discrepancy = Achievement.Disagrees(e.AchievementReported, e.AchievementReportedDecimals, direction, e.Target, e.Actual, settings);
            var computed = SelfAssessment.Total(Rules, achievement.Percent, e.Innovation, e.Challenge, e.Contribution);
            // The light follows the document's own total where it prints one.
            var light = e.WeightedAverage is { } printed ? SelfAssessment.LightFor(Rules, printed) : computed.Light;
            var incomplete = SelfAssessment.Incomplete(e.AchievedFlag ?? achievement.Achieved, e.SituationAnalysis, e.Countermeasures);
            return new EvaluationScore(e, direction, achievement, discrepancy, computed, light, incomplete);
        }).ToList();
    }

    KpiScore Score(Kpi kpi, KnownDirection known, KnownAggregation aggregation, AchievementSettings settings, IReadOnlyList<KpiScore> parts)
    {
        scoredBy[kpi.Id] = (known, aggregation, settings);
        var direction = known.Value;
        var results = KpiResults.For(kpi, direction, aggregation.Value, settings, aggregation.Said, known.Said, aggregation.Firm);
        var current = KpiResults.Current(results, Map.ViewYear, upTo);
        var warnings = new List<FormattableString>();
        if (parts.Count == 0 || results.Count > 0)
            return new KpiScore(kpi, direction, results, current, current?.Percent, current?.Achievement.Why ?? (current is null ? (FormattableString)$"本年度尚無可比較的實際值與目標值。" : null),
                RollUp.StandingOf(current), warnings, Project(kpi, known, aggregation, settings, current), Rules.AchievementCap);

        // A composite KPI with no figures of its own: from its parts, its projection too.
        var combined = Combine(parts.Select(p => (Label(p.Kpi, parts), p.Kpi.Weight, p.Achievement, p.Why, p.Standing)).ToList());
        return new KpiScore(kpi, direction, results, null, combined.Achievement, combined.Why, combined.Standing, combined.Warnings,
            Projections.OfParts(parts.Select(p => (Label(p.Kpi, parts), p.Kpi.Weight, p.Projection)).ToList()), Rules.AchievementCap);
    }

    /// <summary>
    /// A part named so that a reader finds it: its code, or where the document prints the same code on
    /// several rows (AP2.1 twice, BF1.1 once per agency) the code and its owner, 「BF1.1（工務局）」, or
    /// where the owner is the same too (GP3.2) its row, 「GP3.2（第 2 列）」.
    /// </summary>
    public static string PartLabel(Kpi part, IReadOnlyList<Kpi> parts)
    {
        var same = parts.Where(p => p.Code == part.Code).ToList();
        if (same.Count == 1) return part.Code;
        var owners = string.Join("、", part.Owners);
        return owners.Length > 0 && same.Count(p => string.Join("、", p.Owners) == owners) == 1
            ? $"{part.Code}（{owners}）"
            : $"{part.Code}（第 {parts.ToList().IndexOf(part) + 1} 列）";
    }

    static string Label(Kpi part, IReadOnlyList<KpiScore> parts) => PartLabel(part, parts.Select(p => p.Kpi).ToList());

    /// <summary>The weighted achievement of a composite KPI's parts and where the whole stands: in progress while a part is.</summary>
    static CompositeScore Combine(IReadOnlyList<(string Label, decimal? Weight, decimal? Achievement, FormattableString? Why, Standing Standing)> parts)
    {
        var composite = Composite.WeightedParts(parts.Select(p => (p.Label, p.Weight, p.Achievement, p.Why)).ToList());
        Standing standing;
        if (parts.Any(p => p.Standing == Standing.InProgress))
            standing = Standing.InProgress;   // a part still on its way: the whole has no verdict yet
        else if (composite.Value is { } v)
            standing = v >= 100 ? Standing.Achieved : Standing.NotAchieved;
        else if (parts.Any(p => p.Standing == Standing.NotAchieved))
            standing = Standing.NotAchieved;
        else if (parts.All(p => p.Standing == Standing.Achieved))
            standing = Standing.Achieved;
        else if (parts.All(p => p.Standing == Standing.NotApplicable))
            standing = Standing.NotApplicable;
        else
            standing = Standing.NoData;
        return new CompositeScore(composite.Value, composite.Value is null ? null : Composite.WeightedPartsRule, composite.Why, standing, composite.Warnings);
    }

    /// <summary>
    /// Where the year is likely to end, from the figure that stands, before the year ends; what it rests on that was
    /// inferred (the aggregation, the direction) is said with it, as with a verdict.
    /// </summary>
    Projection? Project(Kpi kpi, KnownDirection direction, KnownAggregation aggregation, AchievementSettings settings, PeriodResult? current) =>
        current is null || current.Year != Map.ViewYear ? null : Project(kpi, direction, aggregation, settings, current.Year, current.Period);

    /// <summary>The projection a KPI (or part) had at the end of a period of a year (open data gives one per in-year row).</summary>
    /// <remarks>A composite KPI with no figures of its own is projected from its parts' projections at that period.</remarks>
    public Projection? ProjectionAt(Kpi kpi, int year, Values.Period period)
    {
        if (kpi.Values.Count == 0 && PartsOf(kpi) is { Count: > 0 } parts)
            return Projections.OfParts(parts.Select(p => (Label(p.Kpi, parts), p.Kpi.Weight, ProjectionAt(p.Kpi, year, period))).ToList());
        return scoredBy.TryGetValue(kpi.Id, out var by) ? Project(kpi, by.Direction, by.Aggregation, by.Settings, year, period) : null;
    }

    static Projection? Project(Kpi kpi, KnownDirection direction, KnownAggregation aggregation, AchievementSettings settings, int year, Values.Period period)
    {
        if (Projections.At(kpi, direction.Value, aggregation.Value, settings, year, period) is not { } projection)
            return null;
        foreach (var said in new[] { aggregation.Said, direction.Said })
            if (said is not null)
                projection = projection with { Said = $"{projection.Said}；{said}" };
        return projection;
    }

    /// <summary>
    /// A composite KPI at one period of a year, as open data lists it beside its parts' rows: the parts'
    /// results of that period combined as the KPI's standing is. A part with no result there leaves the
    /// KPI without a figure and says why.
    /// </summary>
    public CompositeScore CompositeAt(Kpi kpi, int year, Values.Period period)
    {
        var parts = PartsOf(kpi);
        return Combine(parts.Select(p =>
        {
            var r = p.Results.FirstOrDefault(x => x.Year == year && x.Period == period);
            var why = r is null ? (FormattableString)$"本期無可比較的實際值與目標值。" : r.Achievement.Why;
            return (Label(p.Kpi, parts), p.Kpi.Weight, r?.Percent, why, RollUp.StandingOf(r));
        }).ToList());
    }

    /// <summary>A composite KPI's parts, scored, in the order printed; none for a KPI without parts.</summary>
    public IReadOnlyList<KpiScore> PartsOf(Kpi kpi) =>
        Map.Kpis.Where(k => k.ParentId == kpi.Id).OrderBy(k => k.Ordinal).Select(k => kpis[k.Id]).ToList();

    public KpiScore For(Kpi kpi) => kpis[kpi.Id];

    static RollUp Of(IEnumerable<KpiScore> scores) => RollUp.Of(scores.Select(s => (s.Standing, s.Counted, s.ProjectedMiss)));

    static readonly RollUp Nothing = new(0, 0, 0, 0, 0, null);

    public RollUp ForObjective(Objective objective) => byObjective.GetValueOrDefault(objective.Id, Nothing);

    public RollUp ForTheme(Theme theme) => byTheme.GetValueOrDefault(theme.Id, Nothing);

    /// <summary>The organisation: every KPI of the map.</summary>
    public RollUp OrganisationRollUp { get; }
}
