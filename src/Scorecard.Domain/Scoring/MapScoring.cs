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
    Projection? Projection = null)
{
    /// <summary>In progress and projected to miss the year's target: 預估未達標, counted beside 未達標.</summary>
    public bool ProjectedMiss => Standing == Standing.InProgress && Projection is { Achieves: false };
}

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
        var direction = known.Value;
        var results = KpiResults.For(kpi, direction, aggregation.Value, settings, aggregation.Said, known.Said, aggregation.Firm);
        var current = KpiResults.Current(results, Map.ViewYear, upTo);
        var warnings = new List<FormattableString>();
        if (parts.Count == 0 || results.Count > 0)
            return new KpiScore(kpi, direction, results, current, current?.Percent, current?.Achievement.Why ?? (current is null ? (FormattableString)$"本年度尚無可比較的實際值與目標值。" : null),
                RollUp.StandingOf(current), warnings, Project(kpi, known, aggregation, settings, current));

        // A composite KPI with no figures of its own: from its parts.
        var composite = Composite.WeightedParts(parts.Select(p => (p.Kpi.Code, p.Kpi.Weight, p.Achievement, p.Why)).ToList());
        warnings.AddRange(composite.Warnings);
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
        return new KpiScore(kpi, direction, results, null, composite.Value, composite.Why, standing, warnings);
    }

    /// <summary>
    /// Where the year is likely to end, from the figure that stands, before the year ends; what it rests on that was
    /// inferred (the aggregation, the direction) is said with it, as with a verdict.
    /// </summary>
    Projection? Project(Kpi kpi, KnownDirection direction, KnownAggregation aggregation, AchievementSettings settings, PeriodResult? current)
    {
        if (current is null || current.Year != Map.ViewYear || Projections.At(kpi, direction.Value, aggregation.Value, settings, current.Year, current.Period) is not { } projection)
            return null;
        foreach (var said in new[] { aggregation.Said, direction.Said })
            if (said is not null)
                projection = projection with { Said = $"{projection.Said}；{said}" };
        return projection;
    }

    public KpiScore For(Kpi kpi) => kpis[kpi.Id];

    static RollUp Of(IEnumerable<KpiScore> scores) => RollUp.Of(scores.Select(s => (s.Standing, s.Achievement, s.ProjectedMiss)));

    static readonly RollUp Nothing = new(0, 0, 0, 0, 0, null);

    public RollUp ForObjective(Objective objective) => byObjective.GetValueOrDefault(objective.Id, Nothing);

    public RollUp ForTheme(Theme theme) => byTheme.GetValueOrDefault(theme.Id, Nothing);

    /// <summary>The organisation: every KPI of the map.</summary>
    public RollUp OrganisationRollUp { get; }
}
