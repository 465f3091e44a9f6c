using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Scorecard.Testing;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Scorecard.Web.Tests;

/// <summary>
/// A real OpenID Connect provider for the single sign-on tests, as the city's would be: OpenIddict on
/// Kestrel on a free loopback port, its discovery document, keys, authorization and token endpoints, with
/// Scorecard registered as a confidential client (code flow with PKCE). Who is "signed in at the city"
/// is whatever the test sets in <see cref="Person"/>; null means the person cancels at the provider.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "scorecard", ClientSecret = "scorecard-test-secret";

    readonly WebApplication app;
    readonly string folder;

    public string Url { get; }
    /// <summary>The e-mail address of the person at the browser, as the provider knows them; null: they cancel.</summary>
    public string? Person { get; set; }

    OidcProvider(WebApplication app, string url, string folder) => (this.app, Url, this.folder) = (app, url, folder);

    /// <param name="redirectUri">Where the provider may send the browser back: the Scorecard server's /signin-oidc.</param>
    public static async Task<OidcProvider> StartAsync(string redirectUri)
    {
        var url = $"http://127.0.0.1:{Loopback.FreePort()}/";
        var folder = Directory.CreateTempSubdirectory("oidc-provider-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContext<ProviderDb>(o => o.UseSqlite($"Data Source={Path.Combine(folder, "provider.db")}").UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(o =>
            {
                o.SetIssuer(new Uri(url));
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.Email, Scopes.Profile);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                // Plain HTTP on loopback: a test machine has no certificate for 127.0.0.1.
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        builder.Services.AddAuthentication();
        var app = builder.Build();
        var provider = new OidcProvider(app, url, folder);
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            if (provider.Person is not { } email)
                return Results.Forbid(new Microsoft.AspNetCore.Authentication.AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The person cancelled the sign-in.",
                }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, $"city-{email}").SetClaim(Claims.Email, email).SetClaim(Claims.Name, email);
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDb>().Database.EnsureCreatedAsync();
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = ClientId,
                ClientSecret = ClientSecret,
                ClientType = ClientTypes.Confidential,
                RedirectUris = { new Uri(redirectUri) },
                Permissions =
                {
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                    Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Email, Permissions.Scopes.Profile,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            });
        }
        await app.StartAsync();
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);
}
