using Scorecard.Domain.Common;

namespace Scorecard.Domain.Scoring;

public enum LowerIsBetterRule { TargetOverActual, TwoMinusActualOverTarget }

public enum RoundingRule { HalfUp, Truncate }

/// <summary>
/// Which achievement rule a map's figures follow (PRODUCT rule 5). The most specific entry wins:
/// one naming a KPI, then a theme, then neither. An entry holds only what it changes, so every
/// setting is optional; <see cref="CapSpecified"/> tells "no cap" (set, null) from "inherit".
/// </summary>
public class AchievementRule : Entity, IKeepsExtraFacts
{
    public Guid MapId { get; set; }
    public int Ordinal { get; set; }
    public string? ThemeCode { get; set; }
    public string? KpiCode { get; set; }
    public LowerIsBetterRule? LowerIsBetter { get; set; }
    public bool CapSpecified { get; set; }
    public decimal? Cap { get; set; }
    public RoundingRule? Rounding { get; set; }
    public int? Decimals { get; set; }
    public string? Notes { get; set; }
    public string? ExtraJson { get; set; }

    public static LowerIsBetterRule ParseLowerIsBetter(string text) => text switch
    {
        "targetOverActual" => LowerIsBetterRule.TargetOverActual,
        "twoMinusActualOverTarget" => LowerIsBetterRule.TwoMinusActualOverTarget,
        _ => throw new DomainException($"負向指標算法「{text}」不是 targetOverActual 或 twoMinusActualOverTarget。"),
    };

    public static string Format(LowerIsBetterRule r) =>
        r == LowerIsBetterRule.TargetOverActual ? "targetOverActual" : "twoMinusActualOverTarget";

    public static RoundingRule ParseRounding(string text) => text switch
    {
        "halfUp" => RoundingRule.HalfUp,
        "truncate" => RoundingRule.Truncate,
        _ => throw new DomainException($"進位方式「{text}」不是 halfUp 或 truncate。"),
    };

    public static string Format(RoundingRule r) => r == RoundingRule.HalfUp ? "halfUp" : "truncate";
}

/// <summary>Self-assessment scoring (自評): weights of the total, the achievement cap, and the lights.</summary>
public class ScoringSettings : Entity, IKeepsExtraFacts
{
    public Guid MapId { get; set; }
    public decimal? AchievementWeight { get; set; }
    public decimal? InnovationWeight { get; set; }
    public decimal? ChallengeWeight { get; set; }
    public decimal? ContributionWeight { get; set; }
    public decimal? AchievementCap { get; set; }
    public string? UnknownLabel { get; set; }
    public string? UnknownSymbol { get; set; }
    public string? Notes { get; set; }
    public string? ExtraJson { get; set; }
    public List<ScoringLight> Lights { get; set; } = [];
}

/// <summary>A light (燈號): the first whose minimum the total reaches; the last has no minimum.</summary>
public class ScoringLight : Entity
{
    public Guid ScoringSettingsId { get; set; }
    public int Ordinal { get; set; }
    public required string Label { get; set; }
    public string? Symbol { get; set; }
    public decimal? Min { get; set; }
}

/// <summary>
/// 自評: a KPI's result for a year as a document reports it: target, actual, printed achievement,
/// the three scores, weighted total and light. Printed figures are kept as printed.
/// </summary>
public class Evaluation : Entity, IKeepsExtraFacts
{
    public Guid MapId { get; set; }
    public int Ordinal { get; set; }
    public string? KpiCode { get; set; }
    /// <summary>The theme the document files it under, where it says (the rule of that theme applies).</summary>
    public string? ThemeCode { get; set; }
    /// <summary>The direction the document states for this result; else the KPI's.</summary>
    public Kpis.Direction? Direction { get; set; }
    public int Year { get; set; }
    public string? Part { get; set; }
    public string? Section { get; set; }
    public decimal? Target { get; set; }
    public decimal? Actual { get; set; }
    public decimal? AchievementReported { get; set; }
    /// <summary>How many decimals the document prints the achievement with: the precision to compare at.</summary>
    public int? AchievementReportedDecimals { get; set; }
    public decimal? Innovation { get; set; }
    public decimal? Challenge { get; set; }
    public decimal? Contribution { get; set; }
    public string? InnovationNarrative { get; set; }
    public string? ChallengeNarrative { get; set; }
    public string? ContributionNarrative { get; set; }
    public decimal? WeightedAverage { get; set; }
    public string? Light { get; set; }
    public bool? AchievedFlag { get; set; }
    /// <summary>狀況分析 of a KPI not achieved (PRODUCT rule 8), one line an item.</summary>
    public List<string>? SituationAnalysis { get; set; }
    /// <summary>對策 of a KPI not achieved.</summary>
    public List<string>? Countermeasures { get; set; }
    public string? Notes { get; set; }
    /// <summary>Raw texts, explanation (狀況分析 / 對策) and the rest, as the document gives them.</summary>
    public string? ExtraJson { get; set; }
}
