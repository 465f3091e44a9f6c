using System.Text.Json.Nodes;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;
using Scorecard.Testing;

namespace Scorecard.Domain.Tests;

/// <summary>
/// Issue 33 §1–§2: none of the city's 303 KPIs of 107 has its aggregation set, so no in-year figure got a verdict, and
/// the share of the year's target stood where the achievement goes, under the achievement rule's words. The aggregation
/// is now inferred from the unit (said so beside the verdict), and progress is a figure of its own.
/// </summary>
public class AggregationInferenceTests
{
    [Theory]
    [InlineData("公噸/人年", null, Aggregation.PointInTime)]        // per capita
    [InlineData("人/十萬人", null, Aggregation.PointInTime)]
    [InlineData("‰", null, Aggregation.PointInTime)]
    [InlineData("µg/m³", "細懸浮微粒(PM₂ꓸ₅)年平均濃度", Aggregation.Average)]
    [InlineData("元(累計)", null, Aggregation.Cumulative)]
    [InlineData("累計啟動戶數", null, Aggregation.Cumulative)]
    // Not inferred: a percentage may be a state (市占率) or progress reported year to date (完成率 5.74 of 90.5 at Q1);
    // a count may be printed per quarter or year to date.
    [InlineData("%", "道路維護改善完成率", null)]
    [InlineData("%", "綠運輸市占率", null)]
    [InlineData("人次", null, null)]
    [InlineData("個/年", "大數據資料分析平臺應用數", null)]        // a count per year, not a rate
    [InlineData("m²", "綠化面積", null)]
    public void The_aggregation_is_inferred_from_the_words_the_kpi_is_printed_with(string? unit, string? name, Aggregation? expected) =>
        Assert.Equal(expected, AggregationInference.Infer(unit, name));

    [Fact]
    public void A_set_aggregation_is_taken_as_set_and_a_parts_from_its_kpi()
    {
        var kpi = new Kpi { Code = "X1.1", Name = "n", Unit = "%", Aggregation = Aggregation.Cumulative };
        Assert.Equal(new KnownAggregation(Aggregation.Cumulative, false), KnownAggregation.Of(kpi));
        Assert.Null(KnownAggregation.Of(kpi).Said);
        var part = new Kpi { Code = "X1.1", Name = "p", Unit = "件" };
        Assert.Equal(Aggregation.Cumulative, KnownAggregation.Of(part, kpi).Value);
        Assert.Equal(new KnownAggregation(Aggregation.PointInTime, true), KnownAggregation.Of(new Kpi { Code = "X1.2", Name = "n", Unit = "公噸/人年" }));
    }

    /// <summary>
    /// The seed's own figures (city 107 Q1), both lower is better: AC3.4, 0.489 tonnes per person a year against 0.463, is
    /// judged by its rule (94.7%, it showed 105.6 under that rule's words); BP6.5, 7.49% against 32.51, whose kind the
    /// words do not say, has no achievement, and its 23.0 is progress, a figure of its own (it showed 23.0 as achievement).
    /// </summary>
    [Fact]
    public void An_in_year_figure_is_judged_by_the_rule_printed_beside_it_or_has_no_achievement()
    {
        var ac34 = Q1("AC3.4");
        Assert.Equal((94.7m, (bool?)false, (decimal?)null), (ac34.Percent, ac34.Achieved, ac34.YearProgress));
        Assert.Equal("目標值÷實際值（負向）；不設上限；四捨五入至小數 1 位；時點（全年為最新一期），依單位推定", ac34.Achievement.Rule);
        Assert.Equal(Standing.NotAchieved, RollUp.StandingOf(ac34));

        var bp65 = Q1("BP6.5");
        Assert.Equal(((decimal?)null, (bool?)null, 23.0m), (bp65.Percent, bp65.Achieved, bp65.YearProgress));
        Assert.Equal(Standing.InProgress, RollUp.StandingOf(bp65));
        Assert.Contains("不計算達成度", bp65.Achievement.Reason);

        static PeriodResult Q1(string code)
        {
            var kpi = SeedKpi(code);
            var known = KnownAggregation.Of(kpi);
            return KpiResults.For(kpi, kpi.Direction, known.Value, AchievementSettings.Default, known.Said).Single(r => r.Year == 2018 && r.Period == Period.Q1);
        }
    }

    static Kpi SeedKpi(string code)
    {
        var node = SeedData.Files.Where(f => Path.GetFileName(f).StartsWith("city-107q1-", StringComparison.Ordinal)).SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!["kpis"]!.AsArray()).Single(k => k!["code"]!.GetValue<string>() == code)!;
        var kpi = new Kpi { Code = code, Name = node["name"]!.GetValue<string>(), Unit = node["unit"]?.GetValue<string>(), Direction = Directions.Parse(node["direction"]!.GetValue<string>()) };
        foreach (var v in node["values"]!.AsArray())
            if (v!["value"] is { } value)
                kpi.Values.Add(new KpiValue
                {
                    Year = v["year"]!.GetValue<int>() + 1911, Period = Scorecard.Domain.Values.Periods.Parse(v["period"]!.GetValue<string>()),
                    Kind = v["kind"]!.GetValue<string>() == "target" ? ValueKind.Target : ValueKind.Actual, Number = value.GetValue<decimal>(),
                });
        return kpi;
    }
}
