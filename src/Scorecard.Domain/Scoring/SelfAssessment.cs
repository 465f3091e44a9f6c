using Scorecard.Domain.Common;
namespace Scorecard.Domain.Scoring;

/// <summary>A light (燈號): its symbol, its label, and the minimum total it takes.</summary>
public sealed record Light(string Symbol, string Label, decimal? Min)
{
    public override string ToString() => $"{Symbol}{Label}";
}

/// <summary>Self-assessment scoring (自評): the weights of the total, the achievement cap, the lights.</summary>
public sealed record ScoringRules(
    decimal AchievementWeight, decimal InnovationWeight, decimal ChallengeWeight, decimal ContributionWeight,
    decimal? AchievementCap, IReadOnlyList<Light> Lights, Light Unknown)
{
    /// <summary>PRODUCT rule 7: ★優 ≥ 92.5, ●良 ≥ 84.5, ▲可 ≥ 74.5, ╳差 below, ？不明 where data is missing.</summary>
    public static readonly ScoringRules Default = new(0.25m, 0.25m, 0.30m, 0.20m, 100m,
        [new("★", "優", 92.5m), new("●", "良", 84.5m), new("▲", "可", 74.5m), new("╳", "差", null)],
        new("？", "不明", null));

    public static ScoringRules From(ScoringSettings? s)
    {
        if (s is null)
            return Default;
        var lights = s.Lights.OrderBy(l => l.Ordinal).Select(l => new Light(l.Symbol ?? "", l.Label, l.Min)).ToList();
        return new ScoringRules(
            s.AchievementWeight ?? Default.AchievementWeight,
            s.InnovationWeight ?? Default.InnovationWeight,
            s.ChallengeWeight ?? Default.ChallengeWeight,
            s.ContributionWeight ?? Default.ContributionWeight,
            s.AchievementCap ?? Default.AchievementCap,
            lights.Count > 0 ? lights : Default.Lights,
            new Light(s.UnknownSymbol ?? Default.Unknown.Symbol, s.UnknownLabel ?? Default.Unknown.Label, null));
    }
}

public sealed record SelfAssessmentResult(decimal? Total, Light Light, FormattableString? Why);

public static class SelfAssessment
{
    /// <summary>
    /// Total = Σ weight × score, the achievement capped first, rounded half-up to two decimals
    /// (the documents print one or two: 88.2, 92.85). Unknown (不明) where a score or the achievement is missing.
    /// </summary>
    public static SelfAssessmentResult Total(ScoringRules rules, decimal? achievement, decimal? innovation, decimal? challenge, decimal? contribution)
    {
        var missing = new List<string>();
        if (achievement is null) missing.Add("達成度");
        if (innovation is null) missing.Add("創新度");
        if (challenge is null) missing.Add("挑戰度");
        if (contribution is null) missing.Add("貢獻度");
        if (missing.Count > 0)
            return new SelfAssessmentResult(null, rules.Unknown, $"缺{Said.List(missing)}，無法計算總分。");
        var a = rules.AchievementCap is { } cap ? Math.Min(achievement!.Value, cap) : achievement!.Value;
        var total = rules.AchievementWeight * a + rules.InnovationWeight * innovation!.Value
                  + rules.ChallengeWeight * challenge!.Value + rules.ContributionWeight * contribution!.Value;
        total = Math.Round(total, 2, MidpointRounding.AwayFromZero);
        return new SelfAssessmentResult(total, LightFor(rules, total), null);
    }

    /// <summary>The first light whose minimum the total reaches; the last light has no minimum.</summary>
    public static Light LightFor(ScoringRules rules, decimal? total)
    {
        if (total is null)
            return rules.Unknown;
        foreach (var light in rules.Lights)
            if (light.Min is null || total >= light.Min)
                return light;
        return rules.Unknown;
    }

    /// <summary>A KPI not achieved must carry 狀況分析 and 對策 before its evaluation is complete (PRODUCT rule 8).</summary>
    public static FormattableString? Incomplete(bool? achieved, IReadOnlyCollection<string>? situationAnalysis, IReadOnlyCollection<string>? countermeasures)
    {
        if (achieved != false)
            return null;
        var missing = new List<string>();
        if (situationAnalysis is not { Count: > 0 }) missing.Add("狀況分析");
        if (countermeasures is not { Count: > 0 }) missing.Add("對策");
        return missing.Count == 0 ? null : (FormattableString)$"未達標的 KPI 須填寫{Said.List(missing, "及")}，自評尚未完成。";
    }
}
