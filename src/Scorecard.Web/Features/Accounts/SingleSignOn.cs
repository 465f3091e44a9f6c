using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Scorecard.Data;

namespace Scorecard.Web.Features.Accounts;

/// <summary>
/// Optional single sign-on with the city's own accounts: OpenID Connect (authorization code with PKCE),
/// on when <c>Scorecard:Oidc:Authority</c> is set. The provider says who signed in; the claim named by
/// <c>Scorecard:Oidc:AccountClaim</c> (the e-mail address unless set) picks the account here, which is
/// then signed in with the same cookie a password gives. Roles stay with the administrator: a person the
/// provider knows and this system does not is refused in words and no account is made. Every attempt
/// goes into the audit trail as a password sign-in does, the provider's failures included.
/// </summary>
public static class SingleSignOn
{
    public const string Scheme = "oidc";
    public const string StartPath = "/account/sso";
    const string DonePath = "/account/sso/done";
    const string Via = "single sign-on";

    /// <summary>The settings of <c>Scorecard:Oidc</c>.</summary>
    public sealed class Settings
    {
        public string? Authority { get; set; }
        public string? ClientId { get; set; }
        public string? ClientSecret { get; set; }
        /// <summary>The claim of the provider's ID token that holds the account's e-mail address here.</summary>
        public string AccountClaim { get; set; } = "email";
        /// <summary>What the sign-in page's button says: the provider as staff know it (e.g. 臺北市政府單一登入).</summary>
        public string DisplayName { get; set; } = "單一登入帳號";
        /// <summary>Only for a provider on this machine in tests: its metadata over plain HTTP.</summary>
        public bool RequireHttpsMetadata { get; set; } = true;

        public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
    }

    public static Settings From(IConfiguration config) => config.GetSection("Scorecard:Oidc").Get<Settings>() ?? new Settings();

    public static AuthenticationBuilder AddSingleSignOn(this AuthenticationBuilder authentication, IConfiguration config)
    {
        var settings = From(config);
        authentication.Services.AddSingleton(settings);
        if (!settings.Enabled)
            return authentication;
        if (string.IsNullOrWhiteSpace(settings.ClientId))
            throw new InvalidOperationException("Scorecard:Oidc:ClientId is required when Scorecard:Oidc:Authority is set.");
        return authentication.AddOpenIdConnect(Scheme, settings.DisplayName, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // The code comes back in the address (a top-level GET), so the correlation and nonce cookies can be
            // SameSite=Lax, and Secure as the app's other cookies are: whenever the request came over HTTPS.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }
            o.Scope.Clear();
            foreach (var scope in new[] { "openid", "email", "profile" })
                o.Scope.Add(scope);
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            // The provider's identity is held briefly in the external cookie; DonePath turns it into an account's sign-in.
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Events.OnRemoteFailure = async context =>
            {
                // Cancelled at the provider, an error it sent back, a stale or forged answer: back to the sign-in page, in words.
                await context.HttpContext.RequestServices.GetRequiredService<SignIns>().RecordAsync("?", null, "provider failed", Via, context.Failure?.Message);
                context.Response.Redirect($"{AccountsSetup.LoginPath}?sso=failed");
                context.HandleResponse();
            };
        });
    }

    public static void MapSingleSignOn(this IEndpointRouteBuilder app)
    {
        // Starts the round trip to the provider; the sign-in page links here.
        app.MapGet(StartPath, (string? returnUrl, Settings settings) => settings.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = $"{DonePath}?returnUrl={Uri.EscapeDataString(Landing.Local(returnUrl) ?? "")}" }, [Scheme])
                : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription();

        // Back from the provider: the account whose address the provider vouches for is signed in, or the page says why not.
        app.MapGet(DonePath, async (string? returnUrl, HttpContext http, Settings settings, SignInManager<ScorecardUser> signIn, SignIns signIns, ScorecardDb db) =>
        {
            var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            if (!external.Succeeded || external.Principal is null)
                return Results.Redirect($"{AccountsSetup.LoginPath}?sso=failed");
            var claimed = external.Principal.FindFirstValue(settings.AccountClaim)?.Trim() ?? "";
            var account = claimed.Length == 0 ? null : await signIn.UserManager.FindByEmailAsync(claimed);
            if (account is null)
            {
                await signIns.RecordAsync(claimed, null, "unknown account", Via);
                return Results.Redirect($"{AccountsSetup.LoginPath}?sso=unknown");
            }
            if (await signIn.UserManager.IsLockedOutAsync(account))
            {
                await signIns.RecordAsync(claimed, account, "locked out", Via);
                return Results.Redirect($"{AccountsSetup.LoginPath}?sso=locked");
            }
            await signIn.SignInAsync(account, isPersistent: false, authenticationMethod: Scheme);
            await signIns.RecordAsync(claimed, account, "succeeded", Via);
            // The page that asked for the sign-in, else the account's own landing.
            return Results.Redirect(Landing.Local(returnUrl) ?? await Landing.ForAccountAsync(db, account.Id));
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
