using Scorecard.Domain.Common;
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
    // A percentage that measures progress is reported year to date (完成率 5.74 of 90.5 at Q1); any other stands at its latest.
    [InlineData("%", "道路維護改善完成率", Aggregation.YearToDate)]
    [InlineData("%", "捷運萬大中和樹林線進度", Aggregation.YearToDate)]
    [InlineData("%", "綠運輸市占率", Aggregation.PointInTime)]
    [InlineData("%", "失業率", Aggregation.PointInTime)]
    // A count of events or people in the year adds up.
    [InlineData("人次", "觀光景點旅遊人次", Aggregation.Cumulative)]
    [InlineData("件", null, Aggregation.Cumulative)]
    // Not inferred: a count per year may be printed per quarter or year to date; an area says neither.
    [InlineData("個/年", "大數據資料分析平臺應用數", null)]
    [InlineData("m²", "綠化面積", null)]
    public void The_aggregation_is_inferred_from_the_words_the_kpi_is_printed_with(string? unit, string? name, Aggregation? expected) =>
        Assert.Equal(expected, AggregationInference.Infer(unit, name));

    [Fact]
    public void A_set_aggregation_is_taken_as_set_and_a_parts_from_its_kpi()
    {
        var kpi = new Kpi { Code = "X1.1", Name = "n", Unit = "%", Aggregation = Aggregation.Cumulative };
        Assert.Equal((Aggregation.Cumulative, false), (KnownAggregation.Of(kpi).Value, KnownAggregation.Of(kpi).Inferred));
        Assert.Null(KnownAggregation.Of(kpi).Said);
        var part = new Kpi { Code = "X1.1", Name = "p", Unit = "件" };
        Assert.Equal(Aggregation.Cumulative, KnownAggregation.Of(part, kpi).Value);
        Assert.Equal("時點（全年為最新一期），依單位「公噸/人年」推定", KnownAggregation.Of(new Kpi { Code = "X1.2", Name = "n", Unit = "公噸/人年" }).Said?.ToString());
        Assert.Equal("累計至今（各期填報年初至該期，全年為最後一期），依名稱「進度」推定", KnownAggregation.Of(new Kpi { Code = "X1.3", Name = "年度計畫執行進度", Unit = "%" }).Said?.ToString());
    }

    /// <summary>
    /// The seed's own figures (city 107 Q1): AC3.4, 0.489 tonnes per person a year against 0.463 (lower is better), is
    /// judged by its rule (94.7%, it showed 105.6 under that rule's words); BP6.5, a percentage, and BP6.2 年度橋涵維護完成率,
    /// 7.05% of the year's 90.5, are progress.
    /// </summary>
    [Fact]
    public void An_in_year_figure_is_judged_by_the_rule_printed_beside_it_or_has_no_achievement()
    {
        var ac34 = Q1("AC3.4");
        Assert.Equal((94.7m, (bool?)false, (decimal?)null), (ac34.Percent, ac34.Achieved, ac34.YearProgress));
        Assert.Equal("目標值÷實際值（負向）；不設上限；四捨五入至小數 1 位；時點（全年為最新一期），依單位「公噸/人年」推定", ac34.Achievement.Rule);
        Assert.Equal(Standing.NotAchieved, RollUp.StandingOf(ac34));
        Assert.Equal("107 年目標值 0.463 ÷ 107 年第 1 季實際值 0.489 = 94.7%", Said.Chinese(ac34.Workings));

        // BP6.5, 7.49% of waste water given only primary treatment against 32.51 (lower is better), a share whose kind "%"
        // only suggests (a point in time, or a coverage that grows through the year): no verdict rests on the guess before the
        // year ends; 23.0 is progress, its own figure (it stood as achievement under the rule's words), and the reason says so.
        var bp65 = Q1("BP6.5");
        Assert.Equal(((decimal?)null, (bool?)null, 23.0m), (bp65.Percent, bp65.Achieved, bp65.YearProgress));
        Assert.Equal(Standing.InProgress, RollUp.StandingOf(bp65));
        Assert.Contains("累計方式為推定（時點（全年為最新一期），依單位「%」推定，未經確認）", bp65.Achievement.Reason);
        Assert.Equal("107 年第 1 季實際值 7.49 ÷ 107 年目標值 32.51 = 23%（年度目標進度）", Said.Chinese(bp65.Workings));

        // A progress rate reported year to date is progress before the year ends: no achievement, no verdict.
        var bp62 = Q1("BP6.2");
        Assert.Equal(((decimal?)null, (bool?)null), (bp62.Percent, bp62.Achieved));
        Assert.Equal(Standing.InProgress, RollUp.StandingOf(bp62));
        Assert.Contains("不計算達成度", bp62.Achievement.Reason);

        static PeriodResult Q1(string code)
        {
            var kpi = SeedKpi(code);
            var known = KnownAggregation.Of(kpi);
            return KpiResults.For(kpi, kpi.Direction, known.Value, AchievementSettings.Default, known.Said, judgesInYear: known.Firm).Single(r => r.Year == 2018 && r.Period == Period.Q1);
        }
    }

    internal static Kpi SeedKpi(string code)
    {
        var node = SeedData.Files.Where(f => Path.GetFileName(f).StartsWith("city-107q1-", StringComparison.Ordinal)).SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!["kpis"]!.AsArray()).Single(k => k!["code"]!.GetValue<string>() == code)!;
        var kpi = new Kpi { Code = code, Name = node["name"]!.GetValue<string>(), Unit = node["unit"]?.GetValue<string>(), Direction = Directions.Parse(node["direction"]!.GetValue<string>()) };
        foreach (var v in node["values"]!.AsArray())
            if (v!["value"] is { } value)
                kpi.Values.Add(new KpiValue
                {
                    Year = v["year"]!.GetValue<int>() + 1911, Period = Scorecard.Domain.Values.Periods.Parse(v["period"]!.GetValue<string>()),
                    Kind = v["kind"]!.GetValue<string>() == "target" ? ValueKind.Target : ValueKind.Actual, Number = value.GetValue<decimal>(),
                    Raw = v["raw"]?.GetValue<string>(),
                });
        return kpi;
    }
}
