using Scorecard.Domain.Common;

namespace Scorecard.Domain.Scoring;

/// <summary>A composite figure with the warnings a planner must see (weights that do not sum to 100%).</summary>
public sealed record CompositeResult(decimal? Value, FormattableString? Why, IReadOnlyList<FormattableString> Warnings);

/// <summary>A named step of a milestone scheme (BP3.2): worth points, done or not.</summary>
public sealed record Milestone(string Name, decimal Points, bool Done);

/// <summary>Composite KPIs (PRODUCT rule 6): weighted parts, weighted action plans, milestone points.</summary>
public static class Composite
{
    public static FormattableString? WeightWarning(string what, IEnumerable<decimal?> weights)
    {
        var list = weights.ToList();
        if (list.Count == 0 || list.All(w => w is null))
            return null;
        if (list.Any(w => w is null))
            return $"部分{what}未載明權重。";
        var sum = list.Sum(w => w!.Value);
        return sum == 100 ? null : (FormattableString)$"{what}權重合計 {sum:0.##}%，不是 100%。";
    }

    /// <summary>The rule of <see cref="WeightedParts"/>, said beside its figure; each part's own achievement follows the part's rule.</summary>
    public static FormattableString WeightedPartsRule => $"各分項達成度依權重加權平均（Σ 權重 × 分項達成度 ÷ Σ 權重）；四捨五入至小數 1 位；分項達成度依各分項所列規則";

    /// <summary>
    /// Weighted parts owned by different agencies (000 AP2.1: 50% + 50%): Σ weight × part achievement
    /// ÷ Σ weight. A part without a figure leaves the KPI without one, and says which.
    /// </summary>
    public static CompositeResult WeightedParts(IReadOnlyList<(string Code, decimal? Weight, decimal? Achievement, FormattableString? Why)> parts)
    {
        var warnings = new List<FormattableString>();
        if (WeightWarning("分項", parts.Select(p => p.Weight)) is { } w) warnings.Add(w);
        if (parts.Count == 0)
            return new CompositeResult(null, $"沒有分項。", warnings);
        if (parts.Any(p => p.Weight is null))
            return new CompositeResult(null, $"分項未載明權重，無法合成達成度。", warnings);
        if (parts.FirstOrDefault(p => p.Achievement is null) is { Code: not null } missing && missing.Achievement is null)
            return new CompositeResult(null, $"分項 {missing.Code} 無達成度：{missing.Why}", warnings);
        var weightSum = parts.Sum(p => p.Weight!.Value);
        if (weightSum == 0)
            return new CompositeResult(null, $"分項權重合計為 0。", warnings);
        var value = parts.Sum(p => p.Weight!.Value * p.Achievement!.Value) / weightSum;
        return new CompositeResult(Math.Round(value, 1, MidpointRounding.AwayFromZero), null, warnings);
    }

    /// <summary>Weighted action plans (000 AC2.3: 20/30/40/10%): Σ weight × progress ÷ 100, in %.</summary>
    public static CompositeResult WeightedPlans(IReadOnlyList<(string Code, decimal? Weight, decimal? Progress)> plans)
    {
        var warnings = new List<FormattableString>();
        if (WeightWarning("行動方案", plans.Select(p => p.Weight)) is { } w) warnings.Add(w);
        if (plans.Count == 0 || plans.Any(p => p.Weight is null))
            return new CompositeResult(null, $"行動方案未載明權重。", warnings);
        if (plans.FirstOrDefault(p => p.Progress is null) is { Code: not null } missing && missing.Progress is null)
            return new CompositeResult(null, $"行動方案 {missing.Code} 尚無進度。", warnings);
        var value = plans.Sum(p => p.Weight!.Value * p.Progress!.Value) / 100m;
        return new CompositeResult(Math.Round(value, 1, MidpointRounding.AwayFromZero), null, warnings);
    }

    /// <summary>Milestone schemes (000 BP3.2): the points of the steps done; the points should sum to 100.</summary>
    public static CompositeResult Milestones(IReadOnlyList<Milestone> steps)
    {
        var warnings = new List<FormattableString>();
        var total = steps.Sum(s => s.Points);
        if (total != 100)
            warnings.Add($"里程碑配分合計 {total:0.##} 分，不是 100 分。");
        if (steps.Any(s => s.Points < 0))
            return new CompositeResult(null, $"里程碑配分不能是負數。", warnings);
        return new CompositeResult(steps.Where(s => s.Done).Sum(s => s.Points), null, warnings);
    }
}

/// <summary>
/// What a reporter enters for a KPI computed from other inputs (PRODUCT rule 6): each action plan's
/// progress in % (AC2.3), or the milestones done (BP3.2). Kept with the submission as JSON.
/// </summary>
public sealed record CompositeInputs(IReadOnlyDictionary<string, decimal>? PlanProgress, IReadOnlyList<string>? MilestonesDone)
{
    static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static CompositeInputs? Parse(string? json) =>
        string.IsNullOrWhiteSpace(json) ? null : System.Text.Json.JsonSerializer.Deserialize<CompositeInputs>(json, Json);

    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// The KPI's figure from these inputs, checked against the KPI's plans or milestones: every plan
    /// needs a progress between 0 and 100, and a milestone must be one of the scheme's.
    /// </summary>
    public CompositeResult Figure(Kpis.Kpi kpi, IReadOnlyList<Kpis.ActionPlan> plans)
    {
        switch (kpi.ComputedFrom)
        {
            case Kpis.KpiComposition.ActionPlans:
                var progress = PlanProgress ?? new Dictionary<string, decimal>();
                foreach (var code in progress.Keys.Where(c => plans.All(p => p.Code != c)))
                    throw new InvalidInputException("planProgress", $"{kpi.Code} 沒有行動方案 {code}。");
                foreach (var (code, value) in progress)
                    if (value is < 0 or > 100)
                        throw new InvalidInputException("planProgress", $"行動方案 {code} 的進度 {value:0.##}% 不在 0–100% 之間。");
                if (plans.FirstOrDefault(p => !progress.ContainsKey(p.Code)) is { } missing)
                    throw new InvalidInputException("planProgress", $"請填寫行動方案 {missing.Code}「{missing.Name}」的進度（%）。");
                return Composite.WeightedPlans(plans.Select(p => (p.Code, p.Weight, (decimal?)progress[p.Code])).ToList());
            case Kpis.KpiComposition.Milestones:
                var done = MilestonesDone ?? [];
                if (done.FirstOrDefault(d => kpi.Milestones.All(m => m.Name != d)) is { } unknown)
                    throw new InvalidInputException("milestones", $"{kpi.Code} 沒有里程碑「{unknown}」。");
                return Composite.Milestones(kpi.Milestones.OrderBy(m => m.Ordinal).Select(m => new Milestone(m.Name, m.Points, done.Contains(m.Name))).ToList());
            default:
                throw new InvalidInputException("value", $"{kpi.Code} 的數值直接填報，不由行動方案或里程碑計算。");
        }
    }
}
