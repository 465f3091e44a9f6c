using Scorecard.Domain.Common;
using System.Text.Json.Nodes;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Scoring;
using Scorecard.Testing;

namespace Scorecard.Domain.Tests;

/// <summary>
/// The city's own printed figures (seeds 003 and 004), reproduced from the achievement rules and
/// scoring stated in shared/data, without a database: the rules and evaluations are read from the
/// seed JSON straight into domain objects.
/// </summary>
public class GoldenSeedFigures
{
    static MapScoring Score(string file)
    {
        var json = JsonNode.Parse(File.ReadAllText(SeedData.PathOf(file)))!;
        var map = new StrategyMap { Year = 1911 + json["planYear"]!.GetValue<int>() };
        var rules = json["achievementRules"]!.AsArray();
        for (var i = 0; i < rules.Count; i++)
        {
            var r = rules[i]!.AsObject();
            map.AchievementRules.Add(new AchievementRule
            {
                Ordinal = i,
                ThemeCode = r["theme"]?.GetValue<string>(),
                KpiCode = r["kpi"]?.GetValue<string>(),
                LowerIsBetter = r["lowerIsBetter"] is { } l ? AchievementRule.ParseLowerIsBetter(l.GetValue<string>()) : null,
                CapSpecified = r.ContainsKey("cap"),
                Cap = r["cap"]?.GetValue<decimal>(),
                Rounding = r["rounding"] is { } x ? AchievementRule.ParseRounding(x.GetValue<string>()) : null,
                Decimals = r["decimals"]?.GetValue<int>(),
            });
        }
        var theme = new Theme { Id = Guid.NewGuid(), Code = "D", Name = "優化產業勞動" };
        map.Themes.Add(theme);
        foreach (var o in json["objectives"]?.AsArray() ?? [])
            map.Objectives.Add(new Objective { Id = Guid.NewGuid(), Code = o!["code"]!.GetValue<string>(), Name = "", Perspective = o["perspective"]!.GetValue<string>(), ThemeId = theme.Id });
        foreach (var k in json["kpis"]?.AsArray() ?? [])
            map.Kpis.Add(new Kpi
            {
                Id = Guid.NewGuid(), Code = k!["code"]!.GetValue<string>(), Name = k["name"]!.GetValue<string>(),
                Direction = Directions.Parse(k["direction"]!.GetValue<string>()),
                ObjectiveId = map.Objectives.First(o => o.Code == k["objective"]!.GetValue<string>()).Id,
            });
        var evaluations = json["evaluations"]!.AsArray();
        for (var i = 0; i < evaluations.Count; i++)
        {
            var e = evaluations[i]!;
            var reported = e["achievementReported"]?.GetValue<decimal>();
            var printed = e["achievementRaw"]?.GetValue<string>() ?? e["achievementReported"]?.ToJsonString();
            map.Evaluations.Add(new Evaluation
            {
                Ordinal = i,
                KpiCode = e["kpi"]?.GetValue<string>(),
                Part = e["part"]?.GetValue<string>(),
                ThemeCode = e["theme"]?.GetValue<string>(),
                Direction = e["direction"] is { } d ? Directions.Parse(d.GetValue<string>()) : null,
                Target = e["target"]?.GetValue<decimal>(),
                Actual = e["actual"]?.GetValue<decimal>(),
                AchievementReported = reported,
                // The precision the document prints, as the importer reads it.
                AchievementReportedDecimals = printed is null ? null : Achievement.PrintedDecimals(printed),
                Innovation = e["innovation"]?.GetValue<decimal>(),
                Challenge = e["challenge"]?.GetValue<decimal>(),
                Contribution = e["contribution"]?.GetValue<decimal>(),
                WeightedAverage = e["weightedAverage"]?.GetValue<decimal>(),
                Light = e["light"]?.GetValue<string>(),
                AchievedFlag = e["achievedFlag"]?.GetValue<bool>(),
            });
        }
        if (json["scoring"] is { } s)
        {
            map.Scoring = new ScoringSettings
            {
                AchievementWeight = s["weights"]!["achievement"]!.GetValue<decimal>(),
                InnovationWeight = s["weights"]!["innovation"]!.GetValue<decimal>(),
                ChallengeWeight = s["weights"]!["challenge"]!.GetValue<decimal>(),
                ContributionWeight = s["weights"]!["contribution"]!.GetValue<decimal>(),
                AchievementCap = s["achievementCap"]?.GetValue<decimal>(),
                UnknownLabel = s["unknownLabel"]?.GetValue<string>(),
                UnknownSymbol = s["unknownSymbol"]?.GetValue<string>(),
            };
            var lights = s["lights"]!.AsArray();
            for (var i = 0; i < lights.Count; i++)
                map.Scoring.Lights.Add(new ScoringLight { Ordinal = i, Label = lights[i]!["label"]!.GetValue<string>(), Symbol = lights[i]!["symbol"]?.GetValue<string>(), Min = lights[i]!["min"]?.GetValue<decimal>() });
        }
        return new MapScoring(map);
    }

    static EvaluationScore Panel(MapScoring scoring, string kpi, string? part = null) =>
        scoring.Evaluations.Single(e => e.Evaluation.KpiCode == kpi && e.Evaluation.Part == part);

    // Seed 004, the Secretariat's council report for 106: every printed 達成度 with a target and an actual.
    [Theory]
    [InlineData("AC1.1", null, "100")]     // 12 日 target, 11.75 日: lower is better, capped at 100 (theme A)
    [InlineData("AP1.1", null, "100")]     // 177 vs 160, capped
    [InlineData("AL1.1", null, "100")]
    [InlineData("DC1.1", null, "97.1")]    // 1.34 / 1.38 (theme D, target/actual)
    [InlineData("DF1.1", null, "101.94")]  // two decimals (theme D)
    [InlineData("FC1.1", null, "125")]     // 2 − 6.9/9.2 (theme F)
    [InlineData("FP1.1", null, "100")]
    [InlineData("FL1.1", null, "108.1")]   // 83.3/77 = 108.18… truncated (theme F)
    [InlineData("FF1.1", null, "121.4")]
    [InlineData("GC1.1", null, "164.3")]   // 345/210, uncapped (theme G)
    [InlineData("GF1.1", "圖片", "110")]
    [InlineData("GF1.1", "影片", "234.8")]
    [InlineData("CC1.1", null, "100")]     // 85.12/85 capped (theme C)
    public void The_computed_achievement_equals_every_printed_figure_of_the_council_report(string kpi, string? part, string printed)
    {
        var panel = Panel(Score("secretariat-106-results.json"), kpi, part);
        var expected = decimal.Parse(printed);
        Assert.Equal(expected, panel.Evaluation.AchievementReported);
        Assert.Equal(false, panel.Discrepancy);
        Assert.NotNull(panel.Achievement.Percent);
        Assert.Equal(expected, Math.Round(panel.Achievement.Percent!.Value, decimal.Parse(printed).Scale));
    }

    [Fact]
    public void No_figure_of_the_council_report_that_can_be_computed_disagrees()
    {
        var scoring = Score("secretariat-106-results.json");
        var comparable = scoring.Evaluations.Where(e => e.Discrepancy is not null).ToList();
        Assert.Equal(14, comparable.Count);   // the 13 by KPI above and the one printed without a code
        Assert.All(comparable, e => Assert.False(e.Discrepancy));
        // Where the report prints a figure but no target or actual, there is a reason, never 0%.
        Assert.All(scoring.Evaluations.Where(e => e.Achievement.Percent is null), e => Assert.False(string.IsNullOrEmpty(e.Achievement.Reason)));
    }

    // Seed 003, theme D's 108 result panels.
    [Theory]
    [InlineData("DC1.1", "105.6")]
    [InlineData("DC1.2", "120.6")]
    [InlineData("DC2.1", "101.3")]
    [InlineData("DC3.1", "100.6")]
    [InlineData("DC3.2", "100")]
    [InlineData("DP1.1", "100")]
    [InlineData("DP1.2", "122.1")]
    [InlineData("DP2.1", "110.8")]
    [InlineData("DP2.2", "100.07")]   // printed with two decimals, compared at two
    [InlineData("DP3.1", "129.4")]
    [InlineData("DP3.4", "100")]
    [InlineData("DP4.2", "104.1")]
    [InlineData("DP5.1", "85.1")]     // 負向指標 6.0 / 7.05, not achieved
    [InlineData("DP5.2", "180.7")]
    public void Fourteen_result_panels_of_the_retreat_deck_agree_with_the_rule(string kpi, string printed)
    {
        var panel = Panel(Score("theme-d-108-results.json"), kpi);
        // Agreement is judged at the printed precision; the figure shown keeps the rule's one decimal
        // (DP2.2: 100.07 printed, 100.1 shown).
        Assert.Equal(false, panel.Discrepancy);
        Assert.InRange(panel.Achievement.Percent!.Value - decimal.Parse(printed), -0.05m, 0.05m);
    }

    [Theory]
    [InlineData("DP3.2", "119.1", "119.2")]   // 25.5 / 21.4 = 119.16…: the deck cut the last digit
    [InlineData("DP4.3", "107.9", "108.0")]   // 89.62 / 83 = 107.97…
    public void The_two_panels_that_print_a_cut_digit_are_flagged_and_both_figures_kept(string kpi, string printed, string computed)
    {
        var panel = Panel(Score("theme-d-108-results.json"), kpi);
        Assert.Equal(true, panel.Discrepancy);
        Assert.Equal(decimal.Parse(printed), panel.Evaluation.AchievementReported);
        Assert.Equal(decimal.Parse(computed), panel.Achievement.Percent);
    }

    [Fact]
    public void Exactly_sixteen_panels_are_comparable_and_two_disagree()
    {
        var scoring = Score("theme-d-108-results.json");
        var comparable = scoring.Evaluations.Where(e => e.Discrepancy is not null).ToList();
        Assert.Equal(16, comparable.Count);
        Assert.Equal(["DP3.2", "DP4.3"], comparable.Where(e => e.Discrepancy == true).Select(e => e.Evaluation.KpiCode!).Order());
    }

    [Fact]
    public void Every_printed_light_follows_from_its_printed_total()
    {
        var scoring = Score("theme-d-108-results.json");
        var printed = scoring.Evaluations.Where(e => e.Evaluation.Light is not null).ToList();
        Assert.Equal(16, printed.Count);
        Assert.All(printed, e => Assert.True(e.Evaluation.Light == e.LightComputed.Label,
            $"{e.Evaluation.KpiCode}: total {e.Evaluation.WeightedAverage} prints {e.Evaluation.Light}, rule gives {e.LightComputed}"));
    }

    [Fact]
    public void Panels_without_data_have_an_unknown_light_and_a_reason()
    {
        var scoring = Score("theme-d-108-results.json");
        var dp33 = Panel(scoring, "DP3.3");
        Assert.Null(dp33.Achievement.Percent);
        Assert.Contains("缺實際值", dp33.Achievement.Reason);
        Assert.Equal("不明", dp33.LightComputed.Label);
        Assert.Null(dp33.Computed.Total);
    }

    [Fact]
    public void DP5_1_was_not_achieved_so_its_evaluation_needs_situation_analysis_and_countermeasures()
    {
        var dp51 = Panel(Score("theme-d-108-results.json"), "DP5.1");
        Assert.Equal(false, dp51.Achievement.Achieved);
        Assert.Contains("狀況分析", Said.Chinese(dp51.Incomplete));   // the golden map built here carries no explanation
    }
}
