using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Scorecard.Web.Infrastructure.Caching;

namespace Scorecard.Web.Features.Accounts;

/// <summary>
/// A session (the pages' cookie, the API's bearer token) lasts only while its account is as it was at the sign-in:
/// every signed-in request compares the security stamp the session carries with the account's as committed now,
/// and refuses a session whose account is locked or gone. The stamp changes on signing out, on a password reset
/// (the administrator's or `users reset-password`), so a cookie or token from before then no longer signs anyone in.
/// </summary>
/// <remarks>
/// Read with the content stamp and the reader's roles, in the one command a request asks anyway
/// (<see cref="CachedReads"/>, <see cref="Scorecard.Data.SharedRequestFacts"/>): checked on every request, not on an
/// interval, at the cost of one indexed row more in that command. A refused session is treated as signed out from
/// here on: the API answers 401, a page that needs a sign-in sends the reader to the sign-in form, and a refused
/// cookie is deleted.
/// </remarks>
public static class SessionChecks
{
    public static IApplicationBuilder UseSessionChecks(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (CurrentUser.IdOf(http.User) is not null && !await IsCurrentAsync(http))
        {
            http.RequestServices.GetRequiredService<CachedReads>().SignedOut();
            var byCookie = !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            http.User = new ClaimsPrincipal(new ClaimsIdentity());
            if (byCookie)
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
        await next(http);
    });

    static async Task<bool> IsCurrentAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var account = await services.GetRequiredService<CachedReads>().AccountAsync(http.RequestAborted);
        var carried = http.User.FindFirstValue(services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType);
        return account is not null && carried is not null && account.SecurityStamp == carried
            && !(account.LockoutEnd > services.GetRequiredService<TimeProvider>().GetUtcNow());
    }
}
