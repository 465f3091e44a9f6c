using Scorecard.Domain.Common;

namespace Scorecard.Domain.Periods;

/// <summary>自評中 → 已定案 (a finalized evaluation may be reopened, with a reason). No row is 未開放.</summary>
public enum EvaluationRoundState { Open, Finalized }

/// <summary>
/// 年度自評: one map's year-end evaluation of one year. The planner opens it once the year's figures
/// (the Y period) are published; each owning organisation self-assesses its KPIs; the planner reviews
/// and finalizes, which writes the year's results (<see cref="Scoring.Evaluation"/>) everyone reads.
/// </summary>
public class EvaluationRound : Entity
{
    public Guid MapId { get; set; }
    /// <summary>The Gregorian year evaluated.</summary>
    public int Year { get; set; }
    public EvaluationRoundState State { get; set; }
    public string? OpenedBy { get; set; }
    public DateTime? OpenedAt { get; set; }
    public string? FinalizedBy { get; set; }
    public DateTime? FinalizedAt { get; set; }
    /// <summary>Why it was last reopened after it was finalized.</summary>
    public string? ReopenReason { get; set; }
}

/// <summary>
/// 自評填報: one KPI's self-assessment for a year as its owner entered it, before it is final: the
/// innovation, challenge and contribution scores (0–100) with their narratives, and for a KPI that missed
/// its target, 狀況分析 and 對策 (one line an item). Unpublished, like a <see cref="Submission"/>.
/// </summary>
public class SelfAssessmentEntry : Entity, IReviewedEntry
{
    public Guid KpiId { get; set; }
    public int Year { get; set; }
    public decimal? Innovation { get; set; }
    public decimal? Challenge { get; set; }
    public decimal? Contribution { get; set; }
    public string? InnovationNarrative { get; set; }
    public string? ChallengeNarrative { get; set; }
    public string? ContributionNarrative { get; set; }
    public List<string>? SituationAnalysis { get; set; }
    public List<string>? Countermeasures { get; set; }
    public SubmissionState State { get; set; }
    public string? ReviewComment { get; set; }
    public string? EnteredBy { get; set; }
    public DateTime? EnteredAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedAt { get; set; }

    /// <summary>「未填」 until its owner saves it (scores carried over from a document do not count), else its state.</summary>
    public string StateLabel => EnteredAt is null && State == SubmissionState.Draft ? "未填" : Workflow.Label(State);
}

/// <summary>The year-end evaluation's rules, pure, as <see cref="Workflow"/> is the quarter's.</summary>
public static class EvaluationWorkflow
{
    public static string Label(EvaluationRoundState? s) => s switch
    {
        null => "未開放",
        EvaluationRoundState.Open => "自評中",
        _ => "已定案",
    };

    public static string Format(EvaluationRoundState? s) => s switch
    {
        null => "notOpen",
        EvaluationRoundState.Open => "open",
        _ => "finalized",
    };

    /// <summary>The evaluation may open once the year's figures are published, and only once.</summary>
    public static void CheckOpen(int rocYear, PeriodState yearFigures, EvaluationRoundState? current)
    {
        if (current == EvaluationRoundState.Open)
            throw new WorkflowException($"{rocYear} 年度自評已開放（自評中），不必再開放。");
        if (current == EvaluationRoundState.Finalized)
            throw new WorkflowException($"{rocYear} 年度自評已定案；如需修改，請重新開放並填寫原因。");
        if (yearFigures != PeriodState.Published)
            throw new WorkflowException($"{rocYear} 年年度（Y）數值尚未發布（目前為「{Workflow.Label(yearFigures)}」），請先發布年度數值，再開放自評。");
    }

    /// <summary>An owner's entry moves as a period's actual does, while the evaluation is 自評中.</summary>
    public static SubmissionState Next(SubmissionState current, EvaluationRoundState? round, SubmissionAction action, string? comment = null) =>
        Workflow.Step(current, round == EvaluationRoundState.Open, $"本年度自評目前為「{Label(round)}」，不在自評中", action, comment);

    /// <summary>A score is a number from 0 to 100.</summary>
    public static void CheckScore(string field, string label, decimal? score)
    {
        if (score is { } s && (s < 0 || s > 100))
            throw new InvalidInputException(field, $"{label} {s} 不在 0–100 之間。");
    }

    /// <summary>
    /// What a self-assessment needs before it is submitted: the three scores, a narrative for each, and
    /// for a KPI that missed its target (PRODUCT rule 8) 狀況分析 and 對策. The first gap is named by its field.
    /// </summary>
    /// <param name="achieved">The year's verdict by the map's rule; null when it cannot be judged.</param>
    public static void CheckComplete(SelfAssessmentEntry e, bool? achieved)
    {
        var required = new (string Field, string Label, bool Missing)[]
        {
            ("innovation", "創新度", e.Innovation is null),
            ("innovationNarrative", "創新度說明", string.IsNullOrWhiteSpace(e.InnovationNarrative)),
            ("challenge", "挑戰度", e.Challenge is null),
            ("challengeNarrative", "挑戰度說明", string.IsNullOrWhiteSpace(e.ChallengeNarrative)),
            ("contribution", "貢獻度", e.Contribution is null),
            ("contributionNarrative", "貢獻度說明", string.IsNullOrWhiteSpace(e.ContributionNarrative)),
            ("situationAnalysis", "狀況分析", achieved == false && e.SituationAnalysis is not { Count: > 0 }),
            ("countermeasures", "對策", achieved == false && e.Countermeasures is not { Count: > 0 }),
        }.Where(r => r.Missing).ToList();
        if (required.Count == 0)
            return;
        var why = achieved == false && required.Any(r => r.Field is "situationAnalysis" or "countermeasures") ? "（本年度未達標）" : "";
        throw new InvalidInputException(required[0].Field, $"送出自評前須填寫{Said.List(required.Select(r => r.Label))}{why}。");
    }

    /// <summary>
    /// Finalizing needs the year's figures still published and every KPI's self-assessment approved;
    /// the refusal names those that are not, by state (up to ten codes a state).
    /// </summary>
    public static void CheckFinal(int rocYear, EvaluationRoundState? round, PeriodState yearFigures, IReadOnlyList<(string Code, string State)> notApproved)
    {
        if (round != EvaluationRoundState.Open)
            throw new WorkflowException($"{rocYear} 年度自評目前為「{Label(round)}」，只有自評中的評核可以定案。");
        if (yearFigures != PeriodState.Published)
            throw new WorkflowException($"{rocYear} 年年度（Y）數值目前為「{Workflow.Label(yearFigures)}」，須重新發布後才能定案自評。");
        if (notApproved.Count == 0)
            return;
        var byState = notApproved.GroupBy(x => x.State).Select(g => g.Count() > 10
            ? (FormattableString)$"{g.Key} {g.Count()} 項（{Said.List(g.Take(10).Select(x => x.Code))} 等）"
            : $"{g.Key} {g.Count()} 項（{Said.List(g.Select(x => x.Code))}）");
        throw new WorkflowException($"尚有 {notApproved.Count} 項自評未核定，無法定案：{Said.List(byState, "；")}。");
    }

    /// <summary>A finalized evaluation reopens with a reason; its approved entries can then be returned and fixed.</summary>
    public static EvaluationRoundState Reopen(int rocYear, EvaluationRoundState? round, string? reason)
    {
        if (round != EvaluationRoundState.Finalized)
            throw new WorkflowException($"{rocYear} 年度自評目前為「{Label(round)}」，只有已定案的評核可以重新開放。");
        if (string.IsNullOrWhiteSpace(reason))
            throw new InvalidInputException("reason", $"重新開放已定案的自評須填寫「重新開放原因」。");
        return EvaluationRoundState.Open;
    }
}
