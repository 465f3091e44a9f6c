using Scorecard.Domain.Kpis;
using Scorecard.Domain.Scoring;

namespace Scorecard.Domain.Tests;

/// <summary>Properties of the achievement rules, checked over many generated cases (a fixed seed, so repeatable).</summary>
public class AchievementProperties
{
    const int Cases = 5000;

    static IEnumerable<(decimal Target, decimal Actual, decimal Better, AchievementSettings Settings)> Generate(Direction direction)
    {
        var random = new Random(20181);
        for (var i = 0; i < Cases; i++)
        {
            var target = Math.Round((decimal)(random.NextDouble() * 1000) + 0.01m, 2);
            var actual = Math.Round((decimal)(random.NextDouble() * 2000) + 0.01m, 2);
            var step = Math.Round((decimal)(random.NextDouble() * 50), 2);
            var better = direction == Direction.Higher ? actual + step : Math.Max(0.01m, actual - step);
            var settings = new AchievementSettings(
                random.Next(2) == 0 ? LowerIsBetterRule.TargetOverActual : LowerIsBetterRule.TwoMinusActualOverTarget,
                random.Next(3) == 0 ? null : random.Next(80, 200),
                random.Next(2) == 0 ? RoundingRule.HalfUp : RoundingRule.Truncate,
                random.Next(0, 4));
            yield return (target, actual, better, settings);
        }
    }

    [Theory]
    [InlineData(Direction.Higher)]
    [InlineData(Direction.Lower)]
    public void A_better_actual_never_lowers_achievement(Direction direction)
    {
        foreach (var (target, actual, better, settings) in Generate(direction))
        {
            var before = Achievement.Compute(direction, target, actual, settings).Percent!.Value;
            var after = Achievement.Compute(direction, target, better, settings).Percent!.Value;
            Assert.True(after >= before, $"{direction} {settings}: target {target}, actual {actual} → {before}, better {better} → {after}");
        }
    }

    [Theory]
    [InlineData(Direction.Higher)]
    [InlineData(Direction.Lower)]
    public void A_cap_is_never_exceeded(Direction direction)
    {
        foreach (var (target, actual, _, settings) in Generate(direction).Where(c => c.Settings.Cap is not null))
            Assert.True(Achievement.Compute(direction, target, actual, settings).Percent <= settings.Cap);
    }

    [Theory]
    [InlineData(Direction.Higher)]
    [InlineData(Direction.Lower)]
    public void Truncation_never_exceeds_rounding(Direction direction)
    {
        foreach (var (target, actual, _, settings) in Generate(direction))
        {
            var truncated = Achievement.Compute(direction, target, actual, settings with { Rounding = RoundingRule.Truncate }).Percent;
            var rounded = Achievement.Compute(direction, target, actual, settings with { Rounding = RoundingRule.HalfUp }).Percent;
            Assert.True(truncated <= rounded, $"{target}/{actual} {settings}: truncated {truncated} > rounded {rounded}");
        }
    }

    [Fact]
    public void Achieved_agrees_with_the_figure_without_a_cap()
    {
        foreach (var (target, actual, _, settings) in Generate(Direction.Higher))
        {
            var r = Achievement.Compute(Direction.Higher, target, actual, settings with { Cap = null });
            Assert.Equal(actual >= target, r.Achieved);
        }
    }
}
