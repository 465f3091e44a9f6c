using Microsoft.AspNetCore.Http.HttpResults;
using Scorecard.Domain.Common;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Values;
using Scorecard.Web.Features.Reporting;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Evaluations;

/// <summary>
/// The year-end evaluation over HTTP, under the map and the year evaluated:
/// /api/maps/{organisation}/{rocYear}/evaluation/{valueRocYear}. Everything needs a signed-in user;
/// the use case checks the role (403) and the state (409), and names the field of bad input (422).
/// </summary>
public static class EvaluationApi
{
    public sealed record ReopenRequest(string? Reason);
    public sealed record ReturnRequest(string? Comment);

    public static void MapEvaluationApi(this IEndpointRouteBuilder app)
    {
        var year = app.MapGroup("/api/maps/{organisation}/{rocYear:int}/evaluation/{valueRocYear:int}")
            .RequireAuthorization().DisableAntiforgery().WithTags("Evaluation")
            .Problems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        var kpi = year.MapGroup("/kpis/{code}");

        year.MapGet("", async (string organisation, int rocYear, int valueRocYear, EvaluationQueries queries, CancellationToken ct) =>
            TypedResults.Ok(Shape(await queries.SheetAsync(new(organisation, rocYear, valueRocYear), ct))))
            .WithName("getEvaluation").WithSummary("年度自評 of a year").WithDescription("年度自評: the evaluation's state and every KPI the user may see, with its year, self-assessment, total and light.");

        year.MapPost("/open", async (string organisation, int rocYear, int valueRocYear, EvaluationCommands commands, CancellationToken ct) =>
        {
            var (round, kpis) = await commands.OpenAsync(new(organisation, rocYear, valueRocYear), ct);
            return TypedResults.Ok(new EvaluationOpened(Shape(round), kpis));
        }).WithName("openEvaluation").WithSummary("Open the year-end evaluation").WithDescription("Open the year-end evaluation (研考), once the year's figures (Y) are published.");
        year.MapPost("/finalize", async (string organisation, int rocYear, int valueRocYear, EvaluationCommands commands, CancellationToken ct) =>
        {
            var (round, results) = await commands.FinalizeAsync(new(organisation, rocYear, valueRocYear), ct);
            return TypedResults.Ok(new EvaluationFinalized(Shape(round), results));
        }).WithName("finalizeEvaluation").WithSummary("Finalize the year-end evaluation").WithDescription("Finalize: every approved self-assessment becomes the year's published result. 409 while a self-assessment is not approved.");
        year.MapPost("/reopen", async (string organisation, int rocYear, int valueRocYear, ReopenRequest? body, EvaluationCommands commands, CancellationToken ct) =>
            TypedResults.Ok(Shape(await commands.ReopenAsync(new(organisation, rocYear, valueRocYear), body?.Reason, ct))))
            .WithName("reopenEvaluation").WithSummary("Reopen a finalized evaluation").WithDescription("Reopen a finalized evaluation, with a reason: {\"reason\": …}. The results stay published until it is finalized again.");

        // On the group itself, not as "" under /kpis/{code}: that would be the route /kpis/{code}/.
        year.MapPut("/kpis/{code}", async (string organisation, int rocYear, int valueRocYear, string code, HttpRequest request, EvaluationCommands commands, CancellationToken ct) =>
            Answer(request, await commands.SaveAsync(new(organisation, rocYear, valueRocYear), code, await ReadAsync(request, ct), IfMatch(request), ct)))
            .Accepts<AssessmentInput>("application/json")
            .ChecksIfMatch().WithName("saveSelfAssessment").WithSummary("Enter a KPI's self-assessment").WithDescription("Enter a KPI's self-assessment as a draft: innovation, challenge, contribution (0–100), their narratives, situationAnalysis and countermeasures (arrays of lines). Replaces what was entered; a stale If-Match gets 412.");
        kpi.MapPost("/submit", async (string organisation, int rocYear, int valueRocYear, string code, HttpRequest request, EvaluationCommands commands, CancellationToken ct) =>
            Answer(request, await commands.SubmitAsync(new(organisation, rocYear, valueRocYear), code, IfMatch(request), ct)))
            .ChecksIfMatch().WithName("submitSelfAssessment").WithSummary("Submit a self-assessment").WithDescription("Submit the self-assessment for review: needs the three scores with narratives, and for a missed KPI 狀況分析 and 對策.");
        kpi.MapPost("/approve", async (string organisation, int rocYear, int valueRocYear, string code, HttpRequest request, EvaluationCommands commands, CancellationToken ct) =>
            Answer(request, await commands.ApproveAsync(new(organisation, rocYear, valueRocYear), code, IfMatch(request), ct)))
            .ChecksIfMatch().WithName("approveSelfAssessment").WithSummary("Approve a self-assessment").WithDescription("Approve a submitted self-assessment (研考). A stale If-Match gets 412.");
        kpi.MapPost("/return", async (string organisation, int rocYear, int valueRocYear, string code, ReturnRequest? body, HttpRequest request, EvaluationCommands commands, CancellationToken ct) =>
            Answer(request, await commands.ReturnAsync(new(organisation, rocYear, valueRocYear), code, body?.Comment, IfMatch(request), ct)))
            .ChecksIfMatch().WithName("returnSelfAssessment").WithSummary("Return a self-assessment").WithDescription("Return a submitted self-assessment to its owner with a comment: {\"comment\": …}. A stale If-Match gets 412.");
    }

    static long? IfMatch(HttpRequest request) => EntityTags.IfMatch(request);

    static Ok<AssessmentAnswer> Answer(HttpRequest request, SelfAssessmentEntry e)
    {
        EntityTags.Tag(request.HttpContext.Response, e.Version);
        return TypedResults.Ok(Shape(e));
    }

    static async Task<AssessmentInput> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, "{\"innovation\": 85}", ct);
        return new AssessmentInput(
            body.Number("innovation", "創新度"), body.Number("challenge", "挑戰度"), body.Number("contribution", "貢獻度"),
            body.Text("innovationNarrative"), body.Text("challengeNarrative"), body.Text("contributionNarrative"),
            body.Lines("situationAnalysis"), body.Lines("countermeasures"));
    }

    static EvaluationAnswer Shape(EvaluationRound r) => new(
        RocYear.FromGregorian(r.Year), EvaluationWorkflow.Format(r.State), EvaluationWorkflow.Label(r.State),
        r.OpenedBy, r.OpenedAt, r.FinalizedBy, r.FinalizedAt, r.ReopenReason);

    static AssessmentAnswer Shape(SelfAssessmentEntry e) => new(
        RocYear.FromGregorian(e.Year), Workflow.Format(e.State), e.StateLabel, e.Innovation, e.Challenge, e.Contribution,
        e.InnovationNarrative, e.ChallengeNarrative, e.ContributionNarrative, e.SituationAnalysis, e.Countermeasures, e.ReviewComment,
        e.EnteredBy, e.EnteredAt, e.SubmittedBy, e.SubmittedAt, e.ReviewedBy, e.ReviewedAt, e.Version);

    static AssessmentSheetAnswer Shape(AssessmentSheet sheet) => new(
        sheet.Scope.RocYear, EvaluationWorkflow.Format(sheet.Scope.Round?.State), EvaluationWorkflow.Label(sheet.Scope.Round?.State),
        Workflow.Format(sheet.Scope.YearFigures), sheet.Scope.Round?.ReopenReason, sheet.Progress.Select(p => Said.Chinese(p.Text)).ToList(),
        sheet.Rows.Select(r => new AssessmentSheetRow(
            r.Kpi.Code, r.Kpi.Name, r.Owners,
            r.Result.Target is { } t ? ValueWords.Of(t) : null, r.Result.Actual is { } a ? ValueWords.Of(a) : null,
            r.Result.Achievement, r.Result.Achieved, r.Result.Rule, r.Result.Reason, r.Total.Total, r.Total.Light.ToString(),
            r.CanEnter, r.Entry is { } e ? Shape(e) : null)).ToList());
}

/// <summary>A year-end evaluation: the year (ROC), its state (notOpen, open, finalized) with its label, who opened and finalized it when, and why it was last reopened.</summary>
public sealed record EvaluationAnswer(int Year, string State, string StateLabel, string? OpenedBy, DateTime? OpenedAt, string? FinalizedBy, DateTime? FinalizedAt, string? ReopenReason);

/// <summary>The evaluation opened, with how many KPIs it has.</summary>
public sealed record EvaluationOpened(EvaluationAnswer Evaluation, int Kpis);

/// <summary>The evaluation finalized, with how many results became published.</summary>
public sealed record EvaluationFinalized(EvaluationAnswer Evaluation, int Results);

/// <summary>A KPI's self-assessment: the three scores (0–100) with their narratives, 狀況分析 and 對策 (one line an item), the reviewer's comment, who entered, submitted and reviewed it when, and its version (the ETag).</summary>
public sealed record AssessmentAnswer(
    int Year, string State, string StateLabel, decimal? Innovation, decimal? Challenge, decimal? Contribution,
    string? InnovationNarrative, string? ChallengeNarrative, string? ContributionNarrative,
    IReadOnlyList<string>? SituationAnalysis, IReadOnlyList<string>? Countermeasures, string? ReviewComment,
    string? EnteredBy, DateTime? EnteredAt, string? SubmittedBy, DateTime? SubmittedAt, string? ReviewedBy, DateTime? ReviewedAt, long Version);

/// <summary>A KPI of the evaluation: the year's target and actual in words, achievement (%), whether achieved, the rule or reason, the self-assessment total and light, whether the user may enter it, and its entry.</summary>
public sealed record AssessmentSheetRow(
    string Code, string Name, string Owners, string? Target, string? Actual, decimal? Achievement, bool? Achieved, string? Rule, string? Reason,
    decimal? Total, string Light, bool CanEnter, AssessmentAnswer? Entry);

/// <summary>年度自評: the evaluation's state, the state of the year's figures (Y), the progress per organisation in words, and every KPI the user may see.</summary>
public sealed record AssessmentSheetAnswer(int Year, string State, string StateLabel, string YearFigures, string? ReopenReason, IReadOnlyList<string> Progress, IReadOnlyList<AssessmentSheetRow> Kpis);
