using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Scoring;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Features.Reporting;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Evaluations;

/// <summary>One KPI on the year-end evaluation sheet: its year, its owner's self-assessment, and the total and light they make.</summary>
public sealed record AssessmentRow(Kpi Kpi, string Owners, YearResult Result, SelfAssessmentEntry? Entry, SelfAssessmentResult Total, bool CanEnter);

/// <param name="CanManage">May open, finalize and reopen the evaluation (研考).</param>
/// <param name="CanReview">May approve and return self-assessments.</param>
public sealed record AssessmentSheet(EvaluationScope Scope, IReadOnlyList<AssessmentRow> Rows, bool CanManage, bool CanReview, IReadOnlyList<OrganisationProgress> Progress);

/// <summary>A KPI's self-assessment on someone's todo list.</summary>
public sealed record AssessmentTodo(string Organisation, int PlanYear, int Year, string Code, string Name, string State, string? ReviewComment, string? SubmittedBy);

public sealed class EvaluationQueries(ScorecardDb db, CurrentUser user)
{
    /// <summary>我的待辦 of open evaluations: self-assessments to fill, fix or submit (the owner's) and to review (the planner's).</summary>
    public async Task<(IReadOnlyList<AssessmentTodo> ToAssess, IReadOnlyList<AssessmentTodo> ToReview)> TodoAsync(CancellationToken ct = default)
    {
        if (!user.IsSignedIn) throw new NotSignedInException();
        var rounds = await db.EvaluationRounds.AsNoTracking().Where(r => r.State == EvaluationRoundState.Open)
            .Join(db.Maps.Include(m => m.Organisation), r => r.MapId, m => m.Id, (r, m) => new { r.Year, Map = m }).ToListAsync(ct);
        // Every open evaluation's KPIs and entries in two reads, not two a map.
        var mapIds = rounds.Select(r => r.Map.Id).ToList();
        var kpis = (await db.Kpis.AsNoTracking().Include(k => k.OwnerLinks).Where(k => mapIds.Contains(k.MapId) && k.ParentId == null).ToListAsync(ct))
            .ToLookup(k => k.MapId);
        var kpiIds = kpis.SelectMany(g => g).Select(k => k.Id).ToList();
        var entries = (await db.SelfAssessmentEntries.AsNoTracking().Where(e => kpiIds.Contains(e.KpiId)).ToListAsync(ct))
            .ToDictionary(e => (e.KpiId, e.Year));
        var toAssess = new List<AssessmentTodo>();
        var toReview = new List<AssessmentTodo>();
        foreach (var round in rounds.OrderBy(r => r.Year).ThenBy(r => r.Map.Organisation.Name))
        {
            var reviews = await user.CanAsync(Permission.Review, round.Map.OrganisationId, ct);
            foreach (var kpi in kpis[round.Map.Id].OrderBy(k => k.Ordinal))
            {
                var entry = entries.GetValueOrDefault((kpi.Id, round.Year));
                var item = new AssessmentTodo(round.Map.Organisation.Name, round.Map.RocYear, round.Year, kpi.Code, kpi.Name,
                    entry?.StateLabel ?? "未填", entry?.ReviewComment, entry?.SubmittedBy);
                if (Workflow.WithOwner(entry?.State) && await user.CanAnyAsync(Permission.Enter, KpiOwner.EnteringFor(kpi, null), ct))
                    toAssess.Add(item);
                if (reviews && entry?.State == SubmissionState.Submitted)
                    toReview.Add(item);
            }
        }
        return (toAssess, toReview);
    }

    /// <summary>
    /// The year's KPIs the user may self-assess (their organisation's), or all of them for a planner or a
    /// reader of unpublished figures, with progress per owning organisation. Entries are not public.
    /// </summary>
    public async Task<AssessmentSheet> SheetAsync(EvaluationRef at, CancellationToken ct = default)
    {
        if (!user.IsSignedIn) throw new NotSignedInException();
        var scope = await EvaluationScope.LoadAsync(db, at, ct);
        var map = scope.Map;
        await user.RequireMaySeeAsync(map, ct);
        var canReadAll = await user.CanAsync(Permission.ReadUnpublished, map.OrganisationId, ct);
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        var rows = new List<AssessmentRow>();
        foreach (var kpi in scope.Kpis)
        {
            var owners = scope.Reporting.Owners(kpi);
            var canEnter = await user.CanAnyAsync(Permission.Enter, owners, ct);
            if (!canEnter && !canReadAll) continue;
            var result = scope.Result(kpi);
            var entry = scope.Entries.GetValueOrDefault(kpi.Id);
            var total = SelfAssessment.Total(scope.Scoring.Rules, result.Achievement, entry?.Innovation, entry?.Challenge, entry?.Contribution);
            var names = owners.Select(id => organisations.TryGetValue(id, out var o) ? ReportingQueries.ShortName(o) : "").Where(n => n.Length > 0);
            rows.Add(new AssessmentRow(kpi, string.Join("、", names), result, entry, total, canEnter));
        }
        var progress = OrganisationProgress.Of(rows, r => scope.Reporting.Owners(r.Kpi), r => r.Entry?.StateLabel ?? "未填", organisations);
        return new AssessmentSheet(scope, rows,
            await user.CanAsync(Permission.ManagePeriods, map.OrganisationId, ct),
            await user.CanAsync(Permission.Review, map.OrganisationId, ct),
            progress);
    }
}
