using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scorecard.Interchange.Json;

// The product's JSON interchange format (shared/data/SCHEMA.md). Years here are ROC years.
// Every record keeps the keys it does not model in Extra, so an import followed by an
// export loses no fact.

public abstract class JsonRecord
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class MapFile : JsonRecord
{
    public string? Source { get; set; }
    public string? Title { get; set; }
    public string? Notes { get; set; }
    public OrganizationDto? Organization { get; set; }
    /// <summary>Organisations to create or update (names, aliases, parents), before any map is read.</summary>
    public List<OrganizationDto>? Organizations { get; set; }
    public List<string>? Mission { get; set; }
    public string? Vision { get; set; }
    public List<string>? CoreValues { get; set; }
    public int? PlanYear { get; set; }
    /// <summary>Only in an export whose map was built from several source documents.</summary>
    public List<DocumentDto>? Documents { get; set; }
    public List<CityObjectiveDto>? CityObjectives { get; set; }
    public List<ThemeDto>? Themes { get; set; }
    public List<ObjectiveDto>? Objectives { get; set; }
    public List<KpiDto>? Kpis { get; set; }
    public List<ActionPlanDto>? ActionPlans { get; set; }
    public List<LinkDto>? Links { get; set; }
    public List<EvaluationDto>? Evaluations { get; set; }
    public List<RevisionDto>? Revisions { get; set; }
    public List<TaskDto>? Tasks { get; set; }
    public List<AchievementRuleDto>? AchievementRules { get; set; }
    public ScoringDto? Scoring { get; set; }
}

public sealed class OrganizationDto : JsonRecord
{
    public string? Name { get; set; }
    public string? Level { get; set; }
    public string? Parent { get; set; }
    /// <summary>Short names the documents use for it (環保局 for 臺北市政府環境保護局).</summary>
    public List<string>? Aliases { get; set; }
}

public sealed class DocumentDto
{
    public string? Source { get; set; }
    public string? Title { get; set; }
    public string? Notes { get; set; }
}

public sealed class CityObjectiveDto : JsonRecord
{
    public string? Code { get; set; }
    public string? Perspective { get; set; }
    public string? Name { get; set; }
}

public sealed class ThemeDto : JsonRecord
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? LeadUnit { get; set; }
    public List<string>? CoUnits { get; set; }
    public ReportedCountsDto? ReportedCounts { get; set; }
    public string? Notes { get; set; }
}

public sealed class ReportedCountsDto : JsonRecord
{
    public int? Objectives { get; set; }
    public int? Kpis { get; set; }
    public int? ActionPlans { get; set; }
}

public sealed class ObjectiveDto : JsonRecord
{
    public string? Code { get; set; }
    public string? Theme { get; set; }
    public string? Perspective { get; set; }
    public string? Name { get; set; }
    public string? KeySuccessFactor { get; set; }
    public string? ParentCode { get; set; }
    public string? Notes { get; set; }
}

/// <summary>A KPI, or (inside subValues) one part of a composite KPI.</summary>
public sealed class KpiDto : JsonRecord
{
    public string? Code { get; set; }
    public string? Objective { get; set; }
    public string? Name { get; set; }
    public string? Formula { get; set; }
    public string? Unit { get; set; }
    public string? Direction { get; set; }
    public string? Threshold { get; set; }
    public List<string>? Owners { get; set; }
    public List<string>? CoOwners { get; set; }
    public decimal? Weight { get; set; }
    public string? Frequency { get; set; }
    /// <summary>cumulative, pointInTime, average or yearToDate (each period reported as the year so far): how the periods make the year.</summary>
    public string? Aggregation { get; set; }
    /// <summary>actionPlans or milestones: a figure computed from the plans' progress or the milestones done.</summary>
    public string? ComputedFrom { get; set; }
    /// <summary>The steps of a milestone scheme, worth points that sum to 100.</summary>
    public List<MilestoneDto>? Milestones { get; set; }
    public List<ValueDto>? Values { get; set; }
    public List<KpiDto>? SubValues { get; set; }
    public string? Notes { get; set; }
    /// <summary>Computed on export, one per actual that has a target for its year; ignored on import.</summary>
    public List<ResultDto>? Results { get; set; }
}

public sealed class MilestoneDto : JsonRecord
{
    public string? Name { get; set; }
    public decimal? Points { get; set; }
}

public sealed class ResultDto
{
    public int Year { get; set; }
    public string Period { get; set; } = "";
    /// <summary>The achievement by <see cref="Rule"/>; none while the year is in progress with no verdict (see <see cref="YearProgress"/>).</summary>
    public decimal? Achievement { get; set; }
    public bool? Achieved { get; set; }
    /// <summary>Before the year ends, progress toward the year's target with no verdict: the share of the year gone (25, 50, 75).</summary>
    public decimal? YearElapsed { get; set; }
    /// <summary>While <see cref="YearElapsed"/> is set: the share of the year's target reached so far, %. Never an achievement.</summary>
    public decimal? YearProgress { get; set; }
    public string Rule { get; set; } = "";
    public string? Reason { get; set; }
}

public sealed class ValueDto : JsonRecord
{
    public int? Year { get; set; }
    public string? Period { get; set; }
    public string? Kind { get; set; }
    public decimal? Value { get; set; }
    public string? Raw { get; set; }
    public string? Status { get; set; }
    public string? Note { get; set; }
    /// <summary>
    /// Only in an export for a signed-in reader: draft, submitted, returned, approved or published.
    /// An import takes published values only.
    /// </summary>
    public string? State { get; set; }
    /// <summary>執行情形, 狀況分析, 對策 and the reviewer's comment of an entered (unpublished) actual.</summary>
    public string? Narrative { get; set; }
    public string? Analysis { get; set; }
    public string? Countermeasure { get; set; }
    public string? ReviewComment { get; set; }
}

public sealed class ActionPlanDto : JsonRecord
{
    public string? Code { get; set; }
    public string? Kpi { get; set; }
    public string? Name { get; set; }
    public List<string>? Owners { get; set; }
    public decimal? Weight { get; set; }
    public List<BudgetDto>? Budgets { get; set; }
    public string? Notes { get; set; }
}

public sealed class BudgetDto : JsonRecord
{
    public int? Year { get; set; }
    public decimal? Amount { get; set; }
}

public sealed class LinkDto : JsonRecord
{
    public string? From { get; set; }
    public string? To { get; set; }
}

public sealed class EvaluationDto : JsonRecord
{
    public string? Kpi { get; set; }
    public string? Theme { get; set; }
    public string? Direction { get; set; }
    public int? Year { get; set; }
    public string? Part { get; set; }
    public string? Section { get; set; }
    public decimal? Target { get; set; }
    public decimal? Actual { get; set; }
    public decimal? AchievementReported { get; set; }
    public decimal? Innovation { get; set; }
    public decimal? Challenge { get; set; }
    public decimal? Contribution { get; set; }
    public string? InnovationNarrative { get; set; }
    public string? ChallengeNarrative { get; set; }
    public string? ContributionNarrative { get; set; }
    public decimal? WeightedAverage { get; set; }
    public string? Light { get; set; }
    public bool? AchievedFlag { get; set; }
    public ExplanationDto? Explanation { get; set; }
    public string? Notes { get; set; }

    // Computed on export; ignored on import.
    public decimal? AchievementComputed { get; set; }
    public string? AchievementRule { get; set; }
    public string? AchievementReason { get; set; }
    /// <summary>True where the printed achievement disagrees with the rule at the printed precision; absent where there is nothing to compare.</summary>
    public bool? AchievementDiscrepancy { get; set; }
    public decimal? TotalComputed { get; set; }
    public string? LightComputed { get; set; }
}

/// <summary>未達目標值 KPI 之補充說明: 狀況分析 and 對策, with whatever else the document prints.</summary>
public sealed class ExplanationDto : JsonRecord
{
    public List<string>? SituationAnalysis { get; set; }
    public List<string>? Countermeasures { get; set; }
}

public sealed class RevisionDto : JsonRecord
{
    public int? Year { get; set; }
    public string? Change { get; set; }
    public string? Code { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Reason { get; set; }
}

public sealed class TaskDto : JsonRecord
{
    public string? ActionPlan { get; set; }
    public string? Name { get; set; }
    public string? Group { get; set; }
    public List<int>? Months { get; set; }
}

public sealed class AchievementRuleDto : JsonRecord
{
    public string? Theme { get; set; }
    public string? Kpi { get; set; }
    public string? LowerIsBetter { get; set; }
    /// <summary>Absent: inherit. Null: explicitly no cap. A number: the cap in %.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonElement Cap { get; set; }
    public string? Rounding { get; set; }
    public int? Decimals { get; set; }
    public string? Notes { get; set; }
}

public sealed class ScoringDto : JsonRecord
{
    public ScoringWeightsDto? Weights { get; set; }
    public decimal? AchievementCap { get; set; }
    public List<LightDto>? Lights { get; set; }
    public string? UnknownLabel { get; set; }
    public string? UnknownSymbol { get; set; }
    public string? Notes { get; set; }
}

public sealed class ScoringWeightsDto : JsonRecord
{
    public decimal? Achievement { get; set; }
    public decimal? Innovation { get; set; }
    public decimal? Challenge { get; set; }
    public decimal? Contribution { get; set; }
}

public sealed class LightDto : JsonRecord
{
    public string? Label { get; set; }
    public string? Symbol { get; set; }
    public decimal? Min { get; set; }
}

public static class InterchangeJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A key written twice is a file edited wrong: which one did the clerk mean? Refused, not the last one taken.
        AllowDuplicateProperties = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
