using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Infrastructure;
using Scorecard.Web.Infrastructure.Caching;

namespace Scorecard.Web.Features.Reporting;

/// <summary>
/// What a reporter enters for one KPI and period: a number or a status; for a KPI computed from
/// its action plans, each plan's progress in % instead of the number; for a milestone scheme, the milestones done.
/// <see cref="Confirm"/> says the reporter has seen that the figure is far from the KPI's target and history and stands by it (<see cref="FarFigure"/>).
/// </summary>
/// <param name="Printed">The figure as typed, where it was typed as text (「&lt;0.2」, 「10 以下」): kept beside <paramref name="Value"/>.</param>
public sealed record ActualInput(decimal? Value, string? Status, string? Narrative, string? Analysis, string? Countermeasure, string? Note,
    IReadOnlyDictionary<string, decimal>? PlanProgress = null, IReadOnlyList<string>? Milestones = null, bool Confirm = false, string? Printed = null);

/// <summary>A reviewer's decision on one entry of a period (approve, or return with a comment), on the version the reviewer saw.</summary>
public sealed record ReviewDecision(string Code, int? Part, SubmissionAction Action, string? Comment, long? Version);

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
        // A typed figure far from everything the KPI holds waits for the reporter's word. A figure computed from plans'
        // progress or milestones is not typed, and one already stored was confirmed (or stood) before: saving the
        // sheet again for another row's sake does not ask again.
        if (input.Value is { } typed && kpi.ComputedFrom is null && status is null && !input.Confirm && typed != submission?.Number)
            FarFigure.Hold(typed, await ReferencesAsync(scope, kpi, ct), confirmed: false);
        if (submission is null)
        {
            submission = new Submission { KpiId = kpi.Id, Year = scope.Year, Period = scope.Period };
            db.Submissions.Add(submission);
        }
        submission.Number = number;
        // The typed text goes with a typed figure only: not with a status, nor with a figure computed from plans or milestones.
        submission.Printed = number is not null && kpi.ComputedFrom is null && status is null ? input.Printed : null;
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
        Infrastructure.Observability.ProductMetrics.EntrySaved();
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

    /// <summary>
    /// What an entered figure is compared with (<see cref="FarFigure"/>), each where the KPI holds a number for it:
    /// <list type="bullet">
    /// <item>the target: the period's, else the year's — the one the entry page shows beside the box;</item>
    /// <item>the previous period: the period before in the KPI's own cadence, as the entry page's 「前期」 column counts it
    /// (<see cref="ReportingQueries.Previous"/>): Q2 for Q3, and for Q1 last year's Q4 — not 「nothing」, since a first
    /// quarter typed a thousand times too large is as likely as any other; H1 for H2 and last year's H2 for H1;</item>
    /// <item>the previous year: the same period a year earlier (for a year's figure, the same as the previous period).</item>
    /// </list>
    /// An actual is the published figure, else the entry made for that period and not yet published (Q2 approved
    /// while Q3 is entered), else, for a KPI carried on from an earlier plan, the figure that plan holds for it (lineage).
    /// </summary>
    async Task<IReadOnlyList<Reference>> ReferencesAsync(ReportingMap scope, Kpi kpi, CancellationToken ct)
    {
        var parent = scope.ParentOf(kpi);
        var targets = kpi.Values.Count > 0 || parent is null ? kpi.Values : parent.Values;
        var target = (targets.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == scope.Year && v.Period == scope.Period)
            ?? targets.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == scope.Year && v.Period == Period.Y))?.Number;
        var (y1, p1) = ReportingQueries.Previous(scope.Year, scope.Period);
        var (y2, p2) = (scope.Year - 1, scope.Period);

        var entered = await db.Submissions.AsNoTracking()
            .Where(s => s.KpiId == kpi.Id && s.Number != null && ((s.Year == y1 && s.Period == p1) || (s.Year == y2 && s.Period == p2)))
            .Select(s => new { s.Year, s.Period, s.Number }).ToListAsync(ct);
        var earlier = parent is not null ? [] : await db.KpiValues.AsNoTracking()
            .Where(v => v.Kind == ValueKind.Actual && v.Number != null && ((v.Year == y1 && v.Period == p1) || (v.Year == y2 && v.Period == p2)))
            .Join(db.Kpis.Where(k => k.LineageId == kpi.LineageId && k.Id != kpi.Id && k.ParentId == null), v => v.KpiId, k => k.Id, (v, k) => new { v.Year, v.Period, v.Number, k.MapId })
            .Join(db.Maps.Where(m => !m.IsDraft), x => x.MapId, m => m.Id, (x, m) => new { x.Year, x.Period, x.Number, PlanYear = m.Year })
            .ToListAsync(ct);

        decimal? Actual(int year, Period period) =>
            kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Actual && v.Year == year && v.Period == period && v.Number is not null)?.Number
            ?? entered.FirstOrDefault(s => s.Year == year && s.Period == period)?.Number
            ?? earlier.Where(v => v.Year == year && v.Period == period).OrderByDescending(v => v.PlanYear).FirstOrDefault()?.Number;

        var references = new List<Reference>();
        if (target is { } t) references.Add(new Reference(Comparison.Target, t));
        if (Actual(y1, p1) is { } previous) references.Add(new Reference(Comparison.PreviousPeriod, previous));
        if ((y1, p1) != (y2, p2) && Actual(y2, p2) is { } lastYear) references.Add(new Reference(Comparison.PreviousYear, lastYear));
        return references;
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
        Infrastructure.Observability.ProductMetrics.EntrySubmitted();
        return submission;
    }

    public async Task<Submission> ApproveAsync(KpiPeriodRef at, long? ifMatch, CancellationToken ct = default) =>
        await ReviewAsync(at, SubmissionAction.Approve, null, ifMatch, ct);

    public async Task<Submission> ReturnAsync(KpiPeriodRef at, string? comment, long? ifMatch, CancellationToken ct = default) =>
        await ReviewAsync(at, SubmissionAction.Return, comment, ifMatch, ct);

    async Task<Submission> ReviewAsync(KpiPeriodRef at, SubmissionAction action, string? comment, long? ifMatch, CancellationToken ct)
    {
        var (scope, _, submission) = await StartAsync(at, Permission.Review, ifMatch, ct);
        Review(scope, submission, action, comment);
        await db.SaveChangesAsync(ct);
        return submission!;
    }

    /// <summary>
    /// The review page's decisions on one period, made together in one save: all or none. The map, the permission and the
    /// period's entries are read once, however many rows (a city's 全部核定 may approve hundreds). Each row refused is
    /// answered with its reason, keyed by code and part, and then nothing is saved.
    /// </summary>
    public async Task<(int Approved, int Returned, IReadOnlyDictionary<(string Code, int? Part), Exception> Refused)> ReviewAllAsync(
        PeriodRef at, IReadOnlyList<ReviewDecision> decisions, CancellationToken ct = default)
    {
        var scope = await ReportingMap.ReadAsync(reads, at, ct);
        await user.RequireAsync(Permission.Review, scope.Map.OrganisationId, $"審核「{scope.Map.Organisation.Name}」的填報", ct);
        var kpiIds = scope.Map.Kpis.Select(k => k.Id).ToList();
        var entries = await db.Submissions.Where(s => kpiIds.Contains(s.KpiId) && s.Year == scope.Year && s.Period == scope.Period)
            .ToDictionaryAsync(s => s.KpiId, ct);
        var refused = new Dictionary<(string, int?), Exception>();
        int approved = 0, returned = 0;
        foreach (var d in decisions)
        {
            try
            {
                var kpi = scope.Kpi(d.Code, d.Part);
                if (scope.HasParts(kpi))
                    throw new WorkflowException($"{kpi.Code} 的數值由各分項計算，請審核各分項。");
                var submission = entries.GetValueOrDefault(kpi.Id);
                if (d.Version is { } expected && (submission?.Version ?? NotYetEntered) != expected)
                    throw Stale(submission);
                Review(scope, submission, d.Action, d.Comment);
                if (d.Action == SubmissionAction.Approve) approved++; else returned++;
            }
            catch (Exception e) when (e is DomainException or StaleEditException)
            {
                refused[(d.Code, d.Part)] = e;
            }
        }
        if (refused.Count == 0)
            await db.SaveChangesAsync(ct);
        else
            db.ChangeTracker.Clear();
        return (approved, returned, refused);
    }

    void Review(ReportingMap scope, Submission? submission, SubmissionAction action, string? comment)
    {
        var next = Workflow.Next(submission?.State, scope.State, action, comment);   // refuses when nothing was entered
        submission!.State = next;
        submission.ReviewComment = action == SubmissionAction.Return ? comment!.Trim() : null;
        submission.ReviewedBy = user.Name;
        submission.ReviewedAt = clock.GetUtcNow().UtcDateTime;
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
            $"此填報已由 {by ?? "他人"} 於 {Said.Time(at)} 修改（目前為「{Workflow.Label(current.State)}」，實際值 {current.Number?.ToString() ?? current.Status ?? "未填"}），請重新載入後再修改。",
            by, at);
    }

    static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// Whether saving <paramref name="input"/> would change what is stored: the figure (or, for a composite KPI, the plans'
    /// progress or the milestones done that make it), the words it was typed with, the status and the texts, as a save would store them (trimmed,
    /// blank as nothing). The entry page saves only the rows this is true of: a sheet posted again changes, audits and
    /// refuses nothing for the rows left as they were.
    /// </summary>
    public static bool Changes(Submission? stored, ActualInput input)
    {
        var status = Text(input.Status);
        var composite = input.PlanProgress is { Count: > 0 } || input.Milestones is { Count: > 0 } ? new CompositeInputs(input.PlanProgress, input.Milestones) : null;
        if (stored is null)
            return input.Value is not null || status is not null || composite is not null
                || new[] { input.Narrative, input.Analysis, input.Countermeasure, input.Note }.Any(t => Text(t) is not null);
        var was = CompositeInputs.Parse(stored.Inputs);
        return status != stored.Status
            || (input.PlanProgress is null && input.Milestones is null ? input.Value != stored.Number : !Same(composite, was))
            // The same number typed with other words (「<18.5」 for 「≤18.5」); a plain number says nothing more than its figure.
            || PrintedText.Of(input.Value, input.Printed) != PrintedText.Of(stored.Number, stored.Printed)
            || Text(input.Narrative) != stored.Narrative || Text(input.Analysis) != stored.Analysis
            || Text(input.Countermeasure) != stored.Countermeasure || Text(input.Note) != stored.Note;
    }

    static bool Same(CompositeInputs? a, CompositeInputs? b)
    {
        IReadOnlyDictionary<string, decimal> progressA = a?.PlanProgress ?? new Dictionary<string, decimal>(), progressB = b?.PlanProgress ?? new Dictionary<string, decimal>();
        var doneA = (a?.MilestonesDone ?? []).ToHashSet();
        return progressA.Count == progressB.Count && progressA.All(p => progressB.TryGetValue(p.Key, out var v) && v == p.Value)
            && doneA.SetEquals(b?.MilestonesDone ?? []);
    }

    /// <summary>The version to expect when no actual has been entered yet: a save with it creates one or is refused as stale.</summary>
    public const long NotYetEntered = -1;

}
