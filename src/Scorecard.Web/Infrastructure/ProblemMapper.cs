using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using System.Text.Json;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Interchange.Json;
using Scorecard.Web.Features.Language;

namespace Scorecard.Web.Infrastructure;

/// <summary>
/// The one place domain errors become RFC 7807 problem responses, in the reader's language (the
/// request's: Chinese unless it asks for English). Pages use <see cref="Describe"/> too, so a form
/// shows the words the API answers with.
/// </summary>
public sealed partial class ProblemMapper(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // The handler runs outside the middleware that chose the language; say it in the one chosen for the request.
        if (http.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>() is { } chosen)
            System.Globalization.CultureInfo.CurrentUICulture = chosen.RequestCulture.UICulture;
        // Kestrel's own "body too large" (a request without a declared length, read past the limit) names the limit in bytes, in English.
        if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            && http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit)
            exception = new TooLargeException(limit);
        // The form reader's own limits (FormOptions: 1,024 parts, key and value lengths) are an InvalidDataException, which was a 500.
        if (FormLimit(exception))
            exception = new UnreadableFormException();
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<Ui>>();
        var problem = Describe(exception, t);
        if (problem is null)
            return false;
        Observability.RefusedWrites.Log(http, problem.Status!.Value, exception);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            http.Response.Headers.RetryAfter = "5";
        if (exception is TooManyRequestsException many)
            http.Response.Headers.RetryAfter = many.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.StatusCode = problem.Status!.Value;
        // A browser asking for a page gets a page it can show, not JSON: the database down, a form post too large.
        if (PlainPage.Wanted(http.Request) && !http.Response.HasStarted)
        {
            await PlainPage.WriteAsync(http.Response, Message(problem, t), http.Request.Path + http.Request.QueryString, t["再試一次"], ct);
            return true;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The problem a failure is to staff; null for a failure that is a bug (it stays a 500).</summary>
    public static ProblemDetails? Describe(Exception exception, IStringLocalizer t) => exception switch
    {
        ImportException e => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = t["檔案無法匯入，資料未變更。"],
            Detail = t["{0}：{1}：{2}", e.File, t.Word(e.Location), t.Say(e.ReasonText)],
            Extensions = { ["file"] = e.File, ["location"] = e.Location, ["reason"] = t.Say(e.ReasonText) },
        },
        // Issue 33 §7: a figure far from the KPI's target and history, held until the reporter confirms it.
        Scorecard.Domain.Values.UnconfirmedFigureException e => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = t["數值待確認，未儲存；確認無誤請再送一次，並加上 confirm: true。"],
            Detail = t.Say(e.Text),
            Extensions =
            {
                ["field"] = e.Field,
                ["comparedWith"] = e.ComparedWith.Select(r => new { against = JsonNamingPolicy.CamelCase.ConvertName(r.Against.ToString()), value = r.Value, text = t.Say(r.Text) }).ToList(),
            },
        },
        // Issue 34: a deadline already past, held until the planner confirms it.
        Scorecard.Domain.Periods.PastDeadlineException e => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = t["截止日已過，未變更；確定要開放請再送一次，並加上 confirm: true。"],
            Detail = t.Say(e.Text),
            Extensions = { ["field"] = e.Field, ["deadline"] = e.Deadline, ["today"] = e.Today },
        },
        InvalidInputException e => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = t["填寫的內容有誤，未變更。"],
            Detail = t.Say(e.Text),
            Extensions = { ["field"] = e.Field },
        },
        WorkflowException e => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = t["目前的狀態不允許這個動作，未變更。"], Detail = t.Say(e.Text) },
        DomainException e => new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = t["資料不符規則，未變更。"], Detail = t.Say(e.Text) },
        NotSignedInException e => new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = t.Say(e.Text) },
        AccessDeniedException e => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = t["沒有權限，未變更。"], Detail = t.Say(e.Text) },
        NotFoundException e => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = t.Say(e.Text) },
        StaleEditException e => new ProblemDetails
        {
            Status = StatusCodes.Status412PreconditionFailed,
            Title = t["資料已被其他人修改，本次變更未儲存。"],
            Detail = t.Say(e.Text),
            Extensions = { ["changedBy"] = e.ChangedBy, ["changedAt"] = e.ChangedAt },
        },
        UnreadableBodyException e => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = t["請求的內容無法讀取，未變更。"],
            Detail = t["第 {0} 行：{1}", e.Line, t.Say(e.Reason)],
            Extensions = { ["field"] = "body", ["line"] = e.Line },
        },
        TooLargeException e => new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge, Title = t.Say(e.Text), Extensions = { ["limitBytes"] = e.LimitBytes } },
        TooManyRequestsException e => new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = t.Say(e.Text), Extensions = { ["retryAfter"] = e.RetryAfterSeconds } },
        BusyException e => new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = t.Say(e.Text) },
        UnreadableFormException e => new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = t.Say(e.Text), Extensions = { ["field"] = "body" } },
        _ when FormLimit(exception) => Describe(new UnreadableFormException(), t),
        BadHttpRequestException e => Unreadable(e, t),
        _ when WriteConflicts.IsConflict(exception) => Conflict(t),
        _ when DatabaseOutage.Is(exception) => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = t["資料庫暫時無法連線，未變更任何資料；請稍後再試。"],
        },
        _ => null,
    };

    /// <summary>
    /// A request the endpoint could not read (RouteHandlerOptions.ThrowOnBadRequest sends it here instead of an
    /// empty 400). The body is well-formed JSON by now (<see cref="JsonRequests"/>): what is left is a member of
    /// the wrong type, a body that is not an object or is missing, and a query parameter that does not read.
    /// The framework says each in English, told apart only by its message; each is said here in words.
    /// </summary>
    static ProblemDetails Unreadable(BadHttpRequestException e, IStringLocalizer t)
    {
        if (e.InnerException is System.Text.Json.JsonException { Path: { } path, InnerException: not System.Text.Json.JsonException })
        {
            if (path.StartsWith("$.", StringComparison.Ordinal) || path.StartsWith("$[", StringComparison.Ordinal))
            {
                var field = path[2..];
                return Invalid(field, t["欄位 {0} 的值型別不對（數字須寫成 40，不加引號；文字加引號；清單用 […]）。", field], t);
            }
            return Invalid("body", t["內容須為一個 JSON 物件。"], t);
        }
        if (BodyMissing().IsMatch(e.Message))
            return new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = t["無法讀取這個請求，未變更。"], Detail = t["這個動作須附上 JSON 物件的內容（Content-Type: application/json）。"], Extensions = { ["field"] = "body" } };
        if (ParameterUnreadable().Match(e.Message) is { Success: true } bad)
            return Invalid(bad.Groups["name"].Value, t["參數 {0} 的值「{1}」無法讀取（須為{2}）。", bad.Groups["name"].Value, bad.Groups["value"].Value, TypeWord(bad.Groups["type"].Value, t)], t);
        if (e.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return new ProblemDetails { Status = e.StatusCode, Title = EmptyRefusals.UnsupportedMediaType(t) };
        return new ProblemDetails { Status = e.StatusCode, Title = t["無法讀取這個請求，未變更。"] };
    }

    static ProblemDetails Invalid(string field, string detail, IStringLocalizer t) => new()
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = t["填寫的內容有誤，未變更。"],
        Detail = detail,
        Extensions = { ["field"] = field },
    };

    /// <summary>The parameter's type as the framework names it ("Nullable&lt;int&gt;"), in words.</summary>
    static string TypeWord(string type, IStringLocalizer t) => (type.StartsWith("Nullable<", StringComparison.Ordinal) ? type[9..^1] : type.TrimEnd('?')) switch
    {
        "int" or "long" or "Int32" or "Int64" => t["整數"],
        "decimal" or "double" or "Decimal" or "Double" => t["數字"],
        "bool" => t["true 或 false"],
        "DateOnly" or "DateTime" => t["日期"],
        _ => type,
    };

    [System.Text.RegularExpressions.GeneratedRegex("^(Implicit body inferred for parameter|Required parameter \"[^\"]+\" was not provided from body)")]
    private static partial System.Text.RegularExpressions.Regex BodyMissing();

    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"(?<type>[^\"]+) (?<name>\\w+)\" from \"(?<value>[^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex ParameterUnreadable();

    /// <summary>The form reader's refusal of a form beyond its limits ("Form value count limit 1024 exceeded.", "Multipart body length limit … exceeded.").</summary>
    static bool FormLimit(Exception exception) =>
        exception is InvalidDataException { Message: var m } && FormLimitMessage().IsMatch(m);

    [System.Text.RegularExpressions.GeneratedRegex("^(Form|Multipart) [a-z ]+ limit [0-9]+ exceeded")]
    private static partial System.Text.RegularExpressions.Regex FormLimitMessage();

    /// <summary>What a page shows: the detail where there is one, else the title.</summary>
    public static string Message(ProblemDetails problem, IStringLocalizer t) =>
        problem.Status == StatusCodes.Status409Conflict && problem.Detail == Conflict(t).Detail ? $"{problem.Title}{problem.Detail}" : problem.Detail ?? problem.Title ?? "";

    /// <summary>The form field a problem names (value, status, analysis …), or "" for the whole row.</summary>
    public static string Field(ProblemDetails problem) => problem.Extensions.TryGetValue("field", out var f) && f is string s ? s : "";

    /// <summary>Someone else saved the same rows first (a concurrency token or a unique key).</summary>
    public static ProblemDetails Conflict(IStringLocalizer t) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = t["資料已被其他人同時修改，本次變更未儲存。"],
        Detail = t["請重新載入後再試一次。"],
    };
}
