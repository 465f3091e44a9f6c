using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Interchange.Json;

namespace Scorecard.Web.Infrastructure;

/// <summary>
/// The one place domain errors become RFC 7807 problem responses, in the staff's language. Pages
/// use <see cref="Describe"/> too, so a form shows the words the API answers with.
/// </summary>
public sealed class ProblemMapper(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = Describe(exception);
        if (problem is null)
            return false;
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The problem a failure is to staff; null for a failure that is a bug (it stays a 500).</summary>
    public static ProblemDetails? Describe(Exception exception) => exception switch
    {
        ImportException e => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "檔案無法匯入，資料未變更。",
            Detail = e.Message,
            Extensions = { ["file"] = e.File, ["location"] = e.Location, ["reason"] = e.Reason },
        },
        InvalidInputException e => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "填寫的內容有誤，未變更。",
            Detail = e.Message,
            Extensions = { ["field"] = e.Field },
        },
        WorkflowException e => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "目前的狀態不允許這個動作，未變更。", Detail = e.Message },
        DomainException e => new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "資料不符規則，未變更。", Detail = e.Message },
        NotSignedInException e => new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = e.Message },
        AccessDeniedException e => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "沒有權限，未變更。", Detail = e.Message },
        NotFoundException e => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = e.Message },
        StaleEditException e => new ProblemDetails
        {
            Status = StatusCodes.Status412PreconditionFailed,
            Title = "資料已被其他人修改，本次變更未儲存。",
            Detail = e.Message,
            Extensions = { ["changedBy"] = e.ChangedBy, ["changedAt"] = e.ChangedAt },
        },
        BadHttpRequestException e => Unreadable(e),
        _ when WriteConflicts.IsConflict(exception) => Conflict(),
        _ => null,
    };

    /// <summary>
    /// A request the endpoint could not read (RouteHandlerOptions.ThrowOnBadRequest sends it here instead of an
    /// empty 400): a JSON member of the wrong type is named, as any bad input is; anything else is said as it is.
    /// </summary>
    static ProblemDetails Unreadable(BadHttpRequestException e)
    {
        if (e.InnerException is System.Text.Json.JsonException { Path: { Length: > 2 } path, InnerException: not System.Text.Json.JsonException } && path.StartsWith("$.", StringComparison.Ordinal))
        {
            var field = path[2..];
            return new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "填寫的內容有誤，未變更。",
                Detail = $"欄位 {field} 的值型別不對（數字須寫成 40，不加引號；文字加引號；清單用 […]）。",
                Extensions = { ["field"] = field },
            };
        }
        return new ProblemDetails { Status = e.StatusCode, Title = "無法讀取這個請求，未變更。", Detail = e.Message };
    }

    /// <summary>What a page shows: the detail where there is one, else the title.</summary>
    public static string Message(ProblemDetails problem) =>
        problem.Status == StatusCodes.Status409Conflict && problem.Detail == Conflict().Detail ? $"{problem.Title}{problem.Detail}" : problem.Detail ?? problem.Title ?? "";

    /// <summary>The form field a problem names (value, status, analysis …), or "" for the whole row.</summary>
    public static string Field(ProblemDetails problem) => problem.Extensions.TryGetValue("field", out var f) && f is string s ? s : "";

    /// <summary>Someone else saved the same rows first (a concurrency token or a unique key).</summary>
    public static ProblemDetails Conflict() => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "資料已被其他人同時修改，本次變更未儲存。",
        Detail = "請重新載入後再試一次。",
    };
}
