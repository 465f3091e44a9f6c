using Scorecard.Domain.Common;
using Scorecard.Domain.Values;

namespace Scorecard.Domain.Periods;

/// <summary>
/// What a planner does to a period. <see cref="PublishApproved"/> publishes what was approved after the period was published
/// (a returned figure fixed and approved later) without reopening it.
/// </summary>
public enum PeriodAction { Open, Close, Publish, Reopen, PublishApproved }

public enum SubmissionAction { Save, Submit, Approve, Return }

/// <summary>
/// The reporting cycle's rules, pure: which step is allowed from which state, and why not.
/// Pages and the API call these and never decide for themselves.
/// </summary>
public static class Workflow
{
    public static string Label(PeriodState s) => s switch
    {
        PeriodState.NotOpen => "未開放",
        PeriodState.Open => "填報中",
        PeriodState.Closed => "已截止",
        _ => "已發布",
    };

    public static string Label(SubmissionState s) => s switch
    {
        SubmissionState.Draft => "草稿",
        SubmissionState.Submitted => "已送出",
        SubmissionState.Returned => "已退回",
        SubmissionState.Approved => "已核定",
        _ => "已發布",
    };

    /// <summary>Not yet submitted: nothing entered, a draft, or returned for correction. What a to-do list, an overdue count and a reminder count.</summary>
    public static bool WithOwner(SubmissionState? s) => s is null or SubmissionState.Draft or SubmissionState.Returned;

    /// <summary>The API's name for a state: draft, submitted, returned, approved, published.</summary>
    public static string Format(SubmissionState s) => s.ToString().ToLowerInvariant();

    public static string Format(PeriodState s) => s switch
    {
        PeriodState.NotOpen => "notOpen",
        _ => s.ToString().ToLowerInvariant(),
    };

    public static string Label(PeriodAction a) => a switch
    {
        PeriodAction.Open => "開放填報",
        PeriodAction.Close => "截止",
        PeriodAction.Publish => "發布",
        PeriodAction.PublishApproved => "發布新核定的項目",
        _ => "重新開放",
    };

    /// <summary>The actions a period's state allows, in the order a page offers them (the usual next step first).</summary>
    public static IReadOnlyList<PeriodAction> Allowed(PeriodState s) => s switch
    {
        PeriodState.NotOpen => [PeriodAction.Open],
        PeriodState.Open => [PeriodAction.Close, PeriodAction.Publish],
        PeriodState.Closed => [PeriodAction.Publish, PeriodAction.Open],
        _ => [PeriodAction.PublishApproved, PeriodAction.Reopen],
    };

    internal static string Label(SubmissionAction a) => a switch
    {
        SubmissionAction.Save => "修改",
        SubmissionAction.Submit => "送出",
        SubmissionAction.Approve => "核定",
        _ => "退回",
    };

    /// <summary>The state a period moves to, or a <see cref="WorkflowException"/> saying why it cannot and what can be done instead.</summary>
    public static PeriodState Next(PeriodState from, PeriodAction action, string? reason = null)
    {
        if (!Allowed(from).Contains(action))
        {
            FormattableString instead = (from, action) switch
            {
                // The trap of issue 34: a figure approved after the publish has its own way out, short of reopening.
                (PeriodState.Published, PeriodAction.Publish) =>
                    $"此期間已發布；發布後才核定的項目，請用「發布新核定的項目」發布，不必重新開放；要修改已發布的數值，才需要重新開放（須填寫原因）",
                (_, PeriodAction.Open) => $"只有未開放或已截止的期間可以開放填報",
                (_, PeriodAction.Close) => $"只有填報中的期間可以截止",
                (_, PeriodAction.Publish) => $"只有填報中或已截止的期間可以發布",
                (_, PeriodAction.PublishApproved) => $"只有已發布的期間可以發布新核定的項目；尚未發布的期間請直接發布",
                _ => $"只有已發布的期間可以重新開放",
            };
            throw new WorkflowException($"此期間目前為「{Label(from)}」，無法{Label(action)}：{instead}。");
        }
        if (action == PeriodAction.Reopen && string.IsNullOrWhiteSpace(reason))
            throw new InvalidInputException("reason", $"重新開放已發布的期間須填寫「重新開放原因」。");
        return action switch
        {
            PeriodAction.Open => PeriodState.Open,
            PeriodAction.Close => PeriodState.Closed,
            PeriodAction.Reopen => PeriodState.Open,
            _ => PeriodState.Published,
        };
    }

    /// <summary>
    /// A deadline already past when a period is opened (or reopened with a new one) makes every entry overdue the day it
    /// opens: most often a slip (last year's date, a date copied from the period before). It goes ahead only when the
    /// planner confirms it: a period opened late on purpose, to take figures that are already due.
    /// </summary>
    /// <param name="today">Today in the city (Asia/Taipei): the day a reporter would read the deadline against.</param>
    public static void CheckDeadline(DateOnly deadline, DateOnly today, bool confirmed)
    {
        if (deadline < today && !confirmed)
            throw new PastDeadlineException(deadline, today);
    }

    /// <summary>
    /// The state a submission moves to. <paramref name="current"/> is null when nothing was entered yet.
    /// Entry is possible while the period is 填報中, or for a returned submission.
    /// </summary>
    public static SubmissionState Next(SubmissionState? current, PeriodState period, SubmissionAction action, string? comment = null) =>
        Step(current, period == PeriodState.Open, $"此期間目前為「{Label(period)}」，不在填報中", action, comment);

    /// <summary>
    /// The steps of an entry (a period's actual, a year-end self-assessment): entered and submitted by its owner
    /// while the window is open (or once returned), approved or returned by the reviewer.
    /// </summary>
    /// <param name="windowClosed">Why the window is shut, to begin the refusal with.</param>
    internal static SubmissionState Step(SubmissionState? current, bool windowOpen, FormattableString windowClosed, SubmissionAction action, string? comment)
    {
        var shown = current is { } c ? Label(c) : "尚未填報";
        switch (action)
        {
            case SubmissionAction.Save or SubmissionAction.Submit:
                if (!windowOpen && current != SubmissionState.Returned)
                    throw new WorkflowException($"{windowClosed}，無法{Label(action)}。");
                if (current is SubmissionState.Submitted)
                    throw new WorkflowException($"此填報已送出，正等待審核，無法{Label(action)}；如需修改，請研考退回。");
                if (current is SubmissionState.Approved)
                    throw new WorkflowException($"此填報已核定，無法{Label(action)}；如需修改，請研考退回。");
                if (action == SubmissionAction.Submit && current is null or SubmissionState.Published)
                    throw new WorkflowException($"尚未填入本期數值，無法送出；請先填寫並儲存。");
                // A returned submission stays 已退回 while it is fixed, so it can be sent again after the deadline.
                if (action == SubmissionAction.Save)
                    return current == SubmissionState.Returned ? SubmissionState.Returned : SubmissionState.Draft;
                return SubmissionState.Submitted;
            case SubmissionAction.Approve:
                if (current != SubmissionState.Submitted)
                    throw new WorkflowException($"此填報目前為「{shown}」，只有已送出的填報可以核定。");
                return SubmissionState.Approved;
            default:
                if (current is not (SubmissionState.Submitted or SubmissionState.Approved))
                    throw new WorkflowException($"此填報目前為「{shown}」，只有已送出或已核定的填報可以退回。");
                if (string.IsNullOrWhiteSpace(comment))
                    throw new InvalidInputException("comment", $"退回時須填寫「退回意見」，讓填報機關知道要修正什麼。");
                return SubmissionState.Returned;
        }
    }

    /// <summary>
    /// Whether its owner may still change an entry: the rule <see cref="Step"/> applies to a save, asked before it is tried,
    /// so that a page shows a submitted, approved or published entry as it stands rather than as a form refused on save.
    /// </summary>
    public static bool MayEnter(SubmissionState? current, PeriodState period) =>
        (period == PeriodState.Open || current == SubmissionState.Returned) && current is not (SubmissionState.Submitted or SubmissionState.Approved);

    /// <summary>
    /// PRODUCT rule 8: a KPI missed at year end must carry 狀況分析 and 對策 before it is submitted. One refusal names
    /// every field missing, so that a reporter fixes both in one go rather than learning the second on the next try.
    /// <paramref name="achieved"/> is the period's verdict by the map's rule; null when it cannot be judged.
    /// </summary>
    public static void CheckExplanation(Period period, bool? achieved, string? analysis, string? countermeasure)
    {
        if (period != Period.Y || achieved != false)
            return;
        bool noAnalysis = string.IsNullOrWhiteSpace(analysis), noCountermeasure = string.IsNullOrWhiteSpace(countermeasure);
        if (noAnalysis && noCountermeasure)
            throw new MissingExplanationException(["analysis", "countermeasure"], $"本年度未達標，送出前須填寫狀況分析及對策。");
        if (noAnalysis)
            throw new MissingExplanationException(["analysis"], $"本年度未達標，送出前須填寫狀況分析。");
        if (noCountermeasure)
            throw new MissingExplanationException(["countermeasure"], $"本年度未達標，送出前須填寫對策。");
    }

    /// <summary>A figure or a status, not both missing; a status must be one the documents use.</summary>
    public static void CheckActual(decimal? number, string? status)
    {
        if (number is null && string.IsNullOrWhiteSpace(status))
            throw new InvalidInputException("value", $"請填入實際值（數字），或選擇狀態（如「未統計」、「尚無法統計」）。");
        if (number is not null && !string.IsNullOrWhiteSpace(status))
            throw new InvalidInputException("status", $"實際值與狀態只能擇一填寫。");
        if (status is not null && number is null && !ValueStatuses.Choices.Contains(status.Trim()))
            throw new InvalidInputException("status", $"狀態「{status}」不是可用的狀態：{Said.List(ValueStatuses.Choices)}。");
    }
}

/// <summary>
/// A deadline before today, held until the planner confirms it (<see cref="Workflow.CheckDeadline"/>): nothing is changed.
/// Names the date and today, each as the reader writes dates (「107/07/15」, 2018/07/15).
/// </summary>
public sealed class PastDeadlineException(DateOnly deadline, DateOnly today) : InvalidInputException("deadline",
    $"截止日 {Said.Year(RocYear.FromGregorian(deadline.Year))}/{deadline.Month:00}/{deadline.Day:00} 已經過了（今天是 {Said.Year(RocYear.FromGregorian(today.Year))}/{today.Month:00}/{today.Day:00}），開放後每一項都會立即逾期；如確定要開放，請勾選「截止日已過，仍要開放」。")
{
    public DateOnly Deadline { get; } = deadline;
    public DateOnly Today { get; } = today;
}

/// <summary>A missed year-end figure without its explanation: <see cref="Fields"/> names each one missing (the first is <see cref="InvalidInputException.Field"/>).</summary>
public sealed class MissingExplanationException(IReadOnlyList<string> fields, FormattableString message) : InvalidInputException(fields[0], message)
{
    public IReadOnlyList<string> Fields { get; } = fields;
}

/// <summary>
/// A publish that would leave entries out, or publish nothing, not yet confirmed: the review page shows what it would do
/// first (<see cref="PublishPreview"/>), and the API answers with the same sentence until sent with "confirm": true.
/// Nothing is changed.
/// </summary>
public sealed class UnconfirmedPublishException(PublishPreview preview) : InvalidInputException("confirm",
    $"{preview.Text}確定要發布，請再次送出並確認（\"confirm\": true）。")
{
    public PublishPreview Preview { get; } = preview;
}
