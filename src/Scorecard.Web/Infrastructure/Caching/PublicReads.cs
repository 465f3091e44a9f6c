using System.Threading.RateLimiting;

namespace Scorecard.Web.Infrastructure.Caching;

/// <summary>
/// Signed-out readers' answers that are made anew (not served from the kept ones: another map, report, year of open
/// data, or the first after a change) are limited per client address to <c>Scorecard:PublicReads:PerMinute</c>
/// (default 300), 429 with Retry-After past it (issue 32 §9): a report or the JSON of a 303-KPI map costs tens to
/// hundreds of milliseconds, a kept answer almost nothing, and is never limited. Staff are not counted here.
/// Behind a proxy the address is the client's only where forwarded headers are trusted (README, production).
/// </summary>
public static class PublicReads
{
    public const int DefaultPerMinute = 300;

    /// <summary>After the output cache: only what it did not answer reaches this.</summary>
    public static IApplicationBuilder UsePublicReadLimit(this IApplicationBuilder app)
    {
        var perMinute = app.ApplicationServices.GetRequiredService<IConfiguration>().GetValue("Scorecard:PublicReads:PerMinute", DefaultPerMinute);
        var limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        return app.Use(async (http, next) =>
        {
            if (http.Items.ContainsKey(PublicAnswers.Kept))
            {
                using var lease = limiter.AttemptAcquire($"from {http.Connection.RemoteIpAddress}");
                if (!lease.IsAcquired)
                {
                    var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                    throw new TooManyRequestsException(wait, $"此位址的查詢過於頻繁，請 {wait} 秒後再試。");
                }
            }
            await next(http);
        });
    }
}
