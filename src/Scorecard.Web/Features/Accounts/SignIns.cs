using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Scorecard.Data;
using Scorecard.Web.Features.Language;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Accounts;

/// <summary>
/// Signing in with a password, for the sign-in form and the API alike. A failure tells the one trying nothing
/// about the account (ADR 0004): the same words and status whether the account exists, the password is wrong or
/// the address is kept out, and about the same time (an unknown account costs a password hash too). Wrong
/// passwords are counted per address and account: five from one address within 15 minutes keep that address out
/// of that account (even with the right password) until they are older, while its holder, from anywhere else,
/// signs in as ever. Every attempt, its outcome and the address it came from go into the audit trail, whether or
/// not the account exists; the count is read from there, so every instance sees the same.
/// </summary>
public sealed class SignIns(SignInManager<ScorecardUser> signIn, IPasswordHasher<ScorecardUser> hasher, ScorecardDb db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>The audit trail's name for a sign-in attempt (its Entity column).</summary>
    public const string Audited = "SignIn";

    /// <summary>Wrong passwords from one address for one account, within <see cref="Window"/>, that keep the address out of the account.</summary>
    public const int FailuresAllowed = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    const string Succeeded = "succeeded", WrongPassword = "wrong password", KeptOut = "locked out", Unknown = "unknown account";

    /// <summary>A result only the caller sees: every failure is answered alike (<see cref="AccountApi.WrongPassword"/>).</summary>
    public async Task<SignInResult> PasswordAsync(string? email, string? password, string via, CancellationToken ct = default)
    {
        email = (email ?? "").Trim();
        password ??= "";
        var account = email.Length == 0 ? null : await signIn.UserManager.FindByEmailAsync(email);
        SignInResult result;
        string outcome;
        if (account is null)
        {
            SpendAsLongAsAPasswordCheck(password);
            (result, outcome) = (SignInResult.Failed, Unknown);
        }
        else if (await IsKeptOutAsync(account, ct))
        {
            SpendAsLongAsAPasswordCheck(password);
            (result, outcome) = (SignInResult.LockedOut, KeptOut);
        }
        else
        {
            result = await signIn.PasswordSignInAsync(account, password, isPersistent: false, lockoutOnFailure: false);
            if (result.IsLockedOut)
                SpendAsLongAsAPasswordCheck(password);   // locked as a whole (Identity's lockout): refused before its password was checked
            outcome = result.Succeeded ? Succeeded : result.IsLockedOut ? KeptOut : WrongPassword;
        }
        await RecordAsync(email, account, outcome, via, ct: ct);
        if (outcome != Succeeded)
            Infrastructure.Observability.ProductMetrics.SignInFailed(outcome == KeptOut ? "kept_out" : outcome == WrongPassword ? "wrong_password" : "unknown");
        return result;
    }

    static string? standInHash;

    /// <summary>Checks the password against a stand-in's hash, made by the same hasher: a refusal without a real check costs as long as one with.</summary>
    void SpendAsLongAsAPasswordCheck(string password)
    {
        var standIn = new ScorecardUser();
        standInHash ??= hasher.HashPassword(standIn, UserAccounts.GeneratePassword());
        hasher.VerifyHashedPassword(standIn, standInHash, password);
    }

    /// <summary>
    /// Whether this address has given <see cref="FailuresAllowed"/> wrong passwords for the account within the
    /// <see cref="Window"/>, since its last success: read from the audit trail (indexed by entity and account).
    /// </summary>
    async Task<bool> IsKeptOutAsync(ScorecardUser account, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime - Window;
        var from = JsonSerializer.Serialize(new { address = Address })[1..^1];   // "address":"…" as RecordAsync writes it
        var recent = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == Audited && a.EntityId == account.Id && a.At >= since
                && (a.Action == WrongPassword || a.Action == Succeeded) && a.After!.Contains(from))
            .OrderByDescending(a => a.Id).Select(a => a.Action).Take(FailuresAllowed).ToListAsync(ct);
        return recent.TakeWhile(a => a == WrongPassword).Count() >= FailuresAllowed;
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
/// password is stopped by the count of wrong passwords per address and account (<see cref="SignIns"/>).
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
