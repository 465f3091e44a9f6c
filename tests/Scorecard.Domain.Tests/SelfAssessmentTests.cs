using Scorecard.Domain.Common;
using Scorecard.Domain.Scoring;

namespace Scorecard.Domain.Tests;

public class SelfAssessmentTests
{
    [Theory]
    [InlineData(92.5, "優")]
    [InlineData(92.4, "良")]
    [InlineData(84.5, "良")]
    [InlineData(84.4, "可")]
    [InlineData(74.5, "可")]
    [InlineData(74.4, "差")]
    public void Lights_follow_the_default_thresholds(decimal total, string label) =>
        Assert.Equal(label, SelfAssessment.LightFor(ScoringRules.Default, total).Label);

    [Fact]
    public void The_total_caps_achievement_first_and_weights_25_25_30_20()
    {
        // 0.25 × min(120.6, 100) + 0.25 × 89 + 0.30 × 89 + 0.20 × 89
        var r = SelfAssessment.Total(ScoringRules.Default, 120.6m, 89, 89, 89);
        Assert.Equal(91.75m, r.Total);
        Assert.Equal("●良", r.Light.ToString());
    }

    [Fact]
    public void A_missing_score_gives_the_unknown_light_and_names_it()
    {
        var r = SelfAssessment.Total(ScoringRules.Default, 100, 90, null, 90);
        Assert.Null(r.Total);
        Assert.Equal("？不明", r.Light.ToString());
        Assert.Contains("挑戰度", Said.Chinese(r.Why));
    }

    [Fact]
    public void A_kpi_not_achieved_needs_situation_analysis_and_countermeasures()
    {
        Assert.Null(SelfAssessment.Incomplete(true, null, null));
        Assert.Contains("狀況分析及對策", Said.Chinese(SelfAssessment.Incomplete(false, null, null)));
        Assert.Contains("對策", Said.Chinese(SelfAssessment.Incomplete(false, ["營造業職災增加"], [])));
        Assert.Null(SelfAssessment.Incomplete(false, ["營造業職災增加"], ["加強檢查"]));
    }
}
