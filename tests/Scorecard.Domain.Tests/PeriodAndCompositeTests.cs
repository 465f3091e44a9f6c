using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;

namespace Scorecard.Domain.Tests;

public class PeriodAndCompositeTests
{
    static KpiValue V(Period p, ValueKind k, decimal? n, string? status = null, int year = 2018) =>
        new() { Year = year, Period = p, Kind = k, Number = n, Status = status };

    static Kpi KpiWith(params KpiValue[] values)
    {
        var kpi = new Kpi { Code = "AC1.1", Name = "t" };
        kpi.Values.AddRange(values);
        return kpi;
    }

    [Fact]
    public void A_quarters_actual_of_a_kpi_of_unknown_kind_is_progress_with_no_verdict()
    {
        var kpi = KpiWith(V(Period.Y, ValueKind.Target, 51), V(Period.Q1, ValueKind.Actual, 40.7m));
        var r = Assert.Single(KpiResults.For(kpi, Direction.Higher, null, AchievementSettings.Default));
        Assert.Equal(Period.Q1, r.Period);
        Assert.Null(r.Percent);                 // no achievement: the rule made none (issue 33 §1)
        Assert.Equal(79.8m, r.YearProgress);    // of the year's target, a figure of its own
        Assert.Null(r.Achieved);
        Assert.Equal(25m, r.YearElapsed);
        Assert.Contains("未設定，也無法依單位推定", r.Achievement.Reason);
        Assert.Equal(Standing.InProgress, RollUp.StandingOf(r));
    }

    [Fact]
    public void A_cumulative_kpi_is_in_progress_until_the_year_ends_whichever_its_direction()
    {
        // 職災 cases, lower is better, a cap of 40 for the year: 12 by Q2 is 30% of it, half the year gone.
        var kpi = KpiWith(V(Period.Y, ValueKind.Target, 40), V(Period.Q1, ValueKind.Actual, 5), V(Period.Q2, ValueKind.Actual, 7),
            V(Period.Q3, ValueKind.Actual, 9), V(Period.Q4, ValueKind.Actual, 10));
        var results = KpiResults.For(kpi, Direction.Lower, Aggregation.Cumulative, AchievementSettings.Default);
        var q2 = results.Single(r => r.Period == Period.Q2);
        Assert.Equal((30m, (decimal?)null, (bool?)null, 50m), (q2.YearProgress!.Value, q2.Percent, q2.Achieved, q2.YearElapsed!.Value));
        Assert.Equal("年度進行中：累計至本期為年度目標值的 30%，年度已過 50%；累計型指標於年度結束時判定達成與否，不計算達成度。", q2.Achievement.Reason);
        // Q4 ends the year: 31 cases against 40 is judged by the map's rule.
        var q4 = results.Single(r => r.Period == Period.Q4);
        Assert.Null(q4.YearElapsed);
        Assert.Equal(true, q4.Achieved);
        Assert.Equal(Standing.Achieved, RollUp.StandingOf(q4));
    }

    [Theory]
    [InlineData(Aggregation.PointInTime)]
    [InlineData(Aggregation.Average)]
    public void A_point_in_time_or_average_kpi_is_judged_against_the_years_target_at_once(Aggregation aggregation)
    {
        var kpi = KpiWith(V(Period.Y, ValueKind.Target, 51), V(Period.Q1, ValueKind.Actual, 40.7m));
        var r = Assert.Single(KpiResults.For(kpi, Direction.Higher, aggregation, AchievementSettings.Default));
        Assert.Equal((79.8m, (bool?)false, (decimal?)null), (r.Percent!.Value, r.Achieved, r.YearElapsed));
        Assert.Equal(Standing.NotAchieved, RollUp.StandingOf(r));
    }

    [Fact]
    public void A_composite_kpi_with_a_part_still_in_progress_has_no_verdict_yet()
    {
        // AP2.1's shape: two agencies' parts, 50% each. One is cumulative at 30% of its year after Q1,
        // the other a rate already above its target: the whole is on its way, not 未達標 at 75%.
        var map = new StrategyMap { Year = 2018 };
        var objective = new Objective { Id = Guid.NewGuid(), Code = "AP2", Name = "", Perspective = "P" };
        map.Objectives.Add(objective);
        var whole = new Kpi { Id = Guid.NewGuid(), Code = "AP2.1", Name = "整體", ObjectiveId = objective.Id, Direction = Direction.Higher };
        Kpi Part(int ordinal, Aggregation aggregation, decimal target, decimal q1)
        {
            var part = new Kpi { Id = Guid.NewGuid(), Code = "AP2.1", Name = $"分項{ordinal}", ObjectiveId = objective.Id, ParentId = whole.Id, Ordinal = ordinal, Weight = 50, Aggregation = aggregation };
            part.Values.AddRange([V(Period.Y, ValueKind.Target, target), V(Period.Q1, ValueKind.Actual, q1)]);
            return part;
        }
        map.Kpis.AddRange([whole, Part(0, Aggregation.Cumulative, 100, 30), Part(1, Aggregation.PointInTime, 10, 12)]);
        var scoring = new MapScoring(map);
        Assert.Equal(Standing.InProgress, scoring.For(whole).Standing);
        Assert.Equal((0, 0, 1), (scoring.OrganisationRollUp.Achieved, scoring.OrganisationRollUp.NotAchieved, scoring.OrganisationRollUp.InProgress));
    }

    [Fact]
    public void A_period_with_its_own_target_is_judged_against_it()
    {
        var kpi = KpiWith(V(Period.Y, ValueKind.Target, 100), V(Period.Q1, ValueKind.Target, 20), V(Period.Q1, ValueKind.Actual, 25));
        var r = Assert.Single(KpiResults.For(kpi, Direction.Higher, Aggregation.Cumulative, AchievementSettings.Default));
        Assert.Equal((125m, (bool?)true, (decimal?)null), (r.Percent!.Value, r.Achieved, r.YearElapsed));
    }

    [Theory]
    [InlineData(Aggregation.Cumulative, 70)]    // 30 + 40
    [InlineData(Aggregation.Average, 35)]       // mean of 30 and 40
    [InlineData(Aggregation.PointInTime, 40)]   // the latest
    public void Quarters_combine_into_the_year_by_the_kpis_kind(Aggregation aggregation, decimal expected)
    {
        var actuals = new[] { V(Period.Q1, ValueKind.Actual, 30), V(Period.Q2, ValueKind.Actual, 40) };
        Assert.Equal(expected, KpiResults.YearToDate(aggregation, actuals, Period.Q2));
    }

    [Fact]
    public void A_cumulative_kpi_compares_its_running_total_with_the_year_target()
    {
        var kpi = KpiWith(V(Period.Y, ValueKind.Target, 100), V(Period.Q1, ValueKind.Actual, 30), V(Period.Q2, ValueKind.Actual, 40));
        var results = KpiResults.For(kpi, Direction.Higher, Aggregation.Cumulative, AchievementSettings.Default);
        Assert.Equal([30m, 70m], results.Select(r => r.YearProgress!.Value));
        Assert.All(results, r => Assert.Null(r.Percent));
    }

    [Fact]
    public void A_status_on_the_way_stops_the_running_total_it_is_never_counted_as_zero()
    {
        var actuals = new[] { V(Period.Q1, ValueKind.Actual, null, "未統計"), V(Period.Q2, ValueKind.Actual, 40) };
        Assert.Null(KpiResults.YearToDate(Aggregation.Cumulative, actuals, Period.Q2));
    }

    [Fact]
    public void An_actual_without_a_target_for_its_year_gives_no_result()
    {
        var kpi = KpiWith(V(Period.Y, ValueKind.Actual, 5, year: 2015), V(Period.Y, ValueKind.Target, 6, year: 2016));
        Assert.Empty(KpiResults.For(kpi, Direction.Higher, null, AchievementSettings.Default));
    }

    [Fact]
    public void Weighted_parts_of_two_agencies_combine_as_AP2_1_does()
    {
        // 000 AP2.1: 教育局 421 校次 target, 418 actual (99.3%); 工務局 90% target, 0 actual (0%); 50% each.
        var r = Composite.WeightedParts([("AP2.1", 50m, 99.3m, null), ("AP2.1", 50m, 0m, null)]);
        Assert.Equal(49.7m, r.Value);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void A_part_without_a_figure_leaves_the_composite_without_one_and_says_which()
    {
        var r = Composite.WeightedParts([("EP5.1-1", 34m, 90m, null), ("EP5.1-2", 33m, null, $"缺實際值。"), ("EP5.1-3", 33m, 80m, null)]);
        Assert.Null(r.Value);
        Assert.Contains("EP5.1-2", Said.Chinese(r.Why));
    }

    [Fact]
    public void Part_weights_that_do_not_sum_to_100_are_a_warning()
    {
        var r = Composite.WeightedParts([("X-1", 50m, 100m, null), ("X-2", 40m, 100m, null)]);
        Assert.Contains("90%", Said.Chinese(Assert.Single(r.Warnings)));
        Assert.Equal(100m, r.Value);
    }

    [Fact]
    public void Weighted_action_plans_combine_as_AC2_3_does()
    {
        // 000 AC2.3: plans weighted 20/30/40/10%.
        var r = Composite.WeightedPlans([("AC2.3.1", 20m, 100m), ("AC2.3.2", 30m, 80m), ("AC2.3.3", 40m, 50m), ("AC2.3.4", 10m, 0m)]);
        Assert.Equal(64.0m, r.Value);   // 20 + 24 + 20 + 0
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void A_milestone_scheme_scores_the_points_of_the_steps_done()
    {
        // 000 BP3.2 社子島開發案進度: P 公展 15, P 公告 10, W 報核 15, W 核定 10, L 委外 5,
        // L 範圍報核 10, L 範圍核定 5, L 計畫報核 10, E 送審 15, E 審過 5 = 100.
        Milestone[] steps =
        [
            new("完成都市計畫公展", 15, true), new("完成都市計畫公告", 10, true), new("防洪計畫報核", 15, true),
            new("防洪計畫行政院核定", 10, true), new("地上物查估委外案招標", 5, false), new("區段徵收範圍報核", 10, false),
            new("區段徵收範圍核定", 5, false), new("區段徵收計畫報核", 10, false), new("環評提送審議", 15, false), new("環評審議通過", 5, false),
        ];
        var r = Composite.Milestones(steps);
        Assert.Equal(50m, r.Value);
        Assert.Empty(r.Warnings);
        Assert.Contains("85 分", Said.Chinese(Assert.Single(Composite.Milestones(steps[1..]).Warnings)));   // without the first step (15)
    }

    [Fact]
    public void Roll_ups_count_each_standing_and_average_the_figures()
    {
        var r = RollUp.Of([(Standing.Achieved, 120m), (Standing.NotAchieved, 80m), (Standing.InProgress, 25m), (Standing.NoData, null), (Standing.NotApplicable, null)]);
        Assert.Equal((1, 1, 1, 1, 1), (r.Achieved, r.NotAchieved, r.InProgress, r.NoData, r.NotApplicable));
        Assert.Equal(100m, r.MeanAchievement);   // a share of the year's target so far is not an achievement
        Assert.Equal("mixed", r.Band);
        Assert.Contains("達標 1、未達標 1、進行中 1、尚無資料 1、不適用 1", r.Text);
    }

    [Fact]
    public void A_not_applicable_status_rolls_up_as_not_applicable()
    {
        var kpi = KpiWith(V(Period.Y, ValueKind.Target, 100, year: 2021), V(Period.Y, ValueKind.Actual, null, "新指標不適用", year: 2021));
        var current = KpiResults.Current(KpiResults.For(kpi, Direction.Higher, null, AchievementSettings.Default), 2021);
        Assert.Equal(Standing.NotApplicable, RollUp.StandingOf(current));
    }
}
