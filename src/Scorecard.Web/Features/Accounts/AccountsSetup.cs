using Scorecard.Web.Features.Language;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Scorecard.Data;

namespace Scorecard.Web.Features.Accounts;

/// <summary>
/// Sign-in: pages use the Identity cookie, the API a bearer token from POST /api/account/login.
/// One policy scheme picks between them per request. Keys live in the database, so sign-ins
/// survive a restart and work on every instance behind a load balancer.
/// </summary>
public static class AccountsSetup
{
    public const string CookieOrBearer = "CookieOrBearer";
    public const string LoginPath = "/account/login";

    public static IServiceCollection AddScorecardAccounts(this IServiceCollection services, IConfiguration config)
    {
        services.AddDataProtection().SetApplicationName("Scorecard").PersistKeysToDbContext<ScorecardDb>();
        services.AddIdentityCore<ScorecardUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 10;
            })
            .AddEntityFrameworkStores<ScorecardDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, null, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || IsApiWrite(http.Request)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme);
        authentication.AddIdentityCookies();
        authentication.AddSingleSignOn(config);

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.AccessDeniedPath = LoginPath;
            o.Cookie.Name = "scorecard";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;   // Secure behind HTTPS (a proxy's, with forwarded headers)
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // The API answers 401/403; only pages are sent to the sign-in form.
            o.Events.OnRedirectToLogin = http => StatusOrRedirect(http.HttpContext, http.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = http => StatusOrRedirect(http.HttpContext, http.RedirectUri, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization();
        services.AddSignInLimits(config);
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<SignIns>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>
    /// A write to the API (anything but GET, HEAD and OPTIONS under /api) is signed in by the bearer token alone, never
    /// by the pages' cookie: a browser sends the cookie with a form that another site (another port of the same host
    /// is the same site) posts to the API, and the API checks no form token. A page's own forms post to pages, which
    /// check theirs. The cookie still reads the API (a page's drawing and documents). docs/adr/0003.
    /// </summary>
    public static bool IsApiWrite(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    static Task StatusOrRedirect(HttpContext http, string redirect, int status)
    {
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            http.Response.Redirect(redirect);
            return Task.CompletedTask;
        }
        http.Response.StatusCode = status;
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<Ui>>();
        return Results.Problem(statusCode: status, title: t.Say(status == StatusCodes.Status401Unauthorized ? $"請先登入。" : (FormattableString)$"沒有權限。")).ExecuteAsync(http);
    }

    /// <summary>The audit trail records the signed-in user from here on.</summary>
    public static IApplicationBuilder UseAuditActor(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.Identity?.IsAuthenticated == true && http.User.Identity.Name is { } name)
            http.RequestServices.GetRequiredService<ScorecardDb>().Actor = name;
        await next();
    });
}
