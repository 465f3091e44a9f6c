using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Scorecard.Domain.Accounts;
using Scorecard.Web.Features.Accounts;

namespace Scorecard.Web.Infrastructure.Security;

/// <summary>
/// What a write must pass before anything reads its body (issue 32 §3). A write to the API (any method but
/// GET, HEAD, OPTIONS and TRACE under <c>/api</c>, but <c>/api/account/…</c>, whose routes decide for themselves)
/// is refused 401 signed out, and 403 when the account holds no role but 檢視 (a viewer can write nowhere):
/// a read-only account could otherwise make the server read and parse 30 MB before the route refused it. Each
/// route's own check, for the organisation it names, stays as it was. An API write that is not an import is held
/// to <c>Scorecard:Api:MaxBodyMegabytes</c> (default 1), declared or as read, 413 past it. And every account's
/// writes, pages' forms and the API alike, are limited to <c>Scorecard:Writes:PerMinute</c> (default 600; the
/// deadline rush's busiest account does a few a second), 429 with Retry-After past it.
/// </summary>
public static class WriteGate
{
    public const int DefaultPerMinute = 600;

    public static IApplicationBuilder UseWriteGate(this IApplicationBuilder app)
    {
        var config = app.ApplicationServices.GetRequiredService<IConfiguration>();
        var perMinute = config.GetValue("Scorecard:Writes:PerMinute", DefaultPerMinute);
        var maxBody = config.GetValue("Scorecard:Api:MaxBodyMegabytes", 1) * 1024L * 1024L;
        var limiter = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(account,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        return app.Use(async (http, next) =>
        {
            var request = http.Request;
            if (!IsWrite(request.Method))
            {
                await next(http);
                return;
            }
            if (request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/api/account"))
            {
                var user = http.RequestServices.GetRequiredService<CurrentUser>();
                if (!user.IsSignedIn)
                    throw new NotSignedInException();
                if ((await user.GrantsAsync(http.RequestAborted)).All(g => g.Role == WorkRole.Viewer))
                    throw new AccessDeniedException($"您的角色不能變更資料。");
                if (!request.Path.StartsWithSegments("/api/imports"))
                {
                    if (request.ContentLength > maxBody)
                        throw new TooLargeException(maxBody);
                    if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                        size.MaxRequestBodySize = maxBody;
                    // In process (tests) no server enforces it: what reads the JSON body stops there too (JsonRequests).
                    http.Items[MaxBodyKey] = maxBody;
                }
            }
            if (CurrentUser.IdOf(http.User) is { } account)
            {
                using var lease = limiter.AttemptAcquire(account.ToString());
                if (!lease.IsAcquired)
                {
                    var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                    throw new TooManyRequestsException(wait, $"此帳號的變更過於頻繁，未變更；請 {wait} 秒後再試。");
                }
            }
            await next(http);
        });
    }

    /// <summary>The most a JSON body of this request may hold, when the gate has set it.</summary>
    public const string MaxBodyKey = "scorecard.max-json-body";

    static bool IsWrite(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
}
