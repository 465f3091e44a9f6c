using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Features.Reporting;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Evaluations;

/// <summary>What an owner enters for one KPI's year: the three scores with their narratives, and 狀況分析 and 對策 one item a line.</summary>
public sealed record AssessmentInput(
    decimal? Innovation, decimal? Challenge, decimal? Contribution,
    string? InnovationNarrative, string? ChallengeNarrative, string? ContributionNarrative,
    IReadOnlyList<string>? SituationAnalysis, IReadOnlyList<string>? Countermeasures);

/// <summary>
/// The year-end evaluation (年度自評): the planner opens it once the year's figures are published, each
/// owner self-assesses its KPIs (save, submit), the planner approves or returns them and finalizes, which
/// writes the year's results everyone reads. Every step is one save; an entry's version is its ETag.
/// </summary>
public sealed class EvaluationCommands(ScorecardDb db, CurrentUser user, TimeProvider clock)
{
    // The page saves many KPIs of one year in one request: load the map once.
    EvaluationScope? loaded;

    /// <summary>Opens the evaluation: an entry per KPI, carrying over what is already known (a document's scores, the year's 狀況分析 and 對策) so nothing is typed twice.</summary>
    public async Task<(EvaluationRound Round, int Kpis)> OpenAsync(EvaluationRef at, CancellationToken ct = default)
    {
        var scope = await ManageAsync(at, ct);
        EvaluationWorkflow.CheckOpen(at.ValueRocYear, scope.YearFigures, scope.Round?.State);
        var now = clock.GetUtcNow().UtcDateTime;
        var round = new EvaluationRound { MapId = scope.Map.Id, Year = scope.Year, State = EvaluationRoundState.Open, OpenedBy = user.Name, OpenedAt = now };
        db.EvaluationRounds.Add(round);
        var kpis = scope.Kpis.ToList();
        var kpiIds = kpis.Select(k => k.Id).ToList();
        var explanations = await db.Submissions.Where(s => kpiIds.Contains(s.KpiId) && s.Year == scope.Year && s.Period == Period.Y).ToDictionaryAsync(s => s.KpiId, ct);
        foreach (var kpi in kpis.Where(k => !scope.Entries.ContainsKey(k.Id)))
            scope.Add(db, kpi, explanations.GetValueOrDefault(kpi.Id));
        await db.SaveChangesAsync(ct);
        return (round, kpis.Count);
    }

    /// <summary>
    /// Finalizes: every approved self-assessment becomes the year's result (目標值, 達成值, 達成度, the scores,
    /// 加權平均 and 燈號 by the map's scoring settings), replacing a document's for the same KPI, in one save.
    /// </summary>
    public async Task<(EvaluationRound Round, int Results)> FinalizeAsync(EvaluationRef at, CancellationToken ct = default)
    {
        var scope = await ManageAsync(at, ct);
        var kpis = scope.Kpis.ToList();
        var notApproved = kpis.Select(k => (k.Code, Entry: scope.Entries.GetValueOrDefault(k.Id)))
            .Where(x => x.Entry?.State != SubmissionState.Approved)
            .Select(x => (x.Code, x.Entry?.StateLabel ?? "未填")).ToList();
        EvaluationWorkflow.CheckFinal(at.ValueRocYear, scope.Round?.State, scope.YearFigures, notApproved);
        var rules = scope.Scoring.Rules;
        foreach (var kpi in kpis)
        {
            var entry = scope.Entries[kpi.Id];
            var result = scope.Result(kpi);
            var total = SelfAssessment.Total(rules, result.Achievement, entry.Innovation, entry.Challenge, entry.Contribution);
            var evaluation = scope.Recorded(kpi);
            if (evaluation is null)
            {
                evaluation = new Evaluation { MapId = scope.Map.Id, KpiCode = kpi.Code, Year = scope.Year, Ordinal = scope.Map.Evaluations.Select(e => e.Ordinal).DefaultIfEmpty(-1).Max() + 1 };
                db.Evaluations.Add(evaluation);
                scope.Map.Evaluations.Add(evaluation);
            }
            evaluation.Target = result.Target?.Number;
            evaluation.Actual = result.Actual?.Number;
            evaluation.AchievementReported = result.Achievement;
            evaluation.AchievementReportedDecimals = result.Achievement is null ? null : scope.Reporting.SettingsOf(kpi).Decimals;
            evaluation.Innovation = entry.Innovation;
            evaluation.Challenge = entry.Challenge;
            evaluation.Contribution = entry.Contribution;
            evaluation.InnovationNarrative = entry.InnovationNarrative;
            evaluation.ChallengeNarrative = entry.ChallengeNarrative;
            evaluation.ContributionNarrative = entry.ContributionNarrative;
            evaluation.WeightedAverage = total.Total;
            evaluation.Light = total.Light.Label;
            evaluation.AchievedFlag = result.Achieved;
            evaluation.SituationAnalysis = entry.SituationAnalysis;
            evaluation.Countermeasures = entry.Countermeasures;
            // A document's raw texts and extraction notes describe the figures this replaces (the audit keeps them).
            evaluation.ExtraJson = null;
            evaluation.Notes = null;
            entry.State = SubmissionState.Published;
        }
        var round = scope.Round!;
        round.State = EvaluationRoundState.Finalized;
        round.FinalizedBy = user.Name;
        round.FinalizedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return (round, kpis.Count);
    }

    /// <summary>Reopens a finalized evaluation with a reason; the results stay as finalized until it is finalized again.</summary>
    public async Task<EvaluationRound> ReopenAsync(EvaluationRef at, string? reason, CancellationToken ct = default)
    {
        var scope = await ManageAsync(at, ct);
        var round = scope.Round;
        var state = EvaluationWorkflow.Reopen(at.ValueRocYear, round?.State, reason);
        round!.State = state;
        round.ReopenReason = reason!.Trim();
        foreach (var entry in scope.Entries.Values.Where(e => e.State == SubmissionState.Published))
            entry.State = SubmissionState.Approved;
        await db.SaveChangesAsync(ct);
        return round;
    }

    public async Task<SelfAssessmentEntry> SaveAsync(EvaluationRef at, string code, AssessmentInput input, long? ifMatch, CancellationToken ct = default)
    {
        var (scope, _, entry) = await StartAsync(at, code, Permission.Enter, ifMatch, ct);
        var next = EvaluationWorkflow.Next(entry.State, scope.Round?.State, SubmissionAction.Save);
        EvaluationWorkflow.CheckScore("innovation", "創新度", input.Innovation);
        EvaluationWorkflow.CheckScore("challenge", "挑戰度", input.Challenge);
        EvaluationWorkflow.CheckScore("contribution", "貢獻度", input.Contribution);
        entry.Innovation = input.Innovation;
        entry.Challenge = input.Challenge;
        entry.Contribution = input.Contribution;
        entry.InnovationNarrative = Text(input.InnovationNarrative);
        entry.ChallengeNarrative = Text(input.ChallengeNarrative);
        entry.ContributionNarrative = Text(input.ContributionNarrative);
        entry.SituationAnalysis = Items(input.SituationAnalysis);
        entry.Countermeasures = Items(input.Countermeasures);
        entry.State = next;
        entry.EnteredBy = user.Name;
        entry.EnteredAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return entry;
    }

    public async Task<SelfAssessmentEntry> SubmitAsync(EvaluationRef at, string code, long? ifMatch, CancellationToken ct = default)
    {
        var (scope, kpi, entry) = await StartAsync(at, code, Permission.Enter, ifMatch, ct);
        var next = EvaluationWorkflow.Next(entry.State, scope.Round?.State, SubmissionAction.Submit);
        EvaluationWorkflow.CheckComplete(entry, scope.Result(kpi).Achieved);
        entry.State = next;
        entry.SubmittedBy = user.Name;
        entry.SubmittedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return entry;
    }

    public Task<SelfAssessmentEntry> ApproveAsync(EvaluationRef at, string code, long? ifMatch, CancellationToken ct = default) =>
        ReviewAsync(at, code, SubmissionAction.Approve, null, ifMatch, ct);

    public Task<SelfAssessmentEntry> ReturnAsync(EvaluationRef at, string code, string? comment, long? ifMatch, CancellationToken ct = default) =>
        ReviewAsync(at, code, SubmissionAction.Return, comment, ifMatch, ct);

    async Task<SelfAssessmentEntry> ReviewAsync(EvaluationRef at, string code, SubmissionAction action, string? comment, long? ifMatch, CancellationToken ct)
    {
        var (scope, _, entry) = await StartAsync(at, code, Permission.Review, ifMatch, ct);
        entry.State = EvaluationWorkflow.Next(entry.State, scope.Round?.State, action, comment);
        entry.ReviewComment = action == SubmissionAction.Return ? comment!.Trim() : null;
        entry.ReviewedBy = user.Name;
        entry.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return entry;
    }

    // A refused step clears the change tracker (the page goes on with the next KPI): then the loaded map is stale and is read again.
    async Task<EvaluationScope> ScopeAsync(EvaluationRef at, CancellationToken ct) =>
        loaded is { } scope && scope.At == at && db.Entry(scope.Map).State != EntityState.Detached
            ? scope
            : loaded = await EvaluationScope.LoadAsync(db, at, ct);

    async Task<EvaluationScope> ManageAsync(EvaluationRef at, CancellationToken ct)
    {
        var scope = await ScopeAsync(at, ct);
        await user.RequireAsync(Permission.ManagePeriods, scope.Map.OrganisationId, $"管理「{scope.Map.Organisation.Name}」的年度自評", ct);
        return scope;
    }

    /// <summary>Loads and checks, in the order a person would want to hear it: exists, allowed, opened, not stale.</summary>
    async Task<(EvaluationScope, Kpi, SelfAssessmentEntry)> StartAsync(EvaluationRef at, string code, Permission permission, long? ifMatch, CancellationToken ct)
    {
        var scope = await ScopeAsync(at, ct);
        var kpi = scope.Kpi(code);
        if (permission == Permission.Enter)
            await user.RequireAnyAsync(Permission.Enter, scope.Reporting.Owners(kpi), $"填寫 {kpi.Code} 的自評（主責：{Said.List(kpi.Owners)}）", ct);
        else
            await user.RequireAsync(permission, scope.Map.OrganisationId, $"審核「{scope.Map.Organisation.Name}」的自評", ct);
        // A KPI added to the map while the evaluation is open gets its entry when first touched.
        var entry = scope.Entries.GetValueOrDefault(kpi.Id) ?? (scope.Round?.State == EvaluationRoundState.Open ? scope.Add(db, kpi, null)
            : throw new WorkflowException($"{kpi.Code} 沒有 {scope.RocYear} 年度的自評（目前為「{EvaluationWorkflow.Label(scope.Round?.State)}」）；請研考先開放年度自評。"));
        if (ifMatch is { } expected && entry.Version != expected)
        {
            var (by, when) = entry.LastChange();
            throw new StaleEditException(
                $"{kpi.Code} 的自評已由 {by ?? "他人"} 於 {Said.Time(when)} 修改（目前為「{entry.StateLabel}」），請重新載入後再修改。", by, when);
        }
        return (scope, kpi, entry);
    }

    static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    static List<string>? Items(IReadOnlyList<string>? lines) =>
        lines?.Select(l => l.Trim()).Where(l => l.Length > 0).ToList() is { Count: > 0 } items ? items : null;
}
