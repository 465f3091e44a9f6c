using Scorecard.Domain.Common;
using Scorecard.Domain.Periods;

namespace Scorecard.Domain.Tests;

/// <summary>The rules of the year-end evaluation (年度自評): when it opens, what an entry needs, when it is final.</summary>
public class YearEndEvaluationTests
{
    [Theory]
    [InlineData(PeriodState.NotOpen, null, "尚未發布（目前為「未開放」）")]
    [InlineData(PeriodState.Closed, null, "尚未發布（目前為「已截止」）")]
    [InlineData(PeriodState.Published, EvaluationRoundState.Open, "已開放")]
    [InlineData(PeriodState.Published, EvaluationRoundState.Finalized, "已定案")]
    public void The_evaluation_opens_once_and_only_after_the_year_is_published(PeriodState figures, EvaluationRoundState? round, string why) =>
        Assert.Contains(why, Assert.Throws<WorkflowException>(() => EvaluationWorkflow.CheckOpen(108, figures, round)).Message);

    [Fact]
    public void The_evaluation_opens_when_the_year_is_published() =>
        EvaluationWorkflow.CheckOpen(108, PeriodState.Published, null);

    [Fact]
    public void An_entry_moves_as_a_period_actual_does_while_the_evaluation_is_open()
    {
        Assert.Equal(SubmissionState.Draft, EvaluationWorkflow.Next(SubmissionState.Draft, EvaluationRoundState.Open, SubmissionAction.Save));
        Assert.Equal(SubmissionState.Submitted, EvaluationWorkflow.Next(SubmissionState.Draft, EvaluationRoundState.Open, SubmissionAction.Submit));
        Assert.Equal(SubmissionState.Returned, EvaluationWorkflow.Next(SubmissionState.Submitted, EvaluationRoundState.Open, SubmissionAction.Return, "請補充"));
        Assert.Equal(SubmissionState.Approved, EvaluationWorkflow.Next(SubmissionState.Submitted, EvaluationRoundState.Open, SubmissionAction.Approve));
        var final = Assert.Throws<WorkflowException>(() => EvaluationWorkflow.Next(SubmissionState.Published, EvaluationRoundState.Finalized, SubmissionAction.Save));
        Assert.Contains("本年度自評目前為「已定案」", final.Message);
        Assert.Equal("comment", Assert.Throws<InvalidInputException>(() => EvaluationWorkflow.Next(SubmissionState.Submitted, EvaluationRoundState.Open, SubmissionAction.Return, " ")).Field);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void A_score_is_from_0_to_100(double score)
    {
        var refused = Assert.Throws<InvalidInputException>(() => EvaluationWorkflow.CheckScore("challenge", "挑戰度", (decimal)score));
        Assert.Equal("challenge", refused.Field);
        Assert.Contains("0–100", refused.Message);
        EvaluationWorkflow.CheckScore("challenge", "挑戰度", 0);
        EvaluationWorkflow.CheckScore("challenge", "挑戰度", 100);
        EvaluationWorkflow.CheckScore("challenge", "挑戰度", null);
    }

    static SelfAssessmentEntry Scored() => new()
    {
        Innovation = 85, Challenge = 85, Contribution = 85,
        InnovationNarrative = "甲", ChallengeNarrative = "乙", ContributionNarrative = "丙",
    };

    [Fact]
    public void Submitting_needs_each_score_with_its_narrative_and_names_the_first_gap()
    {
        EvaluationWorkflow.CheckComplete(Scored(), achieved: true);
        var entry = Scored();
        entry.ChallengeNarrative = " ";
        entry.Contribution = null;
        var refused = Assert.Throws<InvalidInputException>(() => EvaluationWorkflow.CheckComplete(entry, achieved: true));
        Assert.Equal("challengeNarrative", refused.Field);
        Assert.Contains("挑戰度說明、貢獻度", refused.Message);
    }

    [Fact]
    public void A_missed_kpi_needs_situation_analysis_and_countermeasures_and_an_unjudged_one_does_not()
    {
        var refused = Assert.Throws<InvalidInputException>(() => EvaluationWorkflow.CheckComplete(Scored(), achieved: false));
        Assert.Equal("situationAnalysis", refused.Field);
        Assert.Contains("狀況分析、對策（本年度未達標）", refused.Message);
        var explained = Scored();
        explained.SituationAnalysis = ["營造業職災增加。"];
        explained.Countermeasures = ["加強工地檢查。"];
        EvaluationWorkflow.CheckComplete(explained, achieved: false);
        EvaluationWorkflow.CheckComplete(Scored(), achieved: null);
    }

    [Fact]
    public void Finalizing_names_what_is_not_approved_by_state()
    {
        var waiting = Enumerable.Range(1, 12).Select(i => ($"DP{i}.1", "已送出")).Append(("DC1.1", "已退回")).ToList();
        var refused = Assert.Throws<WorkflowException>(() => EvaluationWorkflow.CheckFinal(108, EvaluationRoundState.Open, PeriodState.Published, waiting));
        Assert.Equal("尚有 13 項自評未核定，無法定案：已送出 12 項（DP1.1、DP2.1、DP3.1、DP4.1、DP5.1、DP6.1、DP7.1、DP8.1、DP9.1、DP10.1 等）；已退回 1 項（DC1.1）。", refused.Message);
        Assert.Contains("須重新發布", Assert.Throws<WorkflowException>(() => EvaluationWorkflow.CheckFinal(108, EvaluationRoundState.Open, PeriodState.Open, [])).Message);
        Assert.Contains("未開放", Assert.Throws<WorkflowException>(() => EvaluationWorkflow.CheckFinal(108, null, PeriodState.Published, [])).Message);
        EvaluationWorkflow.CheckFinal(108, EvaluationRoundState.Open, PeriodState.Published, []);
    }

    [Fact]
    public void A_finalized_evaluation_reopens_only_with_a_reason()
    {
        Assert.Equal("reason", Assert.Throws<InvalidInputException>(() => EvaluationWorkflow.Reopen(108, EvaluationRoundState.Finalized, "")).Field);
        Assert.Throws<WorkflowException>(() => EvaluationWorkflow.Reopen(108, EvaluationRoundState.Open, "更正"));
        Assert.Equal(EvaluationRoundState.Open, EvaluationWorkflow.Reopen(108, EvaluationRoundState.Finalized, "更正"));
    }

    [Fact]
    public void An_entry_carried_over_from_a_document_reads_as_not_filled_until_its_owner_saves_it()
    {
        var entry = Scored();
        Assert.Equal("未填", entry.StateLabel);
        entry.EnteredAt = DateTime.UtcNow;
        Assert.Equal("草稿", entry.StateLabel);
        entry.State = SubmissionState.Submitted;
        Assert.Equal("已送出", entry.StateLabel);
    }
}
