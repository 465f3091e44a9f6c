using Scorecard.Web.Features.Language;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Scorecard.Data;
using Scorecard.Domain.Accounts;

using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Accounts;

/// <summary>POST /api/account/login gives a bearer token; GET /api/account/me says who that is and what they may do.</summary>
public static class AccountApi
{
    public sealed record LoginRequest(string Email, string Password);

    public static void MapAccountApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/account").WithTags("Accounts");

        api.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (LoginRequest login, SignInManager<ScorecardUser> signIn, SignIns signIns, IStringLocalizer<Ui> t, CancellationToken ct) =>
        {
            // The bearer handler writes {"tokenType","accessToken","expiresIn","refreshToken"} itself.
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var result = await signIns.PasswordAsync(login.Email, login.Password, "api", ct);
            if (result.Succeeded)
                return TypedResults.Empty;
            // One answer for every failure: an unknown account, a wrong password, an address kept out (ADR 0004).
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: t[WrongPassword]);
        }).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(SignInLimits.Policy).Problems(StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests)
          .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>(StatusCodes.Status200OK)
          .WithName("signIn").WithSummary("Sign in").WithDescription("Sign in with e-mail and password; answers {\"accessToken\": …} to send as `Authorization: Bearer …`.");

        api.MapGet("/me", async (CurrentUser user, ScorecardDb db, CancellationToken ct) =>
        {
            var grants = await user.GrantsAsync(ct);
            var names = db.Organisations.Where(o => grants.Select(g => g.OrganisationId).Contains(o.Id)).ToDictionary(o => o.Id, o => o.Name);
            return TypedResults.Ok(new Me(user.Name,
                grants.Select(g => new Grant(Roles.Format(g.Role), Roles.Label(g.Role), g.OrganisationId is { } id ? names.GetValueOrDefault(id) : null)).ToList()));
        }).RequireAuthorization().Problems(StatusCodes.Status401Unauthorized).WithName("getMe").WithSummary("Who is signed in").WithDescription("The signed-in account and its roles, with the organisation each is held for.");

        // The pages' 登出 button: a form post that ends the cookie session. The form token is checked
        // here, explicitly (a minimal API refuses a bad token only when it binds a form), so another
        // site cannot sign a person out.
        app.MapPost("/account/logout", async Task<Results<RedirectHttpResult, ProblemHttpResult>> (HttpContext http, IAntiforgery antiforgery, SignInManager<ScorecardUser> signIn, IStringLocalizer<Ui> t) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: t.Say($"表單已失效，請重新整理頁面後再登出。"));
            // A new security stamp ends this session wherever its cookie is kept, and the account's other sessions too (SessionChecks).
            if (await signIn.UserManager.GetUserAsync(http.User) is { } account)
                await signIn.UserManager.UpdateSecurityStampAsync(account);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/");
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>A role held: its name, its label in words, and the organisation (null for the administrator).</summary>
    public sealed record Grant(string Role, string Label, string? Organisation);

    /// <summary>The signed-in account and its roles.</summary>
    public sealed record Me(string? Email, IReadOnlyList<Grant> Roles);

    public const string WrongPassword = "電子郵件或密碼不正確。";
    /// <summary>
    /// Said only to who has proven who they are (the city's single sign-on): wrong passwords no longer lock an
    /// account as a whole, so a locked account is one an administrator has locked.
    /// </summary>
    public const string LockedOut = "此帳號已被鎖定，請洽系統管理者。";
}
