using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Values;
using Scorecard.Web.Features.Language;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Reporting;

/// <summary>
/// The reporting cycle over HTTP. Every write needs a signed-in user (401); the use case checks the
/// role against the organisation the route names (403). Errors are problem details naming the field.
/// </summary>
public static class ReportingApi
{
    /// <param name="Confirm">True to open with a deadline already past (a period opened late on purpose); without it such a deadline is refused.</param>
    public sealed record OpenRequest(string? Deadline, bool? Confirm);
    /// <param name="Confirm">True to reopen with a new deadline already past.</param>
    public sealed record ReopenRequest(string? Reason, string? Deadline, bool? Confirm);
    public sealed record ReturnRequest(string? Comment);
    /// <param name="Confirm">True once the caller has seen what the publish leaves out (publish-preview, or the 422 that names it).</param>
    public sealed record PublishRequest(bool? Confirm);

    public static void MapReportingApi(this IEndpointRouteBuilder app)
    {
        var map = app.MapGroup("/api/maps/{organisation}/{rocYear:int}").WithTags("Reporting").Problems(StatusCodes.Status404NotFound);
        var period = map.MapGroup("/periods/{valueRocYear:int}/{period}").RequireAuthorization().DisableAntiforgery().Problems(Writes);
        var value = map.MapGroup("/kpis/{code}/values/{valueRocYear:int}/{period}").RequireAuthorization().DisableAntiforgery().Problems(Writes);

        map.MapGet("/periods", async (string organisation, int rocYear, ReportingQueries queries, CancellationToken ct) =>
        {
            var (periods, staff) = await queries.PeriodsAsync(organisation, rocYear, ct);
            // Who published and why a period was reopened are staff's: null for other readers.
            return TypedResults.Ok(periods.Select(Shape).Select(p => staff ? p : p with { ReopenReason = null, PublishedBy = null }));
        }).WithName("listPeriods").WithSummary("A map's reporting periods")
          .WithDescription("The map's reporting periods and their states (未開放 periods have no row). reopenReason and publishedBy only for those who may read the organisation's unpublished figures.");

        period.MapPost("/open", async (string organisation, int rocYear, int valueRocYear, string period, OpenRequest? body, HttpRequest request, PeriodCommands commands, CancellationToken ct) =>
            Answer(request, await commands.OpenAsync(new(organisation, rocYear, valueRocYear, period), ParseDate(body?.Deadline), body?.Confirm == true, IfMatch(request), ct)))
            .ChecksIfMatch().WithName("openPeriod").WithSummary("Open a period").WithDescription("Open a period for entry until a deadline: {\"deadline\": \"2018-07-15\"}. A deadline before today (in Taipei) is refused, 422 naming the field deadline, unless sent with \"confirm\": true.");
        period.MapPost("/close", async (string organisation, int rocYear, int valueRocYear, string period, HttpRequest request, PeriodCommands commands, CancellationToken ct) =>
            Answer(request, await commands.CloseAsync(new(organisation, rocYear, valueRocYear, period), IfMatch(request), ct)))
            .ChecksIfMatch().WithName("closePeriod").WithSummary("Close a period").WithDescription("Close a period for entry (已截止): reporters may no longer enter or submit; review goes on.");
        period.MapPost("/publish", async (string organisation, int rocYear, int valueRocYear, string period, PublishRequest? body, HttpRequest request, PeriodCommands commands, CancellationToken ct) =>
        {
            var (row, published) = await commands.PublishAsync(new(organisation, rocYear, valueRocYear, period), IfMatch(request), body?.Confirm == true, ct);
            return TypedResults.Ok(new PublishAnswer(Answer(request, row).Value!, published));
        }).ChecksIfMatch().WithName("publishPeriod").WithSummary("Publish a period").WithDescription("Publish a period: its approved figures become public; entries not approved stay unpublished. A publish that would leave any entry out (submitted, returned, a draft, never entered) or publish nothing is refused, 422 naming the field confirm with the sentence of publish-preview, and changes nothing, until sent with {\"confirm\": true}.");
        period.MapGet("/publish-preview", async (string organisation, int rocYear, int valueRocYear, string period, ReportingQueries queries, IStringLocalizer<Ui> t, CancellationToken ct) =>
        {
            var preview = await queries.PublishPreviewAsync(new(organisation, rocYear, valueRocYear, period), ct);
            return TypedResults.Ok(new PublishPreviewAnswer(preview.ToPublish, preview.Submitted, preview.Returned, preview.Drafts, preview.NotEntered, t.Say(preview.Text)));
        }).WithName("previewPublish").WithSummary("What publishing would do")
          .WithDescription("Before publishing: how many approved entries would become public, and how many would be left out (submitted and not approved, returned, drafts, never entered), with the sentence the review page shows. For those who manage the map's periods; once the period is published, toPublish counts the entries approved since.");
        period.MapPost("/publish-approved", async (string organisation, int rocYear, int valueRocYear, string period, HttpRequest request, PeriodCommands commands, CancellationToken ct) =>
        {
            var (row, published) = await commands.PublishApprovedAsync(new(organisation, rocYear, valueRocYear, period), IfMatch(request), ct);
            return TypedResults.Ok(new PublishAnswer(Answer(request, row).Value!, published));
        }).ChecksIfMatch().WithName("publishApproved").WithSummary("Publish figures approved after the publish")
          .WithDescription("In a period already published, publish the entries approved since (a returned figure fixed and approved), without reopening the period; 409 when there is none. Changing a figure already published still takes reopen, with a reason.");
        period.MapPost("/reopen", async (string organisation, int rocYear, int valueRocYear, string period, ReopenRequest? body, HttpRequest request, PeriodCommands commands, CancellationToken ct) =>
            Answer(request, await commands.ReopenAsync(new(organisation, rocYear, valueRocYear, period), body?.Reason, ParseDate(body?.Deadline), body?.Confirm == true, IfMatch(request), ct)))
            .ChecksIfMatch().WithName("reopenPeriod").WithSummary("Reopen a period").WithDescription("Reopen a published period to change its published figures, with a reason and optionally a new deadline: {\"reason\": …, \"deadline\": \"2018-08-01\"}; a new deadline before today needs \"confirm\": true. Figures approved after the publish need no reopening: see publish-approved.");

        value.MapGet("/actual", async Task<Ok<SubmissionAnswer>> (string organisation, int rocYear, string code, int valueRocYear, string period, int? part,
            ReportingQueries queries, HttpResponse response, CancellationToken ct) =>
        {
            var s = await queries.SubmissionAsync(new(new(organisation, rocYear, valueRocYear, period), code, part), ct);
            if (s is null)
                throw new NotFoundException($"此期間尚未填報。");
            EntityTags.Tag(response, s.Version);
            return TypedResults.Ok(Shape(s));
        }).WithName("getActual").WithSummary("An entered actual").WithDescription("The entered (unpublished) actual of a KPI for a period, with its state; for those who may enter or read it.");

        value.MapPut("/actual", async (string organisation, int rocYear, string code, int valueRocYear, string period, int? part,
            HttpRequest request, SubmissionCommands commands, CancellationToken ct) =>
        {
            var input = await ReadActualAsync(request, ct);
            // If-None-Match: * asks to create the entry only if nobody has yet: two reporters entering
            // a new figure at once get one winner and a 412, as with If-Match on a later edit.
            var expected = request.Headers.IfNoneMatch.ToString().Trim() == "*" ? SubmissionCommands.NotYetEntered : IfMatch(request);
            var s = await commands.SaveAsync(new(new(organisation, rocYear, valueRocYear, period), code, part), input, expected, ct);
            EntityTags.Tag(request.HttpContext.Response, s.Version);
            return TypedResults.Ok(Shape(s));
        }).Accepts<ActualInput>("application/json")
          .ChecksIfMatch().WithName("saveActual").WithSummary("Enter an actual").WithDescription("Enter a KPI's actual for a period as a draft: {\"value\": 12.5} or {\"status\": \"未統計\"}, with narrative, analysis (狀況分析), countermeasure (對策), note. Answers with an ETag; a stale If-Match gets 412, and so does If-None-Match: * when the actual was entered already. A value more than ten times, or less than a tenth of, the KPI's target, its previous period and its previous year (each that exists) is held: 422 naming the field value, with comparedWith, and nothing stored; send it again with \"confirm\": true to store it.");

        value.MapPost("/submit", async (string organisation, int rocYear, string code, int valueRocYear, string period, int? part, HttpRequest request, SubmissionCommands commands, CancellationToken ct) =>
            Answer(request, await commands.SubmitAsync(new(new(organisation, rocYear, valueRocYear, period), code, part), IfMatch(request), ct)))
            .ChecksIfMatch().WithName("submitActual").WithSummary("Submit an actual").WithDescription("Submit the entered actual for review (研考). A stale If-Match gets 412.");
        value.MapPost("/approve", async (string organisation, int rocYear, string code, int valueRocYear, string period, int? part, HttpRequest request, SubmissionCommands commands, CancellationToken ct) =>
            Answer(request, await commands.ApproveAsync(new(new(organisation, rocYear, valueRocYear, period), code, part), IfMatch(request), ct)))
            .ChecksIfMatch().WithName("approveActual").WithSummary("Approve an actual").WithDescription("Approve a submitted actual (研考); it becomes public when the period is published. A stale If-Match gets 412.");
        value.MapPost("/return", async (string organisation, int rocYear, string code, int valueRocYear, string period, int? part, ReturnRequest? body, HttpRequest request, SubmissionCommands commands, CancellationToken ct) =>
            Answer(request, await commands.ReturnAsync(new(new(organisation, rocYear, valueRocYear, period), code, part), body?.Comment, IfMatch(request), ct)))
            .ChecksIfMatch().WithName("returnActual").WithSummary("Return an actual").WithDescription("Return a submitted actual to its reporter with a comment: {\"comment\": …}. A stale If-Match gets 412.");

        app.MapGet("/api/todo", async (ReportingQueries queries, Evaluations.EvaluationQueries evaluations, CancellationToken ct) =>
        {
            var todo = await queries.TodoAsync(ct);
            var (toAssess, assessmentsToReview) = await evaluations.TodoAsync(ct);
            return TypedResults.Ok(new TodoAnswer(
                todo.ToEnter.Select(t => new EntryTodo(t.Organisation, t.PlanYear, RocYear.FromGregorian(t.Year), t.Period.ToString(), t.Code, t.Part, t.Name,
                    t.State is { } st ? Workflow.Format(st) : null, t.Deadline, t.Overdue, t.ReviewComment)).ToList(),
                todo.ToReview.Select(t => new ReviewTodo(t.Organisation, t.PlanYear, RocYear.FromGregorian(t.Year), t.Period.ToString(), t.Code, t.Part, t.Name,
                    t.SubmittedBy, t.Deadline, t.Overdue)).ToList(),
                toAssess.Select(Shape).ToList(),
                assessmentsToReview.Select(Shape).ToList()));
        }).RequireAuthorization().WithTags("Reporting").Problems(StatusCodes.Status401Unauthorized).WithName("getTodo").WithSummary("我的待辦").WithDescription("我的待辦: KPIs to fill, fix or submit, submissions waiting for review, and year-end self-assessments to fill or review.");
    }

    /// <summary>What a write of the cycle can answer besides success (404 comes with the map's group).</summary>
    static readonly int[] Writes = [StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity];

    static long? IfMatch(HttpRequest request) => EntityTags.IfMatch(request);

    static Ok<SubmissionAnswer> Answer(HttpRequest request, Submission s)
    {
        EntityTags.Tag(request.HttpContext.Response, s.Version);
        return TypedResults.Ok(Shape(s));
    }

    /// <summary>A period step's answer, with the period's version as its ETag: the next step's If-Match.</summary>
    static Ok<PeriodAnswer> Answer(HttpRequest request, ReportingPeriod row)
    {
        EntityTags.Tag(request.HttpContext.Response, row.Version);
        return TypedResults.Ok(Shape(row));
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
        // A figure sent as text keeps its words (「<0.2」, 「10 以下」) beside its number.
        string? typed = null;
        var number = body.Get("value") is { ValueKind: JsonValueKind.String } text
                     && TypedNumber.TryParseQualified(text.GetString(), "value", out var qualified, out typed) && Math.Abs(qualified) <= Scorecard.Interchange.Json.FileLimits.MaxNumber
            ? qualified
            : body.Number("value", "實際值", "；無數字時請改填狀態（status）");
        Dictionary<string, decimal>? progress = null;
        if (body.Get("planProgress") is { } pp)
        {
            if (pp.ValueKind != JsonValueKind.Object)
                throw new InvalidInputException("planProgress", $"planProgress 須為物件，如 {{\"AC2.3.1\": 100}}。");
            progress = [];
            foreach (var plan in pp.EnumerateObject())
                progress[plan.Name] = plan.Value.ValueKind == JsonValueKind.Number && plan.Value.TryGetDecimal(out var pv) ? pv
                    : throw new InvalidInputException("planProgress", $"行動方案 {plan.Name} 的進度 {plan.Value.GetRawText()} 不是數字（%）。");
        }
        List<string>? milestones = null;
        if (body.Get("milestones") is { } ms)
            milestones = ms.ValueKind == JsonValueKind.Array && ms.EnumerateArray().All(m => m.ValueKind == JsonValueKind.String)
                ? ms.EnumerateArray().Select(m => m.GetString()!).ToList()
                : throw new InvalidInputException("milestones", $"milestones 須為已完成里程碑名稱的陣列。");
        return new ActualInput(number, body.Text("status"), body.Text("narrative"), body.Text("analysis"), body.Text("countermeasure"), body.Text("note"), progress, milestones, body.Flag("confirm"), typed);
    }

    static AssessmentTodoAnswer Shape(Evaluations.AssessmentTodo t) =>
        new(t.Organisation, t.PlanYear, RocYear.FromGregorian(t.Year), t.Code, t.Name, t.State, t.ReviewComment, t.SubmittedBy);

    static PeriodAnswer Shape(ReportingPeriod p) => new(
        RocYear.FromGregorian(p.Year), p.Period.ToString(), Workflow.Format(p.State), Workflow.Label(p.State), p.Deadline,
        p.ReopenReason, p.PublishedAt, p.PublishedBy, p.Version);

    static SubmissionAnswer Shape(Submission s)
    {
        var inputs = Scorecard.Domain.Scoring.CompositeInputs.Parse(s.Inputs);
        return new(
            RocYear.FromGregorian(s.Year), s.Period.ToString(), Workflow.Format(s.State), Workflow.Label(s.State), s.Number, s.Status,
            inputs?.PlanProgress, inputs?.MilestonesDone, s.Narrative, s.Analysis, s.Countermeasure, s.Note, s.ReviewComment,
            s.EnteredBy, s.EnteredAt, s.SubmittedBy, s.SubmittedAt, s.ReviewedBy, s.ReviewedAt, s.Version, s.Printed);
    }
}

/// <summary>
/// A reporting period of a map: its year (ROC) and period (Q1–Q4, H1, H2, Y), state (open, closed, published) with its label,
/// deadline, who published it when, and its version: sent back in If-Match, a step acts only on the period as it was read.
/// </summary>
public sealed record PeriodAnswer(int Year, string Period, string State, string StateLabel, DateOnly? Deadline, string? ReopenReason, DateTime? PublishedAt, string? PublishedBy, long Version);

/// <summary>What publishing would do: entries to publish, entries left out by why, and the sentence saying so.</summary>
public sealed record PublishPreviewAnswer(int ToPublish, int Submitted, int Returned, int Drafts, int NotEntered, string Text);

/// <summary>The published period and how many approved figures became public.</summary>
public sealed record PublishAnswer(PeriodAnswer Period, int Published);

/// <summary>
/// An entered actual of a KPI for a period: its state (draft, submitted, returned, approved, published), the figure or a status
/// word (未統計 …), the plans' progress and milestones done of a computed KPI, the narrative, 狀況分析, 對策, note, the
/// reviewer's comment, who entered, submitted and reviewed it when, its version (the ETag), and the figure as typed where it was typed as text (「<0.2」).
/// </summary>
public sealed record SubmissionAnswer(
    int Year, string Period, string State, string StateLabel, decimal? Value, string? Status,
    IReadOnlyDictionary<string, decimal>? PlanProgress, IReadOnlyList<string>? Milestones,
    string? Narrative, string? Analysis, string? Countermeasure, string? Note, string? ReviewComment,
    string? EnteredBy, DateTime? EnteredAt, string? SubmittedBy, DateTime? SubmittedAt, string? ReviewedBy, DateTime? ReviewedAt, long Version,
    string? Printed = null);

/// <summary>A KPI (or part, 1-based) to fill, fix or submit for a period, with its state (null: nothing entered yet), deadline and the reviewer's comment.</summary>
public sealed record EntryTodo(string Organisation, int PlanYear, int Year, string Period, string Kpi, int? Part, string Name,
    string? State, DateOnly? Deadline, bool Overdue, string? Comment);

/// <summary>A submitted actual waiting for review.</summary>
public sealed record ReviewTodo(string Organisation, int PlanYear, int Year, string Period, string Kpi, int? Part, string Name,
    string? SubmittedBy, DateOnly? Deadline, bool Overdue);

/// <summary>A year-end self-assessment to fill or to review.</summary>
public sealed record AssessmentTodoAnswer(string Organisation, int PlanYear, int Year, string Kpi, string Name, string State, string? Comment, string? SubmittedBy);

/// <summary>我的待辦.</summary>
public sealed record TodoAnswer(IReadOnlyList<EntryTodo> ToEnter, IReadOnlyList<ReviewTodo> ToReview,
    IReadOnlyList<AssessmentTodoAnswer> ToAssess, IReadOnlyList<AssessmentTodoAnswer> AssessmentsToReview);
