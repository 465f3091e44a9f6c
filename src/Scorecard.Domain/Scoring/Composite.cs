namespace Scorecard.Domain.Scoring;

/// <summary>A composite figure with the warnings a planner must see (weights that do not sum to 100%).</summary>
public sealed record CompositeResult(decimal? Value, string? Reason, IReadOnlyList<string> Warnings);

/// <summary>A named step of a milestone scheme (BP3.2): worth points, done or not.</summary>
public sealed record Milestone(string Name, decimal Points, bool Done);

/// <summary>Composite KPIs (PRODUCT rule 6): weighted parts, weighted action plans, milestone points.</summary>
public static class Composite
{
    public static string? WeightWarning(string what, IEnumerable<decimal?> weights)
    {
        var list = weights.ToList();
        if (list.Count == 0 || list.All(w => w is null))
            return null;
        if (list.Any(w => w is null))
            return $"部分{what}未載明權重。";
        var sum = list.Sum(w => w!.Value);
        return sum == 100 ? null : $"{what}權重合計 {sum:0.##}%，不是 100%。";
    }

    /// <summary>
    /// Weighted parts owned by different agencies (000 AP2.1: 50% + 50%): Σ weight × part achievement
    /// ÷ Σ weight. A part without a figure leaves the KPI without one, and says which.
    /// </summary>
    public static CompositeResult WeightedParts(IReadOnlyList<(string Code, decimal? Weight, decimal? Achievement, string? Reason)> parts)
    {
        var warnings = new List<string>();
        if (WeightWarning("分項", parts.Select(p => p.Weight)) is { } w) warnings.Add(w);
        if (parts.Count == 0)
            return new CompositeResult(null, "沒有分項。", warnings);
        if (parts.Any(p => p.Weight is null))
            return new CompositeResult(null, "分項未載明權重，無法合成達成度。", warnings);
        if (parts.FirstOrDefault(p => p.Achievement is null) is { Code: not null } missing && missing.Achievement is null)
            return new CompositeResult(null, $"分項 {missing.Code} 無達成度：{missing.Reason}", warnings);
        var weightSum = parts.Sum(p => p.Weight!.Value);
        if (weightSum == 0)
            return new CompositeResult(null, "分項權重合計為 0。", warnings);
        var value = parts.Sum(p => p.Weight!.Value * p.Achievement!.Value) / weightSum;
        return new CompositeResult(Math.Round(value, 1, MidpointRounding.AwayFromZero), null, warnings);
    }

    /// <summary>Weighted action plans (000 AC2.3: 20/30/40/10%): Σ weight × progress ÷ 100, in %.</summary>
    public static CompositeResult WeightedPlans(IReadOnlyList<(string Code, decimal? Weight, decimal? Progress)> plans)
    {
        var warnings = new List<string>();
        if (WeightWarning("行動方案", plans.Select(p => p.Weight)) is { } w) warnings.Add(w);
        if (plans.Count == 0 || plans.Any(p => p.Weight is null))
            return new CompositeResult(null, "行動方案未載明權重。", warnings);
        if (plans.FirstOrDefault(p => p.Progress is null) is { Code: not null } missing && missing.Progress is null)
            return new CompositeResult(null, $"行動方案 {missing.Code} 尚無進度。", warnings);
        var value = plans.Sum(p => p.Weight!.Value * p.Progress!.Value) / 100m;
        return new CompositeResult(Math.Round(value, 1, MidpointRounding.AwayFromZero), null, warnings);
    }

    /// <summary>Milestone schemes (000 BP3.2): the points of the steps done; the points should sum to 100.</summary>
    public static CompositeResult Milestones(IReadOnlyList<Milestone> steps)
    {
        var warnings = new List<string>();
        var total = steps.Sum(s => s.Points);
        if (total != 100)
            warnings.Add($"里程碑配分合計 {total:0.##} 分，不是 100 分。");
        if (steps.Any(s => s.Points < 0))
            return new CompositeResult(null, "里程碑配分不能是負數。", warnings);
        return new CompositeResult(steps.Where(s => s.Done).Sum(s => s.Points), null, warnings);
    }
}
