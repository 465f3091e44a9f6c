using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Values;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Reporting;

/// <summary>
/// The reporting cycle over HTTP. Every write needs a signed-in user (401); the use case checks the
/// role against the organisation the route names (403). Errors are problem details naming the field.
/// </summary>
public static class ReportingApi
{
    public sealed record OpenRequest(string? Deadline);
    public sealed record ReopenRequest(string? Reason, string? Deadline);
    public sealed record ReturnRequest(string? Comment);

    public static void MapReportingApi(this IEndpointRouteBuilder app)
    {
        var map = app.MapGroup("/api/maps/{organisation}/{rocYear:int}").WithTags("Reporting");
        var period = map.MapGroup("/periods/{valueRocYear:int}/{period}").RequireAuthorization().DisableAntiforgery();
        var value = map.MapGroup("/kpis/{code}/values/{valueRocYear:int}/{period}").RequireAuthorization().DisableAntiforgery();

        map.MapGet("/periods", async (string organisation, int rocYear, ReportingQueries queries, CancellationToken ct) =>
            TypedResults.Ok((await queries.PeriodsAsync(organisation, rocYear, ct)).Select(Shape)))
            .WithSummary("The map's reporting periods and their states (未開放 periods have no row).");

        period.MapPost("/open", async (string organisation, int rocYear, int valueRocYear, string period, OpenRequest? body, PeriodCommands commands, CancellationToken ct) =>
            TypedResults.Ok(Shape(await commands.OpenAsync(new(organisation, rocYear, valueRocYear, period), ParseDate(body?.Deadline), ct))))
            .WithSummary("Open a period for entry until a deadline: {\"deadline\": \"2018-07-15\"}.");
        period.MapPost("/close", async (string organisation, int rocYear, int valueRocYear, string period, PeriodCommands commands, CancellationToken ct) =>
            TypedResults.Ok(Shape(await commands.CloseAsync(new(organisation, rocYear, valueRocYear, period), ct))))
            .WithSummary("Close a period for entry (已截止).");
        period.MapPost("/publish", async (string organisation, int rocYear, int valueRocYear, string period, PeriodCommands commands, CancellationToken ct) =>
        {
            var (row, published) = await commands.PublishAsync(new(organisation, rocYear, valueRocYear, period), ct);
            return TypedResults.Ok(new { period = Shape(row), published });
        }).WithSummary("Publish a period: its approved figures become public.");
        period.MapPost("/reopen", async (string organisation, int rocYear, int valueRocYear, string period, ReopenRequest? body, PeriodCommands commands, CancellationToken ct) =>
            TypedResults.Ok(Shape(await commands.ReopenAsync(new(organisation, rocYear, valueRocYear, period), body?.Reason, ParseDate(body?.Deadline), ct))))
            .WithSummary("Reopen a published period, with a reason: {\"reason\": …}.");

        value.MapGet("/actual", async Task<Results<Ok<object>, NotFound<object>>> (string organisation, int rocYear, string code, int valueRocYear, string period, int? part,
            ReportingQueries queries, HttpResponse response, CancellationToken ct) =>
        {
            var s = await queries.SubmissionAsync(new(new(organisation, rocYear, valueRocYear, period), code, part), ct);
            if (s is null)
                return TypedResults.NotFound((object)new { title = "此期間尚未填報。" });
            response.Headers.ETag = SubmissionCommands.ETag(s);
            return TypedResults.Ok(Shape(s));
        }).WithSummary("The entered (unpublished) actual of a KPI for a period, with its state; for those who may enter or read it.");

        value.MapPut("/actual", async (string organisation, int rocYear, string code, int valueRocYear, string period, int? part,
            HttpRequest request, SubmissionCommands commands, CancellationToken ct) =>
        {
            var input = await ReadActualAsync(request, ct);
            var s = await commands.SaveAsync(new(new(organisation, rocYear, valueRocYear, period), code, part), input, IfMatch(request), ct);
            request.HttpContext.Response.Headers.ETag = SubmissionCommands.ETag(s);
            return TypedResults.Ok(Shape(s));
        }).Accepts<ActualInput>("application/json")
          .WithSummary("Enter a KPI's actual for a period as a draft: {\"value\": 12.5} or {\"status\": \"未統計\"}, with narrative, analysis (狀況分析), countermeasure (對策), note. Answers with an ETag; a stale If-Match gets 412.");

        value.MapPost("/submit", async (string organisation, int rocYear, string code, int valueRocYear, string period, int? part, HttpRequest request, SubmissionCommands commands, CancellationToken ct) =>
            Answer(request, await commands.SubmitAsync(new(new(organisation, rocYear, valueRocYear, period), code, part), IfMatch(request), ct)))
            .WithSummary("Submit the entered actual for review.");
        value.MapPost("/approve", async (string organisation, int rocYear, string code, int valueRocYear, string period, int? part, HttpRequest request, SubmissionCommands commands, CancellationToken ct) =>
            Answer(request, await commands.ApproveAsync(new(new(organisation, rocYear, valueRocYear, period), code, part), IfMatch(request), ct)))
            .WithSummary("Approve a submitted actual (研考).");
        value.MapPost("/return", async (string organisation, int rocYear, string code, int valueRocYear, string period, int? part, ReturnRequest? body, HttpRequest request, SubmissionCommands commands, CancellationToken ct) =>
            Answer(request, await commands.ReturnAsync(new(new(organisation, rocYear, valueRocYear, period), code, part), body?.Comment, IfMatch(request), ct)))
            .WithSummary("Return a submitted actual with a comment: {\"comment\": …}.");

        app.MapGet("/api/todo", async (ReportingQueries queries, Evaluations.EvaluationQueries evaluations, CancellationToken ct) =>
        {
            var todo = await queries.TodoAsync(ct);
            var (toAssess, assessmentsToReview) = await evaluations.TodoAsync(ct);
            return TypedResults.Ok(new
            {
                toEnter = todo.ToEnter.Select(t => new
                {
                    organisation = t.Organisation, planYear = t.PlanYear, year = RocYear.FromGregorian(t.Year), period = t.Period.ToString(),
                    kpi = t.Code, part = t.Part, name = t.Name, state = t.State is { } st ? Workflow.Format(st) : null,
                    deadline = t.Deadline, overdue = t.Overdue, comment = t.ReviewComment,
                }),
                toReview = todo.ToReview.Select(t => new
                {
                    organisation = t.Organisation, planYear = t.PlanYear, year = RocYear.FromGregorian(t.Year), period = t.Period.ToString(),
                    kpi = t.Code, part = t.Part, name = t.Name, submittedBy = t.SubmittedBy, deadline = t.Deadline, overdue = t.Overdue,
                }),
                toAssess = toAssess.Select(Shape),
                assessmentsToReview = assessmentsToReview.Select(Shape),
            });
        }).RequireAuthorization().WithTags("Reporting").WithSummary("我的待辦: KPIs to fill, fix or submit, submissions waiting for review, and year-end self-assessments to fill or review.");
    }

    static long? IfMatch(HttpRequest request) => SubmissionCommands.ParseIfMatch(request.Headers.IfMatch.ToString());

    static Ok<object> Answer(HttpRequest request, Submission s)
    {
        request.HttpContext.Response.Headers.ETag = SubmissionCommands.ETag(s);
        return TypedResults.Ok(Shape(s));
    }

    static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new InvalidInputException("deadline", $"截止日「{text}」不是日期（格式：2018-07-15）。");
    }

    /// <summary>The body of PUT …/actual.</summary>
    static async Task<ActualInput> ReadActualAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync(request, "{\"value\": 12.5}", ct);
        var number = body.Number("value", "實際值", "；無數字時請改填狀態（status）");
        Dictionary<string, decimal>? progress = null;
        if (body.Get("planProgress") is { } pp)
        {
            if (pp.ValueKind != JsonValueKind.Object)
                throw new InvalidInputException("planProgress", "planProgress 須為物件，如 {\"AC2.3.1\": 100}。");
            progress = [];
            foreach (var plan in pp.EnumerateObject())
                progress[plan.Name] = plan.Value.ValueKind == JsonValueKind.Number && plan.Value.TryGetDecimal(out var pv) ? pv
                    : throw new InvalidInputException("planProgress", $"行動方案 {plan.Name} 的進度 {plan.Value.GetRawText()} 不是數字（%）。");
        }
        List<string>? milestones = null;
        if (body.Get("milestones") is { } ms)
            milestones = ms.ValueKind == JsonValueKind.Array && ms.EnumerateArray().All(m => m.ValueKind == JsonValueKind.String)
                ? ms.EnumerateArray().Select(m => m.GetString()!).ToList()
                : throw new InvalidInputException("milestones", "milestones 須為已完成里程碑名稱的陣列。");
        return new ActualInput(number, body.Text("status"), body.Text("narrative"), body.Text("analysis"), body.Text("countermeasure"), body.Text("note"), progress, milestones);
    }

    static object Shape(Evaluations.AssessmentTodo t) => new
    {
        organisation = t.Organisation, planYear = t.PlanYear, year = RocYear.FromGregorian(t.Year), kpi = t.Code, name = t.Name,
        state = t.State, comment = t.ReviewComment, submittedBy = t.SubmittedBy,
    };

    static object Shape(ReportingPeriod p) => new
    {
        year = RocYear.FromGregorian(p.Year),
        period = p.Period.ToString(),
        state = Workflow.Format(p.State),
        stateLabel = Workflow.Label(p.State),
        deadline = p.Deadline,
        reopenReason = p.ReopenReason,
        publishedAt = p.PublishedAt,
        publishedBy = p.PublishedBy,
    };

    static object Shape(Submission s) => new
    {
        year = RocYear.FromGregorian(s.Year),
        period = s.Period.ToString(),
        state = Workflow.Format(s.State),
        stateLabel = Workflow.Label(s.State),
        value = s.Number,
        status = s.Status,
        planProgress = Scorecard.Domain.Scoring.CompositeInputs.Parse(s.Inputs)?.PlanProgress,
        milestones = Scorecard.Domain.Scoring.CompositeInputs.Parse(s.Inputs)?.MilestonesDone,
        narrative = s.Narrative,
        analysis = s.Analysis,
        countermeasure = s.Countermeasure,
        note = s.Note,
        reviewComment = s.ReviewComment,
        enteredBy = s.EnteredBy,
        enteredAt = s.EnteredAt,
        submittedBy = s.SubmittedBy,
        submittedAt = s.SubmittedAt,
        reviewedBy = s.ReviewedBy,
        reviewedAt = s.ReviewedAt,
        version = s.Version,
    };
}
