using Scorecard.Domain.Common;
using Scorecard.Domain.Values;

namespace Scorecard.Domain.Tests;

/// <summary>
/// Issue 33 §7: a figure more than ten times, or less than a tenth of, the KPI's target, its previous period and its
/// previous year (each that exists) is held for the reporter to confirm. Seed 000 AC3.4: target 0.463, Q1 0.489.
/// </summary>
public class FarFigureTests
{
    static readonly Reference Target = new(Comparison.Target, 0.463m), Q1 = new(Comparison.PreviousPeriod, 0.489m);

    [Theory]
    [InlineData(47)]        // 「0,47」 read as thousands, or 0.47 typed without its point
    [InlineData(4.9)]       // just over ten times both
    [InlineData(0.04)]      // under a tenth of both
    [InlineData(-47)]       // a sign does not hide the scale
    public void A_figure_far_from_every_reference_is_held(decimal typed)
    {
        var e = Assert.Throws<UnconfirmedFigureException>(() => FarFigure.Hold(typed, [Target, Q1], confirmed: false));
        Assert.Equal("value", e.Field);
        Assert.Equal("數值與目標及前期差距甚大，確認無誤？", e.Message);
        Assert.Equal([Target, Q1], e.ComparedWith);
    }

    [Theory]
    [InlineData(0.47)]
    [InlineData(4.7)]       // over ten times the target, under ten times Q1: near one reference is near enough
    [InlineData(4.89)]      // exactly ten times Q1 is not more than ten times
    [InlineData(0.0489)]    // exactly a tenth of Q1 is not less than a tenth
    [InlineData(0)]         // a zero figure: the ratio is undefined
    public void A_figure_near_any_reference_or_zero_is_not_held(decimal typed) =>
        FarFigure.Hold(typed, [Target, Q1], confirmed: false);

    [Fact]
    public void A_zero_reference_holds_nothing_for_the_ratio_is_undefined() =>
        Assert.Empty(FarFigure.Check(1_000_000m, [Target, new Reference(Comparison.PreviousPeriod, 0m)]));

    [Fact]
    public void With_nothing_to_compare_with_nothing_is_held() => Assert.Empty(FarFigure.Check(1_000_000m, []));

    [Fact]
    public void Every_reference_that_exists_counts_the_previous_year_too()
    {
        var lastYear = new Reference(Comparison.PreviousYear, 50m);
        Assert.Empty(FarFigure.Check(47m, [Target, Q1, lastYear]));
        Assert.Equal(3, FarFigure.Check(4700m, [Target, Q1, lastYear]).Count);
    }

    [Fact]
    public void A_confirmed_figure_is_not_held() => FarFigure.Hold(47m, [Target, Q1], confirmed: true);

    [Fact]
    public void Figures_at_the_ends_of_the_range_compare_without_overflow() =>
        Assert.Single(FarFigure.Check(1_000_000_000_000_000m, [new Reference(Comparison.Target, 0.0000000001m)]));

    [Fact]
    public void What_it_was_compared_with_says_which_figure() =>
        Assert.Equal(["目標值 0.463", "前期 0.489", "去年同期 1,234.5"],
            new[] { Target, Q1, new Reference(Comparison.PreviousYear, 1234.5m) }.Select(r => Said.Chinese(r.Text)));
}
