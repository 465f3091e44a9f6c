using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Scorecard.Data;
using Scorecard.Web.Features.Language;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Accounts;

/// <summary>
/// Signing in with a password, for the sign-in form and the API alike: the account's lockout counts the
/// failures (5, then 15 minutes), and every attempt, its outcome and the address it came from go into the
/// audit trail, whether or not the account exists.
/// </summary>
public sealed class SignIns(SignInManager<ScorecardUser> signIn, ScorecardDb db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>The audit trail's name for a sign-in attempt (its Entity column).</summary>
    public const string Audited = "SignIn";

    public async Task<SignInResult> PasswordAsync(string? email, string? password, string via, CancellationToken ct = default)
    {
        email = (email ?? "").Trim();
        var account = email.Length == 0 ? null : await signIn.UserManager.FindByEmailAsync(email);
        var result = account is null ? SignInResult.Failed
            : await signIn.PasswordSignInAsync(account, password ?? "", isPersistent: false, lockoutOnFailure: true);
        await RecordAsync(email, account, result.Succeeded ? "succeeded" : result.IsLockedOut ? "locked out" : account is null ? "unknown account" : "wrong password", via, ct: ct);
        return result;
    }

    string? Address => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    /// <summary>An attempt in the audit trail: who it claimed to be, the account if there is one, the outcome, how, and from where.</summary>
    public async Task RecordAsync(string claimed, ScorecardUser? account, string outcome, string via, string? detail = null, CancellationToken ct = default)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            Actor = claimed.Length is > 0 and <= 256 ? claimed : "?",
            Entity = Audited,
            EntityId = account?.Id ?? Guid.Empty,
            Action = outcome,
            After = JsonSerializer.Serialize(detail is null ? (object)new { address = Address, via } : new { address = Address, via, detail = detail[..Math.Min(detail.Length, 500)] }),
        });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// At most <c>Scorecard:SignIn:PerMinute</c> sign-in attempts a minute from one address (default 30: an
/// office behind one address signs in together in the morning); more get 429 with the wait, in the
/// reader's language. Guessing passwords across many accounts is slowed here; guessing one account's
/// password is stopped by its lockout.
/// </summary>
public static class SignInLimits
{
    public const string Policy = "sign-in";
    public const int DefaultPerMinute = 30;

    public static IServiceCollection AddSignInLimits(this IServiceCollection services, IConfiguration config)
    {
        var perMinute = config.GetValue("Scorecard:SignIn:PerMinute", DefaultPerMinute);
        services.AddRateLimiter(o =>
        {
            // Partitions share one space of keys: the form's own must not be any address's.
            o.AddPolicy(Policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter($"from {http.Connection.RemoteIpAddress}",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("showing the form"));   // showing the form costs nothing
            o.OnRejected = async (context, ct) =>
            {
                var response = context.HttpContext.Response;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                var t = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Ui>>();
                var message = t.Say($"此位址登入嘗試過於頻繁，請 {wait} 秒後再試。");
                if (context.HttpContext.Request.Path.StartsWithSegments("/api"))
                    await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: message).ExecuteAsync(context.HttpContext);
                else
                    await PlainPage.WriteAsync(response, message, "/account/login", t["登入"], ct);
            };
        });
        return services;
    }
}
