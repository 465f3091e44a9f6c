using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Values;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Reporting;

/// <summary>
/// Open, close, publish and reopen a reporting period (研考), and publish what was approved after it was published.
/// Publishing copies every approved submission's figure into the KPI's published values, in the same save as the
/// period's new state: the audit then holds, under the planner's name and the same time, the period's 發布 and each
/// submission's 已核定 → 已發布 with the value it made public.
/// </summary>
public sealed class PeriodCommands(ScorecardDb db, CurrentUser user, TimeProvider clock)
{
    /// <summary>Today in the city, the day deadlines are read against: a deadline is a day in Taipei, whatever zone the server runs in.</summary>
    public DateOnly Today() => CityTime.Today(clock.GetUtcNow());

    /// <param name="confirmPast">The planner has seen that <paramref name="deadline"/> is already past and opens the period all the same.</param>
    public async Task<ReportingPeriod> OpenAsync(PeriodRef at, DateOnly? deadline, bool confirmPast = false, long? ifMatch = null, CancellationToken ct = default)
    {
        var (_, row) = await StartAsync(at, PeriodAction.Open, null, ifMatch, ct);
        if (deadline is not { } d)
            throw new InvalidInputException("deadline", $"開放填報須指定「截止日」（例如 2018-07-15）。");
        Workflow.CheckDeadline(d, Today(), confirmPast);
        row.Deadline = d;
        return await SaveAsync(row, ct);
    }

    public async Task<ReportingPeriod> CloseAsync(PeriodRef at, long? ifMatch = null, CancellationToken ct = default)
    {
        var (_, row) = await StartAsync(at, PeriodAction.Close, null, ifMatch, ct);
        return await SaveAsync(row, ct);
    }

    /// <param name="deadline">A new deadline, or null to keep the one the period had.</param>
    /// <param name="confirmPast">The planner has seen that the new <paramref name="deadline"/> is already past.</param>
    public async Task<ReportingPeriod> ReopenAsync(PeriodRef at, string? reason, DateOnly? deadline, bool confirmPast = false, long? ifMatch = null, CancellationToken ct = default)
    {
        var (_, row) = await StartAsync(at, PeriodAction.Reopen, reason, ifMatch, ct);
        if (deadline is { } d)
        {
            Workflow.CheckDeadline(d, Today(), confirmPast);
            row.Deadline = d;
        }
        row.ReopenReason = reason!.Trim();
        return await SaveAsync(row, ct);
    }

    /// <summary>Publishes the period: its approved figures become the published values everyone sees.</summary>
    /// <param name="confirmed">The planner has seen what publishing leaves out (the review page's preview, or the API's
    /// 422 naming it): without it a publish that leaves any entry out, or publishes nothing, is refused and changes nothing.</param>
    public Task<(ReportingPeriod Period, int Published)> PublishAsync(PeriodRef at, long? ifMatch = null, bool confirmed = false, CancellationToken ct = default) =>
        PublishAsync(at, PeriodAction.Publish, ifMatch, confirmed, ct);

    /// <summary>
    /// Publishes, in a period already published, the figures approved since (a returned one fixed and approved): they become
    /// public without reopening the period. Refused when there is none, so that nobody is told of a publish that did nothing.
    /// </summary>
    public Task<(ReportingPeriod Period, int Published)> PublishApprovedAsync(PeriodRef at, long? ifMatch = null, CancellationToken ct = default) =>
        PublishAsync(at, PeriodAction.PublishApproved, ifMatch, confirmed: true, ct);

    async Task<(ReportingPeriod Period, int Published)> PublishAsync(PeriodRef at, PeriodAction action, long? ifMatch, bool confirmed, CancellationToken ct)
    {
        var (scope, row) = await StartAsync(at, action, null, ifMatch, ct);
        var kpis = scope.Map.Kpis.ToDictionary(k => k.Id);
        var entries = await db.Submissions
            .Where(s => kpis.Keys.Contains(s.KpiId) && s.Year == scope.Year && s.Period == scope.Period)
            .ToListAsync(ct);
        if (!confirmed)
        {
            // Counted as the review page's preview counts: each entry of the map, a KPI or each part of a composite one.
            var states = entries.ToDictionary(s => s.KpiId, s => s.State);
            var preview = PublishPreview.Of(KpiOwner.Entries(scope.Map.Kpis.ToList())
                .Select(e => states.TryGetValue(e.Kpi.Id, out var state) ? state : (SubmissionState?)null));
            if (preview.LeftOut > 0 || preview.ToPublish == 0)
                throw new UnconfirmedPublishException(preview);
        }
        var approved = entries.Where(s => s.State == SubmissionState.Approved).ToList();
        if (approved.Count == 0 && action == PeriodAction.PublishApproved)
            throw new WorkflowException($"此期間沒有新核定的項目可發布：發布之後，尚無任何填報再經核定。");
        foreach (var s in approved)
        {
            var kpi = kpis[s.KpiId];
            var value = kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Actual && v.Year == s.Year && v.Period == s.Period);
            if (value is null)
            {
                value = new KpiValue { Kind = ValueKind.Actual, Year = s.Year, Period = s.Period, Ordinal = kpi.Values.Select(v => v.Ordinal).DefaultIfEmpty(-1).Max() + 1 };
                kpi.Values.Add(value);
            }
            value.Number = s.Number;
            value.Status = s.Status;
            value.Raw = s.Printed ?? s.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? s.Status;
            value.Note = s.Note;
            s.State = SubmissionState.Published;
        }
        // Who published last, and when; each publish of the period is in the audit with its own time and name.
        row.PublishedAt = clock.GetUtcNow().UtcDateTime;
        row.PublishedBy = user.Name;
        var saved = await SaveAsync(row, ct);
        Infrastructure.Observability.ProductMetrics.PeriodPublished();
        return (saved, approved.Count);
    }

    /// <param name="ifMatch">The period's version the planner acted on (the review page sends the one it showed); null not to check.
    /// A page left open while another planner published or reopened the period acts on nothing it did not see.</param>
    async Task<(ReportingMap, ReportingPeriod)> StartAsync(PeriodRef at, PeriodAction action, string? reason, long? ifMatch, CancellationToken ct)
    {
        var scope = await ReportingMap.LoadAsync(db, at, ct);
        await user.RequireAsync(Permission.ManagePeriods, scope.Map.OrganisationId, $"管理「{scope.Map.Organisation.Name}」的填報期間", ct);
        var row = scope.Row;
        if (ifMatch is { } expected && (row?.Version ?? SubmissionCommands.NotYetEntered) != expected)
            throw new StaleEditException($"此期間已由他人變更（目前為「{Workflow.Label(scope.State)}」），本次未變更；請重新載入後再操作。", row?.PublishedBy, row?.PublishedAt);
        if (row is null)
        {
            row = new ReportingPeriod { MapId = scope.Map.Id, Year = scope.Year, Period = scope.Period, State = PeriodState.NotOpen };
            db.ReportingPeriods.Add(row);
        }
        row.State = Workflow.Next(row.State, action, reason);
        return (scope, row);
    }

    async Task<ReportingPeriod> SaveAsync(ReportingPeriod row, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        return row;
    }
}
