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
            .RequireAuthorization().DisableAntiforgery().WithTags("Evaluation");
        var kpi = year.MapGroup("/kpis/{code}");

        year.MapGet("", async (string organisation, int rocYear, int valueRocYear, EvaluationQueries queries, CancellationToken ct) =>
            TypedResults.Ok(Shape(await queries.SheetAsync(new(organisation, rocYear, valueRocYear), ct))))
            .WithSummary("年度自評: the evaluation's state and every KPI the user may see, with its year, self-assessment, total and light.");

        year.MapPost("/open", async (string organisation, int rocYear, int valueRocYear, EvaluationCommands commands, CancellationToken ct) =>
        {
            var (round, kpis) = await commands.OpenAsync(new(organisation, rocYear, valueRocYear), ct);
            return TypedResults.Ok(new { evaluation = Shape(round), kpis });
        }).WithSummary("Open the year-end evaluation (研考), once the year's figures (Y) are published.");
        year.MapPost("/finalize", async (string organisation, int rocYear, int valueRocYear, EvaluationCommands commands, CancellationToken ct) =>
        {
            var (round, results) = await commands.FinalizeAsync(new(organisation, rocYear, valueRocYear), ct);
            return TypedResults.Ok(new { evaluation = Shape(round), results });
        }).WithSummary("Finalize: every approved self-assessment becomes the year's published result.");
        year.MapPost("/reopen", async (string organisation, int rocYear, int valueRocYear, ReopenRequest? body, EvaluationCommands commands, CancellationToken ct) =>
            TypedResults.Ok(Shape(await commands.ReopenAsync(new(organisation, rocYear, valueRocYear), body?.Reason, ct))))
            .WithSummary("Reopen a finalized evaluation, with a reason: {\"reason\": …}.");

        // On the group itself, not as "" under /kpis/{code}: that would be the route /kpis/{code}/.
        year.MapPut("/kpis/{code}", async (string organisation, int rocYear, int valueRocYear, string code, HttpRequest request, EvaluationCommands commands, CancellationToken ct) =>
            Answer(request, await commands.SaveAsync(new(organisation, rocYear, valueRocYear), code, await ReadAsync(request, ct), IfMatch(request), ct)))
            .Accepts<AssessmentInput>("application/json")
            .WithSummary("Enter a KPI's self-assessment as a draft: innovation, challenge, contribution (0–100), their narratives, situationAnalysis and countermeasures (arrays of lines). Replaces what was entered; a stale If-Match gets 412.");
        kpi.MapPost("/submit", async (string organisation, int rocYear, int valueRocYear, string code, HttpRequest request, EvaluationCommands commands, CancellationToken ct) =>
            Answer(request, await commands.SubmitAsync(new(organisation, rocYear, valueRocYear), code, IfMatch(request), ct)))
            .WithSummary("Submit the self-assessment for review: needs the three scores with narratives, and for a missed KPI 狀況分析 and 對策.");
        kpi.MapPost("/approve", async (string organisation, int rocYear, int valueRocYear, string code, HttpRequest request, EvaluationCommands commands, CancellationToken ct) =>
            Answer(request, await commands.ApproveAsync(new(organisation, rocYear, valueRocYear), code, IfMatch(request), ct)))
            .WithSummary("Approve a submitted self-assessment (研考).");
        kpi.MapPost("/return", async (string organisation, int rocYear, int valueRocYear, string code, ReturnRequest? body, HttpRequest request, EvaluationCommands commands, CancellationToken ct) =>
            Answer(request, await commands.ReturnAsync(new(organisation, rocYear, valueRocYear), code, body?.Comment, IfMatch(request), ct)))
            .WithSummary("Return a self-assessment with a comment: {\"comment\": …}.");
    }

    static long? IfMatch(HttpRequest request) => SubmissionCommands.ParseIfMatch(request.Headers.IfMatch.ToString());

    static object Answer(HttpRequest request, SelfAssessmentEntry e)
    {
        request.HttpContext.Response.Headers.ETag = EvaluationCommands.ETag(e);
        return Shape(e);
    }

    static async Task<AssessmentInput> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, "{\"innovation\": 85}", ct);
        return new AssessmentInput(
            body.Number("innovation", "創新度"), body.Number("challenge", "挑戰度"), body.Number("contribution", "貢獻度"),
            body.Text("innovationNarrative"), body.Text("challengeNarrative"), body.Text("contributionNarrative"),
            body.Lines("situationAnalysis"), body.Lines("countermeasures"));
    }

    static object Shape(EvaluationRound r) => new
    {
        year = RocYear.FromGregorian(r.Year),
        state = EvaluationWorkflow.Format(r.State),
        stateLabel = EvaluationWorkflow.Label(r.State),
        openedBy = r.OpenedBy, openedAt = r.OpenedAt,
        finalizedBy = r.FinalizedBy, finalizedAt = r.FinalizedAt,
        reopenReason = r.ReopenReason,
    };

    static object Shape(SelfAssessmentEntry e) => new
    {
        year = RocYear.FromGregorian(e.Year),
        state = Workflow.Format(e.State),
        stateLabel = e.StateLabel,
        innovation = e.Innovation, challenge = e.Challenge, contribution = e.Contribution,
        innovationNarrative = e.InnovationNarrative, challengeNarrative = e.ChallengeNarrative, contributionNarrative = e.ContributionNarrative,
        situationAnalysis = e.SituationAnalysis, countermeasures = e.Countermeasures,
        reviewComment = e.ReviewComment,
        enteredBy = e.EnteredBy, enteredAt = e.EnteredAt, submittedBy = e.SubmittedBy, submittedAt = e.SubmittedAt, reviewedBy = e.ReviewedBy, reviewedAt = e.ReviewedAt,
        version = e.Version,
    };

    static object Shape(AssessmentSheet sheet) => new
    {
        year = sheet.Scope.RocYear,
        state = EvaluationWorkflow.Format(sheet.Scope.Round?.State),
        stateLabel = EvaluationWorkflow.Label(sheet.Scope.Round?.State),
        yearFigures = Workflow.Format(sheet.Scope.YearFigures),
        reopenReason = sheet.Scope.Round?.ReopenReason,
        progress = sheet.Progress.Select(p => p.Text),
        kpis = sheet.Rows.Select(r => new
        {
            code = r.Kpi.Code,
            name = r.Kpi.Name,
            owners = r.Owners,
            target = r.Result.Target is { } t ? ValueWords.Of(t) : null,
            actual = r.Result.Actual is { } a ? ValueWords.Of(a) : null,
            achievement = r.Result.Achievement,
            achieved = r.Result.Achieved,
            rule = r.Result.Rule,
            reason = r.Result.Reason,
            total = r.Total.Total,
            light = r.Total.Light.ToString(),
            canEnter = r.CanEnter,
            entry = r.Entry is { } e ? Shape(e) : null,
        }),
    };
}
