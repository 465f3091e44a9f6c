using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;

namespace Scorecard.Domain.Tests;

/// <summary>
/// Issue 33 §2: 81 of the city's 303 KPIs of 107 are not marked either way, PM2.5 among them, and none of their figures
/// was judged. Where the printed target or the name leaves no doubt the direction is inferred, and said beside the figure.
/// </summary>
public class DirectionInferenceTests
{
    [Theory]
    [InlineData("細懸浮微粒(PM₂ꓸ₅)年平均濃度", "17", Direction.Lower, "負向，依名稱「濃度」推定")]
    [InlineData("預算執行差異率", "10 以下", Direction.Lower, "負向，依目標值「10 以下」推定")]
    [InlineData("水庫優養化指標", "<50\n(無優養化)", Direction.Lower, "負向，依目標值「<50 (無優養化)」推定")]
    [InlineData("標準化死亡率", "326.55", Direction.Lower, "負向，依名稱「死亡率」推定")]
    [InlineData("失業率", "3.8", Direction.Lower, "負向，依名稱「失業率」推定")]
    [InlineData("新移民課程學員出席率", "80.0%", Direction.Higher, "正向，依名稱「出席率」推定")]
    [InlineData("志願服務參與人數成長率", "5", Direction.Higher, "正向，依名稱「成長率」推定")]
    [InlineData("參與率", "≥90%", Direction.Higher, "正向，依目標值「≥90%」推定")]
    public void The_direction_is_inferred_from_the_printed_target_or_the_name(string name, string target, Direction expected, string said)
    {
        var kpi = new Kpi { Code = "X1.1", Name = name, Values = [new KpiValue { Year = 2018, Period = Period.Y, Kind = ValueKind.Target, Raw = target }] };
        var known = KnownDirection.Of(kpi);
        Assert.Equal((expected, true), (known.Value, known.Inferred));
        Assert.Equal(said, Common.Said.Chinese(known.Said));
    }

    /// <summary>An unmarked count is a number to reach: the document marks what is to be kept down.</summary>
    [Fact]
    public void An_unmarked_count_is_higher_is_better_and_a_harmful_one_is_not()
    {
        Assert.Equal(Direction.Higher, KnownDirection.Of(new Kpi { Code = "G", Name = "查獲毒品案犯嫌數", Unit = "人" }).Value);
        Assert.Equal("正向，依單位「人」（計數）推定", Common.Said.Chinese(KnownDirection.Of(new Kpi { Code = "G", Name = "查獲毒品案犯嫌數", Unit = "人" }).Said));
        Assert.Equal(Direction.Lower, KnownDirection.Of(new Kpi { Code = "G", Name = "每十萬人口因交通事故傷亡人數", Unit = "人" }).Value);
    }

    /// <summary>A bare rate or a ratio says neither way: 拒賠率 and 生師比 are argued both ways.</summary>
    [Theory]
    [InlineData("國賠事件經國賠會同意拒賠率", "76")]
    [InlineData("初等教育生師比(WCCD)", "11.5")]
    public void Words_that_say_neither_way_leave_the_direction_unknown(string name, string target)
    {
        var kpi = new Kpi { Code = "X1.1", Name = name, Direction = Direction.Unknown, Values = [new KpiValue { Year = 2018, Period = Period.Y, Kind = ValueKind.Target, Raw = target }] };
        Assert.Equal(KnownDirection.Unknown, KnownDirection.Of(kpi));
    }

    [Fact]
    public void A_stated_direction_wins_and_a_part_follows_its_kpi()
    {
        var kpi = new Kpi { Code = "X1.1", Name = "某濃度", Direction = Direction.Higher };
        Assert.Equal(new KnownDirection(Direction.Higher, null), KnownDirection.Of(kpi));
        var part = new Kpi { Code = "X1.1-1", Name = "分項" };
        Assert.Equal(Direction.Higher, KnownDirection.Of(part, kpi).Value);
        Assert.Null(KnownDirection.Of(part, kpi).Said);
    }

    /// <summary>
    /// The issue's own case: PM2.5 107 Q1 19.2 against the year's 17, a concentration (lower is better) averaged over the
    /// year, is 未達標 at 88.5% by 目標值÷實際值, and the rule says both inferences.
    /// </summary>
    [Fact]
    public void PM25_107_Q1_is_not_achieved_at_88_5_percent_by_target_over_actual()
    {
        var kpi = AggregationInferenceTests.SeedKpi("AC1.2");
        var direction = KnownDirection.Of(kpi);
        var aggregation = KnownAggregation.Of(kpi);
        var q1 = KpiResults.For(kpi, direction.Value, aggregation.Value, AchievementSettings.Default, aggregation.Said, direction.Said)
            .Single(r => r.Year == 2018 && r.Period == Period.Q1);
        Assert.Equal((88.5m, (bool?)false), (q1.Percent, q1.Achieved));
        Assert.Equal("107 年目標值 17 ÷ 107 年第 1 季實際值 19.2 = 88.5%", Said.Chinese(q1.Workings));
        Assert.Null(q1.YearSoFar);   // one period so far: the period itself

        // A second quarter of 18.1 is judged on the mean so far, and both the workings and the result say it is a mean.
        kpi.Values.Add(new KpiValue { Year = 2018, Period = Period.Q2, Kind = ValueKind.Actual, Number = 18.1m });
        var q2 = KpiResults.For(kpi, direction.Value, aggregation.Value, AchievementSettings.Default, aggregation.Said, direction.Said)
            .Single(r => r.Year == 2018 && r.Period == Period.Q2);
        Assert.Equal((Aggregation.Average, 18.65m), (q2.YearSoFar, q2.ComparedActual));
        Assert.Equal("107 年目標值 17 ÷ 107 年平均至第 2 季實際值 18.65 = 91.2%", Said.Chinese(q2.Workings));
        Assert.Equal(Standing.NotAchieved, RollUp.StandingOf(q1));
        Assert.Equal("目標值÷實際值（負向）；不設上限；四捨五入至小數 1 位；平均（全年為各期平均），依單位「µg/m³」推定；負向，依名稱「濃度」推定", q1.Achievement.Rule);
    }
}
