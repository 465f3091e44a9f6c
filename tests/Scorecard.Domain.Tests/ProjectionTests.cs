using Scorecard.Domain.Kpis;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;

namespace Scorecard.Domain.Tests;

/// <summary>Issue 33 §3: a year-end projection and its method in words, never a result, on the seeds' own figures.</summary>
public class ProjectionTests
{
    static Projection Project(Kpi kpi, Period at = Period.Q1)
    {
        var direction = KnownDirection.Of(kpi);
        var aggregation = KnownAggregation.Of(kpi);
        return Projections.At(kpi, direction.Value, aggregation.Value, AchievementSettings.Default, 2018, at)!;
    }

    [Fact]
    public void A_cumulative_kpi_with_last_years_quarters_is_projected_by_last_years_profile()
    {
        var kpi = new Kpi { Code = "X1.1", Name = "參與人次", Unit = "人次", Direction = Direction.Higher, Aggregation = Aggregation.Cumulative };
        foreach (var (period, n) in new[] { (Period.Q1, 310m), (Period.Q2, 230m), (Period.Q3, 230m), (Period.Q4, 230m) })
            kpi.Values.Add(new KpiValue { Year = 2017, Period = period, Kind = ValueKind.Actual, Number = n });
        kpi.Values.Add(new KpiValue { Year = 2018, Period = Period.Y, Kind = ValueKind.Target, Number = 2000 });
        kpi.Values.Add(new KpiValue { Year = 2018, Period = Period.Q1, Kind = ValueKind.Actual, Number = 511.5m });
        var p = Project(kpi);
        Assert.Equal((ProjectionMethod.LastYearProfile, 1650m, (bool?)false), (p.Method, p.YearEnd, p.Achieves));
        Assert.Equal("依去年同期占全年 31% 推估（累計至今 511.5），年底約 1,650 人次，低於目標 2,000（預估未達標）", Common.Said.Chinese(p.Said));
        Assert.Equal("預估未達標", p.Label);
    }

    [Fact]
    public void Without_last_years_quarters_a_cumulative_kpi_is_projected_by_pace()
    {
        var kpi = new Kpi { Code = "X1.1", Name = "參與人次", Unit = "人次", Direction = Direction.Higher, Aggregation = Aggregation.Cumulative };
        kpi.Values.Add(new KpiValue { Year = 2018, Period = Period.Y, Kind = ValueKind.Target, Number = 2000 });
        kpi.Values.Add(new KpiValue { Year = 2018, Period = Period.Q1, Kind = ValueKind.Actual, Number = 300 });
        kpi.Values.Add(new KpiValue { Year = 2018, Period = Period.Q2, Kind = ValueKind.Actual, Number = 800 });
        var p = Project(kpi, Period.Q2);
        Assert.Equal((ProjectionMethod.Pace, 2200m, (bool?)true), (p.Method, p.YearEnd, p.Achieves));
        Assert.Equal("依年度已過 50% 的進度推估（累計至今 1,100），年底約 2,200 人次，高於目標 2,000（預估達標）", Common.Said.Chinese(p.Said));
    }

    /// <summary>City 107 Q1: BP6.2 年度橋涵維護完成率 7.05% of 90.5, a progress rate reported year to date; PM2.5 19.2 against 17.</summary>
    [Fact]
    public void The_seeds_figures_are_projected_by_the_method_their_kind_calls_for()
    {
        var bp62 = Project(AggregationInferenceTests.SeedKpi("BP6.2"));
        Assert.Equal((ProjectionMethod.Pace, 28.2m, (bool?)false), (bp62.Method, bp62.YearEnd, bp62.Achieves));
        Assert.StartsWith("依年度已過 25% 的進度推估（累計至今 7.05），年底約 28.2%，低於目標 90.5（預估未達標）", Common.Said.Chinese(bp62.Said));

        var pm25 = Project(AggregationInferenceTests.SeedKpi("AC1.2"));
        Assert.Equal((ProjectionMethod.Mean, 19.2m, (bool?)false), (pm25.Method, pm25.YearEnd, pm25.Achieves));
        Assert.Equal("依各期平均 19.2 推估，年底約 19.2 µg/m³，高於目標 17（預估未達標）", Common.Said.Chinese(pm25.Said));
    }

    [Fact]
    public void Where_the_kind_is_unknown_a_verdict_is_projected_only_when_every_way_of_making_the_year_agrees()
    {
        static Kpi Area(decimal q1) => new()
        {
            Code = "X1.1", Name = "綠化面積", Unit = "m²", Direction = Direction.Higher,
            Values = [new KpiValue { Year = 2018, Period = Period.Y, Kind = ValueKind.Target, Number = 1000 }, new KpiValue { Year = 2018, Period = Period.Q1, Kind = ValueKind.Actual, Number = q1 }],
        };
        var low = Project(Area(200));
        Assert.Equal((ProjectionMethod.EveryAggregation, 200m, 800m, (bool?)false), (low.Method, low.YearEnd, low.High, low.Achieves));
        Assert.Equal("累計方式未設定，依時點、平均、累計各種方式推估，年底約 200 m² 至 800 m²，低於目標 1,000（預估未達標）", Common.Said.Chinese(low.Said));
        var open = Project(Area(500));
        Assert.Null(open.Achieves);
        Assert.Equal("預估未定", open.Label);
        Assert.EndsWith("涵蓋目標 1,000（各種累計方式結果不一，請設定累計方式）", Common.Said.Chinese(open.Said));
    }

    [Fact]
    public void No_projection_is_made_at_the_years_end()
    {
        var kpi = AggregationInferenceTests.SeedKpi("BP6.2");
        Assert.Null(Projections.At(kpi, Direction.Higher, Aggregation.YearToDate, AchievementSettings.Default, 2018, Period.Q4));
        Assert.Null(Projections.At(kpi, Direction.Higher, Aggregation.YearToDate, AchievementSettings.Default, 2018, Period.Y));
    }

    /// <summary>Issue 33 §5: a target printed 「&lt;0.2」 is met only below 0.2, projections included, and the words say so.</summary>
    [Fact]
    public void A_strict_bound_is_met_only_beyond_it_in_a_projection_too()
    {
        static Kpi Bounded(decimal q1) => new()
        {
            Code = "AP4.1", Name = "戴奧辛濃度", Unit = "ng/m³", Direction = Direction.Lower, Aggregation = Aggregation.PointInTime,
            Values = [new KpiValue { Year = 2018, Period = Period.Y, Kind = ValueKind.Target, Number = 0.2m, Raw = "<0.2" }, new KpiValue { Year = 2018, Period = Period.Q1, Kind = ValueKind.Actual, Number = q1 }],
        };
        var at = Project(Bounded(0.2m));
        Assert.False(at.Achieves);
        Assert.Equal("依最新一期 0.2 推估，年底約 0.2 ng/m³，等於目標 <0.2，實際值須低於 0.2 才達標（預估未達標）", Common.Said.Chinese(at.Said));
        Assert.True(Project(Bounded(0.19m)).Achieves);
    }

    /// <summary>Issue 33 §4: a KPI with parts is projected as its standing is made: weighted where its parts have weights, else by every part.</summary>
    [Fact]
    public void A_kpi_with_parts_is_projected_from_its_parts_projections()
    {
        static Projection Part(bool? achieves, decimal? percent) => new(1, 1, achieves, ProjectionMethod.Latest, $"…", percent, percent);
        var weighted = Projections.OfParts([("AP2.1（教育局）", 50m, Part(true, 397.1m)), ("AP2.1（工務局）", 50m, Part(false, 0m))])!;
        Assert.Equal((ProjectionMethod.Parts, (decimal?)null, (bool?)true, (decimal?)198.6m), (weighted.Method, weighted.YearEnd, weighted.Achieves, weighted.Percent));
        Assert.Equal("依各分項預估達成度加權推估（AP2.1（教育局） 50% × 397.1%、AP2.1（工務局） 50% × 0%），分項加權達成度約 198.6%（預估達標）", Common.Said.Chinese(weighted.Said));

        var agencies = Projections.OfParts([("BF1.1（工務局）", null, Part(true, 106m)), ("BF1.1（捷運局）", null, Part(false, 93m)), ("BF1.1（地政局）", null, null)])!;
        Assert.Equal((bool?)false, agencies.Achieves);
        Assert.Equal("分項 BF1.1（捷運局） 預估未達標（預估未達標）", Common.Said.Chinese(agencies.Said));
        var open = Projections.OfParts([("X-1", null, Part(true, 106m)), ("X-2", null, null)])!;
        Assert.Null(open.Achieves);
        Assert.Equal("預估未定", open.Label);
        Assert.Null(Projections.OfParts([("X-1", null, null)]));
    }
}

/// <summary>Issue 33: the mean achievement counts each KPI at most at the map's cap on achievement in a total (seed 003: 100).</summary>
public class MeanAchievementTests
{
    [Fact]
    public void A_lower_is_better_ratio_far_above_its_target_counts_at_the_cap_in_a_mean()
    {
        static KpiScore Scored(decimal achievement, Standing standing) =>
            new(new Kpi { Code = "X", Name = "X" }, Direction.Lower, [], null, achievement, null, standing, [], null, ScoringRules.Default.AchievementCap);
        var dp52 = Scored(180.7m, Standing.Achieved);   // seed 003: 3.0 ÷ 1.66
        Assert.Equal(180.7m, dp52.Achievement);         // the KPI's own figure, by its rule
        Assert.Equal(100m, dp52.Counted);
        var roll = RollUp.Of(new[] { dp52, Scored(85.1m, Standing.NotAchieved) }.Select(s => (s.Standing, s.Counted, false)));
        Assert.Equal(92.6m, roll.MeanAchievement);     // not 132.9
    }
}

/// <summary>Issue 33 §5: a figure typed with a qualifier is read as its number and kept as typed.</summary>
public class QualifiedNumberTests
{
    [Theory]
    [InlineData("<0.2", 0.2)]
    [InlineData("10 以下", 10)]
    [InlineData("≥90%", 90)]
    [InlineData("75.0%", 75)]
    [InlineData("＜０．２", 0.2)]
    [InlineData("1,234", 1234)]
    public void A_qualified_figure_reads_as_its_number_and_keeps_its_text(string typed, double number)
    {
        Assert.True(Common.TypedNumber.TryParseQualified(typed, "value", out var n, out var kept));
        Assert.Equal((decimal)number, n);
        Assert.Equal(typed, kept);
    }

    [Fact]
    public void Words_other_than_a_qualifier_are_not_read_and_a_decimal_comma_is_still_refused()
    {
        Assert.False(Common.TypedNumber.TryParseQualified("約 10 件", "value", out _, out _));
        var refused = Assert.Throws<Common.InvalidInputException>(() => Common.TypedNumber.TryParseQualified("<0,47", "value", out _, out _));
        Assert.Contains("千分位不正確", refused.Message);
    }
}
