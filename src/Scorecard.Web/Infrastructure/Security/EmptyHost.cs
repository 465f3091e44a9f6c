using Microsoft.Extensions.Localization;
using Scorecard.Web.Features.Language;

namespace Scorecard.Web.Infrastructure.Security;

/// <summary>
/// A request that names no site (`Host:` sent empty, as `curl -H 'Host;'` does) is answered 400 in words before
/// anything builds a link from it: the pages' address of their own was a UriFormatException, a 500 (issue 32 §11).
/// </summary>
public static class EmptyHost
{
    public static IApplicationBuilder UseEmptyHostRefusal(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!string.IsNullOrWhiteSpace(http.Request.Host.Host))
        {
            await next(http);
            return;
        }
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<Ui>>();
        var message = t.Say($"請求缺少 Host 標頭（網站的名稱），無法回應。")!;
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (PlainPage.Wanted(http.Request))
            await PlainPage.WriteAsync(http.Response, message, "/", t["首頁"], http.RequestAborted);
        else
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: message).ExecuteAsync(http);
    });
}
