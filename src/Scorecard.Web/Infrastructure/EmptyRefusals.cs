using Microsoft.Extensions.Localization;
using Scorecard.Web.Features.Language;

namespace Scorecard.Web.Infrastructure;

/// <summary>
/// Refusals the framework's routing answers with a bare status and no words, said as the API says every
/// other refusal (problem JSON, in the request's language): no route at that address (404), not that
/// method (405), a body of a media type the route does not take (415, e.g. text/plain for a JSON body).
/// Only under /api: a page's own 404 has its page.
/// </summary>
public static class EmptyRefusals
{
    public static void UseEmptyRefusalWords(IApplicationBuilder app) => app.UseStatusCodePages(async context =>
    {
        var http = context.HttpContext;
        if (!http.Request.Path.StartsWithSegments("/api"))
            return;
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<Ui>>();
        var title = http.Response.StatusCode switch
        {
            // The bearer handler's challenge: no token, or one that no longer holds. A write with the pages' cookie alone is this too (docs/adr/0003).
            StatusCodes.Status401Unauthorized => t["請先登入：請附 POST /api/account/login 取得的權杖（Authorization: Bearer …）；API 的寫入不接受網頁的登入。"].Value,
            StatusCodes.Status404NotFound => t["API 沒有這個位址。"].Value,
            StatusCodes.Status405MethodNotAllowed => t["這個位址不接受 {0} 請求，未變更。", http.Request.Method].Value,
            StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType(t),
            _ => null,
        };
        if (title is null)
            return;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        // A browser's form asks for HTML, which the problem writer declines: the API answers in problem JSON all the same.
        if (!await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = http.Response.StatusCode, Title = title },
            }))
            await Results.Problem(statusCode: http.Response.StatusCode, title: title).ExecuteAsync(http);
    });

    /// <summary>415 in words: also what the binder's own refusal of a media type is answered with (<see cref="ProblemMapper"/>).</summary>
    public static string UnsupportedMediaType(IStringLocalizer t) =>
        t["請求內容的格式不是這個位址接受的（JSON 請用 Content-Type: application/json），未變更。"];
}
