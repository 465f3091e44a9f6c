using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;

namespace Scorecard.Domain.Tests;

public class CodeRulesTests
{
    [Theory]
    [InlineData("AC1", "A", "C")]
    [InlineData("HF4", "H", "F")]
    [InlineData("DP12", "D", "P")]
    public void A_regular_objective_code_that_matches_its_theme_and_perspective_has_no_warning(string code, string theme, string perspective)
    {
        Assert.Empty(Codes.CheckObjective(code, theme, perspective));
        Assert.Equal((theme, perspective), Codes.ParseObjective(code));
    }

    [Fact]
    public void An_objective_code_in_the_wrong_theme_is_kept_with_a_warning_naming_the_theme()
    {
        var warning = Assert.Single(Codes.CheckObjective("AC1", "B", "C"));
        Assert.Contains("AC1", Said.Chinese(warning));
        Assert.Contains("B", Said.Chinese(warning));
    }

    [Fact]
    public void An_objective_code_in_the_wrong_perspective_is_warned()
    {
        var warning = Assert.Single(Codes.CheckObjective("AC1", "A", "P"));
        Assert.Contains("構面", Said.Chinese(warning));
    }

    [Fact]
    public void City_wide_shared_objectives_are_lettered_T_and_belong_to_no_theme()
    {
        Assert.Empty(Codes.CheckObjective("TC1", null, "C"));
        Assert.NotEmpty(Codes.CheckObjective("AC1", null, "C"));
    }

    [Theory]
    [InlineData("AC1.1", "AC1")]
    [InlineData("GP10.12", "GP10")]
    public void A_regular_kpi_code_under_its_objective_has_no_warning(string code, string objective) =>
        Assert.Empty(Codes.CheckKpi(code, objective));

    [Theory]
    [InlineData("BP3.1-2", "BP3")]   // a hyphenated row as 000 prints it
    [InlineData("AC1.1", "AC2")]     // under another objective
    public void An_irregular_kpi_code_is_kept_with_a_warning(string code, string objective)
    {
        var warning = Assert.Single(Codes.CheckKpi(code, objective));
        Assert.Contains(code, Said.Chinese(warning));
        Assert.Contains("依原文保留", Said.Chinese(warning));
    }

    [Theory]
    [InlineData("CP.3.2.1", "CP3.2")]   // a stray dot, as printed in 000 theme C
    [InlineData("CF３.3.1", "CF3.3")]   // a full-width digit
    [InlineData("CC3.3.2", "CC3.2")]    // printed under another KPI
    public void Irregular_action_plan_codes_from_the_documents_are_warned_never_refused(string code, string kpi)
    {
        var warning = Assert.Single(Codes.CheckActionPlan(code, kpi));
        Assert.Contains(code, Said.Chinese(warning));
    }

    [Fact]
    public void A_regular_action_plan_code_has_no_warning() => Assert.Empty(Codes.CheckActionPlan("AC1.1.1", "AC1.1"));

    [Theory]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void More_than_three_action_plans_per_kpi_is_a_warning_of_form_rule_3(int count, bool warned)
    {
        var warning = Codes.CheckActionPlanCount("AC2.3", count);
        Assert.Equal(warned, warning is not null);
        if (warned) Assert.Contains("請勿超過3項", Said.Chinese(warning));
    }
}
