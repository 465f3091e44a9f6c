using Scorecard.Domain.Kpis;
using Scorecard.Domain.Scoring;

namespace Scorecard.Domain.Tests;

public class AchievementRuleTests
{
    static readonly AchievementSettings Default = AchievementSettings.Default;

    [Fact]
    public void Higher_is_better_is_actual_over_target_half_up_to_one_decimal_by_default()
    {
        var r = Achievement.Compute(Direction.Higher, 51m, 40.7m, Default);
        Assert.Equal(79.8m, r.Percent);   // 40.7 / 51 = 79.80…
        Assert.Equal(false, r.Achieved);
        Assert.Contains("實際值÷目標值", r.Rule);
        Assert.Contains("不設上限", r.Rule);
    }

    [Fact]
    public void Lower_is_better_defaults_to_target_over_actual()
    {
        var r = Achievement.Compute(Direction.Lower, 3.8m, 3.6m, Default);
        Assert.Equal(105.6m, r.Percent);
        Assert.Equal(true, r.Achieved);
        Assert.Contains("目標值÷實際值", r.Rule);
    }

    [Fact]
    public void Lower_is_better_can_be_two_minus_actual_over_target()
    {
        var r = Achievement.Compute(Direction.Lower, 9.2m, 6.9m, Default with { LowerIsBetter = LowerIsBetterRule.TwoMinusActualOverTarget });
        Assert.Equal(125.0m, r.Percent);
        Assert.Contains("2－實際值÷目標值", r.Rule);
    }

    [Fact]
    public void A_cap_limits_the_figure_but_not_the_verdict()
    {
        var r = Achievement.Compute(Direction.Higher, 160m, 177m, Default with { Cap = 100m });
        Assert.Equal(100m, r.Percent);
        Assert.Equal(true, r.Achieved);
        Assert.Contains("上限 100%", r.Rule);
    }

    [Fact]
    public void Truncation_cuts_the_last_digit()
    {
        var r = Achievement.Compute(Direction.Higher, 77m, 83.3m, Default with { Rounding = RoundingRule.Truncate });
        Assert.Equal(108.1m, r.Percent);   // 108.18…
        Assert.Contains("無條件捨去", r.Rule);
    }

    [Theory]
    [InlineData(Direction.Unknown, 10, 5, "方向未標示")]
    [InlineData(Direction.Target, 10, 5, "越接近目標越好")]
    [InlineData(Direction.Higher, null, 5, "缺目標值")]
    [InlineData(Direction.Higher, 10, null, "缺實際值")]
    [InlineData(Direction.Higher, 0, 5, "目標值為 0")]
    [InlineData(Direction.Lower, 10, 0, "實際值為 0")]
    public void Cases_without_a_figure_give_a_reason_never_zero_or_an_exception(Direction direction, int? target, int? actual, string reason)
    {
        var r = Achievement.Compute(direction, target, actual, Default);
        Assert.Null(r.Percent);
        Assert.Null(r.Achieved);
        Assert.Contains(reason, r.Reason);
    }

    [Fact]
    public void A_status_instead_of_a_number_is_the_reason()
    {
        var r = Achievement.Compute(Direction.Higher, 1220m, null, Default, actualStatus: "本數值屬年度統計值，無單季數據");
        Assert.Null(r.Percent);
        Assert.Contains("本數值屬年度統計值，無單季數據", r.Reason);
    }

    [Fact]
    public void The_most_specific_rule_wins_and_names_only_what_it_changes()
    {
        AchievementRule[] rules =
        [
            new() { Ordinal = 0, LowerIsBetter = LowerIsBetterRule.TargetOverActual, CapSpecified = true, Cap = null, Rounding = RoundingRule.HalfUp, Decimals = 1 },
            new() { Ordinal = 1, ThemeCode = "F", LowerIsBetter = LowerIsBetterRule.TwoMinusActualOverTarget, Rounding = RoundingRule.Truncate },
            new() { Ordinal = 2, ThemeCode = "F", KpiCode = "FC1.1", CapSpecified = true, Cap = 120 },
        ];
        Assert.Equal(AchievementSettings.Default, AchievementSettings.Resolve(rules, "A", "AC1.1"));
        Assert.Equal(new AchievementSettings(LowerIsBetterRule.TwoMinusActualOverTarget, null, RoundingRule.Truncate, 1), AchievementSettings.Resolve(rules, "F", "FP1.1"));
        Assert.Equal(new AchievementSettings(LowerIsBetterRule.TwoMinusActualOverTarget, 120, RoundingRule.Truncate, 1), AchievementSettings.Resolve(rules, "F", "FC1.1"));
    }

    [Theory]
    [InlineData("105.6%", 1)]
    [InlineData("100", 0)]
    [InlineData("100.07", 2)]
    [InlineData(" 97.10 ％", 2)]
    public void The_printed_precision_is_read_from_the_text(string printed, int decimals) =>
        Assert.Equal(decimals, Achievement.PrintedDecimals(printed));

    [Fact]
    public void Nothing_set_gives_the_defaults() =>
        Assert.Equal(new AchievementSettings(LowerIsBetterRule.TargetOverActual, null, RoundingRule.HalfUp, 1), AchievementSettings.Resolve([], "A", "AC1.1"));
}
