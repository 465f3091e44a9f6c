using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Values;
using Scorecard.Web.Features.Accounts;

namespace Scorecard.Web.Features.Reporting;

/// <summary>
/// Open, close, publish and reopen a reporting period (研考). Publishing copies every approved
/// submission's figure into the KPI's published values, in the same save as the period's new state.
/// </summary>
public sealed class PeriodCommands(ScorecardDb db, CurrentUser user, TimeProvider clock)
{
    public async Task<ReportingPeriod> OpenAsync(PeriodRef at, DateOnly? deadline, CancellationToken ct = default)
    {
        var (scope, row) = await StartAsync(at, PeriodAction.Open, null, ct);
        if (deadline is null)
            throw new InvalidInputException("deadline", $"開放填報須指定截止日（deadline，例如 2018-07-15）。");
        row.Deadline = deadline;
        return await SaveAsync(row, ct);
    }

    public async Task<ReportingPeriod> CloseAsync(PeriodRef at, CancellationToken ct = default)
    {
        var (scope, row) = await StartAsync(at, PeriodAction.Close, null, ct);
        return await SaveAsync(row, ct);
    }

    public async Task<ReportingPeriod> ReopenAsync(PeriodRef at, string? reason, DateOnly? deadline, CancellationToken ct = default)
    {
        var (scope, row) = await StartAsync(at, PeriodAction.Reopen, reason, ct);
        row.ReopenReason = reason!.Trim();
        if (deadline is not null) row.Deadline = deadline;
        return await SaveAsync(row, ct);
    }

    /// <summary>Publishes the period: its approved figures become the published values everyone sees.</summary>
    public async Task<(ReportingPeriod Period, int Published)> PublishAsync(PeriodRef at, CancellationToken ct = default)
    {
        var (scope, row) = await StartAsync(at, PeriodAction.Publish, null, ct);
        var kpis = scope.Map.Kpis.ToDictionary(k => k.Id);
        var approved = await db.Submissions
            .Where(s => kpis.Keys.Contains(s.KpiId) && s.Year == scope.Year && s.Period == scope.Period && s.State == SubmissionState.Approved)
            .ToListAsync(ct);
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
            value.Raw = s.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? s.Status;
            value.Note = s.Note;
            s.State = SubmissionState.Published;
        }
        row.PublishedAt = clock.GetUtcNow().UtcDateTime;
        row.PublishedBy = user.Name;
        return (await SaveAsync(row, ct), approved.Count);
    }

    async Task<(ReportingMap, ReportingPeriod)> StartAsync(PeriodRef at, PeriodAction action, string? reason, CancellationToken ct)
    {
        var scope = await ReportingMap.LoadAsync(db, at, ct);
        await user.RequireAsync(Permission.ManagePeriods, scope.Map.OrganisationId, $"管理「{scope.Map.Organisation.Name}」的填報期間", ct);
        var row = scope.Row;
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
