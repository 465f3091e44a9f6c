using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Values;

namespace Scorecard.Domain.Scoring;

/// <summary>
/// The achievement rule in force for one KPI: how lower-is-better is computed, the cap, and the
/// rounding. Higher-is-better is always actual/target (PRODUCT rule 5).
/// </summary>
public sealed record AchievementSettings(LowerIsBetterRule LowerIsBetter, decimal? Cap, RoundingRule Rounding, int Decimals)
{
    /// <summary>Where nothing is set: target/actual for lower-is-better, no cap, half-up to one decimal.</summary>
    public static readonly AchievementSettings Default = new(LowerIsBetterRule.TargetOverActual, null, RoundingRule.HalfUp, 1);

    /// <summary>
    /// The most specific entry wins: one naming the KPI, then one naming the theme, then one naming
    /// neither; each names only what it changes from the less specific one.
    /// </summary>
    public static AchievementSettings Resolve(IEnumerable<AchievementRule> rules, string? themeCode, string? kpiCode)
    {
        var ordered = rules.OrderBy(r => r.Ordinal).ToList();
        var settings = Default;
        foreach (var r in ordered.Where(r => r.ThemeCode is null && r.KpiCode is null))
            settings = settings.With(r);
        foreach (var r in ordered.Where(r => r.KpiCode is null && r.ThemeCode is not null && r.ThemeCode == themeCode))
            settings = settings.With(r);
        foreach (var r in ordered.Where(r => r.KpiCode is not null && r.KpiCode == kpiCode))
            settings = settings.With(r);
        return settings;
    }

    AchievementSettings With(AchievementRule r) => new(
        r.LowerIsBetter ?? LowerIsBetter,
        r.CapSpecified ? r.Cap : Cap,
        r.Rounding ?? Rounding,
        r.Decimals ?? Decimals);

    /// <summary>The rule as the figure states it, e.g. "實際值÷目標值；上限 100%；四捨五入至小數 1 位".</summary>
    public FormattableString Describe(Direction direction)
    {
        var formula = direction switch
        {
            Direction.Higher => "實際值÷目標值",
            Direction.Lower when LowerIsBetter == LowerIsBetterRule.TargetOverActual => "目標值÷實際值（負向）",
            Direction.Lower => "2－實際值÷目標值（負向）",
            _ => "無",
        };
        var cap = Cap is { } c ? $"上限 {c:0.##}%" : (FormattableString)$"不設上限";
        var rounding = Rounding == RoundingRule.HalfUp ? "四捨五入" : "無條件捨去";
        return $"{formula}；{cap}；{rounding}至小數 {Decimals} 位";
    }
}

/// <summary>
/// A computed achievement: a figure with the rule that made it, or no figure and the reason.
/// Never 0% in place of a reason. <see cref="Achieved"/> is decided by the same rule.
/// </summary>
/// <remarks><see cref="Rule"/> and <see cref="Reason"/> read in Chinese; <see cref="RuleText"/> and <see cref="Why"/> keep their holes for the reader's language.</remarks>
public sealed record AchievementResult(decimal? Percent, bool? Achieved, FormattableString RuleText, FormattableString? Why)
{
    public static AchievementResult None(FormattableString rule, FormattableString reason) => new(null, null, rule, reason);

    public string Rule => Said.Chinese(RuleText);
    public string? Reason => Said.Chinese(Why);
}

public static class Achievement
{
    /// <param name="bound">How the target is printed: a strict bound (「&lt;0.2」, 「&gt;50」) is met only by an actual beyond it,
    /// and the rule says so; 「10 以下」, 「≤4.9」, 「80 以上」 and 「≥90%」 are met at the target, as the ratio has it.</param>
    public static AchievementResult Compute(Direction? direction, decimal? target, decimal? actual, AchievementSettings settings, string? actualStatus = null,
        TargetBound bound = TargetBound.None)
    {
        var d = direction ?? Direction.Unknown;
        var strict = (d, bound) is (Direction.Lower, TargetBound.Below) or (Direction.Higher, TargetBound.Above);
        var rule = strict && target is { } bounded
            ? d == Direction.Lower
                ? (FormattableString)$"{settings.Describe(d)}；目標值「<{ValueWords.Number(bounded)}」：實際值須低於 {ValueWords.Number(bounded)} 才達標"
                : $"{settings.Describe(d)}；目標值「>{ValueWords.Number(bounded)}」：實際值須高於 {ValueWords.Number(bounded)} 才達標"
            : settings.Describe(d);
        if (d == Direction.Unknown)
            return AchievementResult.None(rule, $"指標方向未標示（是否為負向指標不明），不計算達成度。");
        if (d == Direction.Target)
            return AchievementResult.None(rule, $"「越接近目標越好」的指標尚無達成度算法。");
        if (target is null)
            return AchievementResult.None(rule, $"缺目標值。");
        if (actual is null)
            return AchievementResult.None(rule, actualStatus is null ? (FormattableString)$"缺實際值。" : $"實際值為「{actualStatus}」，不是數字。");
        if (target == 0)
            return AchievementResult.None(rule, $"目標值為 0，無法計算比率。");

        decimal ratio;
        if (d == Direction.Higher)
            ratio = actual.Value / target.Value;
        else if (settings.LowerIsBetter == LowerIsBetterRule.TargetOverActual)
        {
            if (actual == 0)
                return AchievementResult.None(rule, $"實際值為 0，無法以「目標值÷實際值」計算。");
            ratio = target.Value / actual.Value;
        }
        else
            ratio = 2 - actual.Value / target.Value;

        var percent = ratio * 100;
        if (settings.Cap is { } cap && percent > cap)
            percent = cap;
        var achieved = strict ? d == Direction.Lower ? actual < target : actual > target : ratio >= 1;
        return new AchievementResult(Round(percent, settings.Rounding, settings.Decimals), achieved, rule, null);
    }

    /// <summary>Half-up (away from zero) or truncated: cut to N decimals, never rounding up.</summary>
    public static decimal Round(decimal value, RoundingRule rounding, int decimals)
    {
        if (rounding == RoundingRule.HalfUp)
            return Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        var factor = Pow10(decimals);
        return Math.Floor(value * factor) / factor;
    }

    static decimal Pow10(int n)
    {
        var f = 1m;
        for (var i = 0; i < n; i++) f *= 10;
        return f;
    }

    /// <summary>The decimals a printed figure shows: "105.6%" → 1, "100" → 0, "100.07" → 2.</summary>
    public static int PrintedDecimals(string printed)
    {
        var text = printed.Trim().TrimEnd('%', '％').Trim();
        var dot = text.IndexOf('.');
        return dot < 0 ? 0 : text.Length - dot - 1;
    }

    /// <summary>
    /// Whether a printed figure disagrees with the rule, judged at the printed precision: the rule
    /// is applied again with the printed number of decimals. Null where there is nothing to compare.
    /// </summary>
    public static bool? Disagrees(decimal? printed, int? printedDecimals, Direction? direction, decimal? target, decimal? actual, AchievementSettings settings)
    {
        if (printed is null)
            return null;
        var atPrinted = Compute(direction, target, actual, settings with { Decimals = printedDecimals ?? printed.Value.Scale });
        return atPrinted.Percent is { } p ? p != printed.Value : null;
    }
}
