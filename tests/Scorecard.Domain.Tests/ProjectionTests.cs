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
}
