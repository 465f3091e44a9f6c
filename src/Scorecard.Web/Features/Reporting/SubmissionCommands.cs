using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Scoring;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Infrastructure;
using Scorecard.Web.Infrastructure.Caching;

namespace Scorecard.Web.Features.Reporting;

/// <summary>
/// What a reporter enters for one KPI and period: a number or a status; for a KPI computed from
/// its action plans, each plan's progress in % instead of the number; for a milestone scheme, the milestones done.
/// </summary>
public sealed record ActualInput(decimal? Value, string? Status, string? Narrative, string? Analysis, string? Countermeasure, string? Note,
    IReadOnlyDictionary<string, decimal>? PlanProgress = null, IReadOnlyList<string>? Milestones = null);

/// <summary>A KPI (or one part of it) in one period, as the routes name it.</summary>
public sealed record KpiPeriodRef(PeriodRef Period, string Code, int? Part);

/// <summary>
/// One KPI's actual for one period: save a draft, submit (填報), approve or return (研考). The
/// submission's version is its ETag: a step based on a stale version is refused and changes nothing.
/// </summary>
public sealed class SubmissionCommands(ScorecardDb db, CachedReads reads, CurrentUser user, TimeProvider clock)
{
    // Submission steps only read the map (the one kept for everybody, ReportingMap.ReadAsync); they write submissions alone.

    public async Task<Submission> SaveAsync(KpiPeriodRef at, ActualInput input, long? ifMatch, CancellationToken ct = default)
    {
        var (scope, kpi, submission) = await StartAsync(at, Permission.Enter, ifMatch, ct);
        var next = Workflow.Next(submission?.State, scope.State, SubmissionAction.Save);
        var status = string.IsNullOrWhiteSpace(input.Status) ? null : input.Status.Trim();
        var (number, inputs) = Figure(scope, kpi, input, status);
        Workflow.CheckActual(number, status);
        if (submission is null)
        {
            submission = new Submission { KpiId = kpi.Id, Year = scope.Year, Period = scope.Period };
            db.Submissions.Add(submission);
        }
        submission.Number = number;
        submission.Status = status;
        submission.Inputs = inputs?.ToJson();
        submission.Narrative = Text(input.Narrative);
        submission.Analysis = Text(input.Analysis);
        submission.Countermeasure = Text(input.Countermeasure);
        submission.Note = Text(input.Note);
        submission.State = next;
        submission.EnteredBy = user.Name;
        submission.EnteredAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return submission;
    }

    /// <summary>
    /// The figure a save records: the number entered, or for a KPI computed from its plans' progress
    /// or its milestones, the figure those inputs make (PRODUCT rule 6). A status stands for either.
    /// </summary>
    static (decimal? Number, CompositeInputs? Inputs) Figure(ReportingMap scope, Kpi kpi, ActualInput input, string? status)
    {
        if (kpi.ComputedFrom is not { } from || status is not null)
            return (input.Value, null);
        var field = from == KpiComposition.ActionPlans ? "planProgress" : "milestones";
        if (input.Value is not null)
            throw new InvalidInputException("value", $"{kpi.Code} 的數值{Compositions.Label(from)}，請填寫 {field}，不直接填數值。");
        var inputs = new CompositeInputs(input.PlanProgress, input.Milestones);
        var result = inputs.Figure(kpi, scope.PlansOf(kpi));
        return result.Value is { } value ? (value, inputs) : throw new InvalidInputException(field, result.Why ?? (FormattableString)$"無法計算此 KPI 的數值。");
    }

    public async Task<Submission> SubmitAsync(KpiPeriodRef at, long? ifMatch, CancellationToken ct = default)
    {
        var (scope, kpi, submission) = await StartAsync(at, Permission.Enter, ifMatch, ct);
        var next = Workflow.Next(submission?.State, scope.State, SubmissionAction.Submit);
        Workflow.CheckExplanation(scope.Period, scope.Achieved(kpi, submission!.Number, submission.Status), submission.Analysis, submission.Countermeasure);
        submission.State = next;
        submission.SubmittedBy = user.Name;
        submission.SubmittedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return submission;
    }

    public async Task<Submission> ApproveAsync(KpiPeriodRef at, long? ifMatch, CancellationToken ct = default) =>
        await ReviewAsync(at, SubmissionAction.Approve, null, ifMatch, ct);

    public async Task<Submission> ReturnAsync(KpiPeriodRef at, string? comment, long? ifMatch, CancellationToken ct = default) =>
        await ReviewAsync(at, SubmissionAction.Return, comment, ifMatch, ct);

    async Task<Submission> ReviewAsync(KpiPeriodRef at, SubmissionAction action, string? comment, long? ifMatch, CancellationToken ct)
    {
        var (scope, _, submission) = await StartAsync(at, Permission.Review, ifMatch, ct);
        var next = Workflow.Next(submission?.State, scope.State, action, comment);   // refuses when nothing was entered
        submission!.State = next;
        submission.ReviewComment = action == SubmissionAction.Return ? comment!.Trim() : null;
        submission.ReviewedBy = user.Name;
        submission.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return submission;
    }

    /// <summary>Loads and checks, in the order a person would want to hear it: exists, allowed, not stale.</summary>
    async Task<(ReportingMap, Kpi, Submission?)> StartAsync(KpiPeriodRef at, Permission permission, long? ifMatch, CancellationToken ct)
    {
        var scope = await ReportingMap.ReadAsync(reads, at.Period, ct);
        var kpi = scope.Kpi(at.Code, at.Part);
        if (permission == Permission.Enter)
            await user.RequireAnyAsync(Permission.Enter, scope.Owners(kpi), $"填報 {kpi.Code}（主責：{Said.List(kpi.Owners.Count > 0 ? kpi.Owners : scope.ParentOf(kpi)?.Owners ?? [])}）", ct);
        else
            await user.RequireAsync(permission, scope.Map.OrganisationId, $"審核「{scope.Map.Organisation.Name}」的填報", ct);
        if (scope.HasParts(kpi))
            throw new WorkflowException($"{kpi.Code} 的數值由各分項計算，請填報各分項（part=1…）。");
        var submission = await db.Submissions.FirstOrDefaultAsync(s => s.KpiId == kpi.Id && s.Year == scope.Year && s.Period == scope.Period, ct);
        if (ifMatch is { } expected && (submission?.Version ?? NotYetEntered) != expected)
            throw Stale(submission);
        return (scope, kpi, submission);
    }

    static StaleEditException Stale(Submission? current)
    {
        if (current is null)
            return new StaleEditException($"此填報已不存在或尚未建立，請重新載入。", null, null);
        var (by, at) = current.LastChange();
        return new StaleEditException(
            $"此填報已由 {by ?? "他人"} 於 {at:yyyy-MM-dd HH:mm} (UTC) 修改（目前為「{Workflow.Label(current.State)}」，實際值 {current.Number?.ToString() ?? current.Status ?? "未填"}），請重新載入後再修改。",
            by, at);
    }

    static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The version to expect when no actual has been entered yet: a save with it creates one or is refused as stale.</summary>
    public const long NotYetEntered = -1;

    /// <summary>The ETag of a submission's version, as the API sends it.</summary>
    public static string ETag(Submission s) => $"\"{s.Version}\"";

    /// <summary>The version an If-Match header names; null when there is none or it is "*".</summary>
    public static long? ParseIfMatch(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
            return null;
        var text = header.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal)) text = text[2..];
        return long.TryParse(text.Trim('"'), out var v) ? v : -2;   // an unreadable tag matches nothing
    }
}
