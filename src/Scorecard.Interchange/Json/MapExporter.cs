using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Organisations;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;

namespace Scorecard.Interchange.Json;

/// <summary>Writes a stored map in the interchange format: every fact an import brought, in its order.</summary>
public static class MapExporter
{
    public static async Task<MapFile?> ExportAsync(ScorecardDb db, string organisation, int rocYear, CancellationToken ct = default) =>
        await MapQueries.ReadAsync(db, organisation, rocYear, ct) is { } map ? ToFile(map) : null;

    public static MapFile ToFile(StrategyMap map)
    {
        var scoring = new MapScoring(map);
        var docs = map.Documents.OrderBy(d => d.Ordinal).ToList();
        var first = docs.FirstOrDefault();
        var themes = map.Themes.OrderBy(t => t.Ordinal).ToList();
        var objectives = map.Objectives.OrderBy(o => o.Ordinal).ToList();
        var kpis = map.Kpis.Where(k => k.ParentId is null).OrderBy(k => k.Ordinal).ToList();
        // Looked up once, not searched per item: the city map has ~400 KPI rows and ~540 plans.
        var codes = new Codebook(
            themes.ToDictionary(t => t.Id, t => t.Code),
            objectives.ToDictionary(o => o.Id, o => o.Code),
            map.Kpis.ToDictionary(k => k.Id, k => k.Code),
            map.Kpis.Where(k => k.ParentId is not null).ToLookup(k => k.ParentId!.Value),
            scoring);
        return new MapFile
        {
            Source = first?.Source,
            Title = first?.Title,
            Notes = first?.Notes,
            Documents = docs.Count > 1 ? docs.Select(d => new DocumentDto { Source = d.Source, Title = d.Title, Notes = d.Notes }).ToList() : null,
            Organization = new OrganizationDto
            {
                Name = map.Organisation.Name,
                Level = OrganisationTree.FormatLevel(map.Organisation.Level),
                Parent = map.Organisation.Parent?.Name,
                Extra = ExtraFacts.Read(map.Organisation.ExtraJson),
            },
            Mission = map.Mission.Count > 0 ? map.Mission : null,
            Vision = map.Vision,
            CoreValues = map.CoreValues.Count > 0 ? map.CoreValues : null,
            PlanYear = map.RocYear,
            CityObjectives = NullIfEmpty(objectives.Where(o => o.ThemeId is null).Select(o => new CityObjectiveDto
            {
                Code = o.Code, Perspective = o.Perspective, Name = o.Name, Extra = ExtraFacts.Read(o.ExtraJson),
            })),
            Themes = NullIfEmpty(themes.Select(ToDto)),
            Objectives = NullIfEmpty(objectives.Where(o => o.ThemeId is not null).Select(o => new ObjectiveDto
            {
                Code = o.Code,
                Theme = codes.Themes[o.ThemeId!.Value],
                Perspective = o.Perspective,
                Name = o.Name,
                KeySuccessFactor = o.KeySuccessFactor,
                ParentCode = o.ParentCode,
                Notes = o.Notes,
                Extra = ExtraFacts.Read(o.ExtraJson),
            })),
            Kpis = NullIfEmpty(kpis.Select(k => ToDto(k, codes))),
            ActionPlans = NullIfEmpty(map.ActionPlans.OrderBy(a => a.Ordinal).Select(a => new ActionPlanDto
            {
                Code = a.Code,
                Kpi = codes.Kpis[a.KpiId],
                Name = a.Name,
                Owners = a.Owners,
                Weight = a.Weight,
                Budgets = NullIfEmpty(a.Budgets.OrderBy(b => b.Ordinal).Select(b => new BudgetDto
                {
                    Year = RocYear.FromGregorian(b.Year), Amount = b.Amount, Extra = ExtraFacts.Read(b.ExtraJson),
                })),
                Notes = a.Notes,
                Extra = ExtraFacts.Read(a.ExtraJson),
            })),
            Links = NullIfEmpty(map.Links.OrderBy(l => l.Ordinal).Select(l => new LinkDto
            {
                From = l.FromCode, To = l.ToCode, Extra = ExtraFacts.Read(l.ExtraJson),
            })),
            Evaluations = NullIfEmpty(scoring.Evaluations.Select(s => (e: s.Evaluation, s)).Select(x => new EvaluationDto
            {
                Kpi = x.e.KpiCode,
                Theme = x.e.ThemeCode,
                Direction = x.e.Direction is { } d ? Directions.Format(d) : null,
                Year = RocYear.FromGregorian(x.e.Year),
                Part = x.e.Part,
                Section = x.e.Section,
                Target = x.e.Target,
                Actual = x.e.Actual,
                AchievementReported = x.e.AchievementReported,
                Innovation = x.e.Innovation,
                Challenge = x.e.Challenge,
                Contribution = x.e.Contribution,
                WeightedAverage = x.e.WeightedAverage,
                Light = x.e.Light,
                AchievedFlag = x.e.AchievedFlag,
                InnovationNarrative = x.e.InnovationNarrative,
                ChallengeNarrative = x.e.ChallengeNarrative,
                ContributionNarrative = x.e.ContributionNarrative,
                Explanation = x.e.SituationAnalysis is null && x.e.Countermeasures is null && ExtraFacts.Nested(x.e.ExtraJson, "explanation") is null
                    ? null
                    : new ExplanationDto
                    {
                        SituationAnalysis = x.e.SituationAnalysis,
                        Countermeasures = x.e.Countermeasures,
                        Extra = ExtraFacts.Nested(x.e.ExtraJson, "explanation"),
                    },
                Notes = x.e.Notes,
                AchievementComputed = x.s.Achievement.Percent,
                AchievementRule = x.s.Achievement.Rule,
                AchievementReason = x.s.Achievement.Reason,
                AchievementDiscrepancy = x.s.Discrepancy,
                TotalComputed = x.s.Computed.Total,
                LightComputed = x.s.LightComputed.Label,
                Extra = ExtraFacts.Read(x.e.ExtraJson, without: "explanation"),
            })),
            Revisions = NullIfEmpty(map.Revisions.OrderBy(r => r.Ordinal).Select(r => new RevisionDto
            {
                Year = RocYear.FromGregorian(r.Year),
                Change = r.Change,
                Code = r.Code,
                Before = r.Before,
                After = r.After,
                Reason = r.Reason,
                Extra = ExtraFacts.Read(r.ExtraJson),
            })),
            Tasks = NullIfEmpty(map.Tasks.OrderBy(t => t.Ordinal).Select(t => new TaskDto
            {
                ActionPlan = t.ActionPlanCode, Name = t.Name, Group = t.Group, Months = t.Months, Extra = ExtraFacts.Read(t.ExtraJson),
            })),
            AchievementRules = NullIfEmpty(map.AchievementRules.OrderBy(r => r.Ordinal).Select(ToDto)),
            Scoring = map.Scoring is { } s ? ToDto(s) : null,
            Extra = ExtraFacts.Read(map.ExtraJson),
        };
    }

    static List<T>? NullIfEmpty<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? null : list;
    }

    static ThemeDto ToDto(Theme t) => new()
    {
        Code = t.Code,
        Name = t.Name,
        LeadUnit = t.LeadUnit,
        CoUnits = t.CoUnits.Count > 0 ? t.CoUnits : null,
        ReportedCounts = t.ReportedObjectives is null && t.ReportedKpis is null && t.ReportedActionPlans is null
            ? null
            : new ReportedCountsDto
            {
                Objectives = t.ReportedObjectives,
                Kpis = t.ReportedKpis,
                ActionPlans = t.ReportedActionPlans,
                Extra = ExtraFacts.Nested(t.ExtraJson, "reportedCounts"),
            },
        Notes = t.Notes,
        Extra = ExtraFacts.Read(t.ExtraJson, without: "reportedCounts"),
    };

    /// <summary>
    /// Codes by id, parts by KPI (found by ParentId: a no-tracking query does not fix up the Parts
    /// navigation), and the map's calculation.
    /// </summary>
    sealed record Codebook(
        Dictionary<Guid, string> Themes,
        Dictionary<Guid, string> Objectives,
        Dictionary<Guid, string> Kpis,
        ILookup<Guid, Kpi> PartsOf,
        MapScoring Scoring);

    static KpiDto ToDto(Kpi k, Codebook codes) => new()
    {
        Code = k.Code,
        Objective = k.ParentId is null ? codes.Objectives[k.ObjectiveId] : null,
        Name = k.Name,
        Formula = k.Formula,
        Unit = k.Unit,
        Direction = k.Direction is { } d ? Directions.Format(d) : null,
        Threshold = k.Threshold,
        Owners = k.Owners,
        CoOwners = k.CoOwners.Count > 0 ? k.CoOwners : null,
        Weight = k.Weight,
        Frequency = k.Frequency is { } f ? Frequencies.Format(f) : null,
        Aggregation = k.Aggregation is { } g ? Aggregations.Format(g) : null,
        ComputedFrom = k.ComputedFrom is { } c ? Compositions.Format(c) : null,
        Milestones = NullIfEmpty(k.Milestones.OrderBy(m => m.Ordinal).Select(m => new MilestoneDto { Name = m.Name, Points = m.Points })),
        Values = k.Values.OrderBy(v => v.Ordinal).Select(v => new ValueDto
        {
            Year = RocYear.FromGregorian(v.Year),
            Period = v.Period.ToString(),
            Kind = Periods.FormatKind(v.Kind),
            Value = v.Number,
            Raw = v.Raw,
            Status = v.Status,
            Note = v.Note,
            Extra = ExtraFacts.Read(v.ExtraJson),
        }).ToList(),
        SubValues = NullIfEmpty(codes.PartsOf[k.Id].OrderBy(p => p.Ordinal).Select(p => ToDto(p, codes))),
        Notes = k.Notes,
        Results = NullIfEmpty(codes.Scoring.For(k).Results.Select(r => new ResultDto
        {
            Year = RocYear.FromGregorian(r.Year),
            Period = r.Period.ToString(),
            Achievement = r.Percent,
            Achieved = r.Achieved,
            YearElapsed = r.YearElapsed,
            YearProgress = r.YearProgress,
            Rule = r.Achievement.Rule,
            Reason = r.Achievement.Reason,
        })),
        Extra = ExtraFacts.Read(k.ExtraJson),
    };

    static AchievementRuleDto ToDto(AchievementRule r) => new()
    {
        Theme = r.ThemeCode,
        Kpi = r.KpiCode,
        LowerIsBetter = r.LowerIsBetter is { } l ? AchievementRule.Format(l) : null,
        Cap = r.CapSpecified ? JsonSerializer.SerializeToElement(r.Cap) : default,
        Rounding = r.Rounding is { } x ? AchievementRule.Format(x) : null,
        Decimals = r.Decimals,
        Notes = r.Notes,
        Extra = ExtraFacts.Read(r.ExtraJson),
    };

    static ScoringDto ToDto(ScoringSettings s) => new()
    {
        Weights = new ScoringWeightsDto
        {
            Achievement = s.AchievementWeight,
            Innovation = s.InnovationWeight,
            Challenge = s.ChallengeWeight,
            Contribution = s.ContributionWeight,
            Extra = ExtraFacts.Nested(s.ExtraJson, "weights"),
        },
        AchievementCap = s.AchievementCap,
        Lights = s.Lights.OrderBy(l => l.Ordinal).Select(l => new LightDto { Label = l.Label, Symbol = l.Symbol, Min = l.Min }).ToList(),
        UnknownLabel = s.UnknownLabel,
        UnknownSymbol = s.UnknownSymbol,
        Notes = s.Notes,
        Extra = ExtraFacts.Read(s.ExtraJson, without: "weights"),
    };

    public static string Serialize(MapFile file) => JsonSerializer.Serialize(file, InterchangeJson.Options);
}
