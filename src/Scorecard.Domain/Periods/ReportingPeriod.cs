using Scorecard.Domain.Common;
using Scorecard.Domain.Values;

namespace Scorecard.Domain.Periods;

/// <summary>未開放 → 填報中 → 已截止 → 已發布 (a published period may be reopened, with a reason).</summary>
public enum PeriodState { NotOpen, Open, Closed, Published }

/// <summary>
/// 填報期間: one map's window for entering one period's actuals (the city's 107 map, 107 Q2).
/// A period with no row is 未開放.
/// </summary>
public class ReportingPeriod : Entity
{
    public Guid MapId { get; set; }
    /// <summary>The Gregorian year the values are for.</summary>
    public int Year { get; set; }
    public Period Period { get; set; }
    public PeriodState State { get; set; }
    public DateOnly? Deadline { get; set; }
    /// <summary>Why it was last reopened after publication.</summary>
    public string? ReopenReason { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }

    /// <summary>Still open for entry after its deadline: what is not submitted by now is overdue.</summary>
    public bool IsPastDeadline(DateOnly today) => State == PeriodState.Open && Deadline is { } d && d < today;
}

/// <summary>草稿 → 已送出 → 已退回 (with the reviewer's comment) or 已核定 → 已發布.</summary>
public enum SubmissionState { Draft, Submitted, Returned, Approved, Published }

/// <summary>
/// 填報: one KPI's actual for one period as an agency entered it: a number or a status, the
/// 執行情形 narrative, and for a KPI not achieved, 狀況分析 and 對策. Publishing the period
/// copies an approved submission's figure into the KPI's published values.
/// </summary>
public class Submission : Entity, IReviewedEntry
{
    public Guid KpiId { get; set; }
    public int Year { get; set; }
    public Period Period { get; set; }
    public decimal? Number { get; set; }
    /// <summary>The figure as the reporter typed it (「&lt;0.2」, 「10 以下」, 「75.0%」): published as the value's printed text beside its number.</summary>
    public string? Printed { get; set; }
    public string? Status { get; set; }
    public string? Narrative { get; set; }
    public string? Analysis { get; set; }
    public string? Countermeasure { get; set; }
    public string? Note { get; set; }
    /// <summary>For a KPI computed from other inputs: the plans' progress and the milestones done, as JSON (<see cref="Scoring.CompositeInputs"/>).</summary>
    public string? Inputs { get; set; }
    public SubmissionState State { get; set; }
    public string? ReviewComment { get; set; }
    public string? EnteredBy { get; set; }
    public DateTime? EnteredAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedAt { get; set; }
}

/// <summary>An entry that goes through 填報 and 審核 (a period's actual, a year-end self-assessment): who touched it, and when.</summary>
public interface IReviewedEntry
{
    string? EnteredBy { get; }
    DateTime? EnteredAt { get; }
    string? SubmittedBy { get; }
    DateTime? SubmittedAt { get; }
    string? ReviewedBy { get; }
    DateTime? ReviewedAt { get; }
}

public static class ReviewedEntries
{
    /// <summary>Who changed it last and when: the latest of entering, submitting and reviewing.</summary>
    public static (string? By, DateTime? At) LastChange(this IReviewedEntry e) =>
        new[] { (By: e.EnteredBy, At: e.EnteredAt), (By: e.SubmittedBy, At: e.SubmittedAt), (By: e.ReviewedBy, At: e.ReviewedAt) }.MaxBy(x => x.At);
}
