using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Data;
using Scorecard.Web.Features.Accounts;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 11 §3: single sign-on with the city's own accounts, against a real OpenID Connect provider the
/// test starts (<see cref="OidcProvider"/>). The browser goes to the provider and back; the person the
/// provider vouches for is signed in to their account here with its roles; someone without an account
/// here, a cancelled sign-in and a locked account are each told why and are not signed in; every
/// attempt is in the audit trail. Without the settings there is no such button and no such route.
/// </summary>
[Collection(ServersCollection.Name)]
public class SingleSignOnScenarios(Servers servers)
{
    const string DisplayName = "臺北市政府員工帳號";

    [Fact]
    public async Task Staff_sign_in_with_the_citys_accounts_and_only_those_with_an_account_here_get_in()
    {
        await using var provider = await OidcProvider.StartAsync("http://localhost/signin-oidc");
        var server = await servers.FreshAsync("sqlite", demoData: true, new Dictionary<string, string>
        {
            ["Scorecard:Oidc:Authority"] = provider.Url,
            ["Scorecard:Oidc:ClientId"] = OidcProvider.ClientId,
            ["Scorecard:Oidc:ClientSecret"] = OidcProvider.ClientSecret,
            ["Scorecard:Oidc:DisplayName"] = DisplayName,
            ["Scorecard:Oidc:RequireHttpsMetadata"] = "false",
        });
        using var outside = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var accountsBefore = await AccountCountAsync(server);

        // The sign-in page offers the city's accounts beside the password form.
        using (var browser = Browser(server))
        {
            var page = await browser.GetStringAsync("/account/login?ReturnUrl=%2Fmaps%2F%E8%87%BA%E5%8C%97%E5%B8%82%E6%94%BF%E5%BA%9C%2F107%2Fedit");
            Assert.Contains($"以{DisplayName}登入", page);
            Assert.Contains("/account/sso?returnUrl=%2Fmaps%2F", page);
        }

        // The reporter of 環保局, signed in at the city, comes back signed in here, where they were going, with the role given here.
        provider.Person = "epb@example.org";
        using (var browser = Browser(server))
        {
            var (landed, at) = await FollowAsync(browser, outside, "/account/sso?returnUrl=%2Ftodo");
            Assert.True(at.AbsolutePath == "/todo", $"{at}: {await AuditedAsync(server)}");
            Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
            var me = JsonNode.Parse(await browser.GetStringAsync("/api/account/me"))!;
            Assert.Equal("epb@example.org", me["email"]!.GetValue<string>());
            Assert.Equal("reporter", Assert.Single(me["roles"]!.AsArray())!["role"]!.GetValue<string>());
            // Signed in with the same cookie a password gives: the reporter's work pages, and still no planner's page.
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/maps/臺北市政府/107/entry/107/Q2")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/maps/臺北市政府/107/edit")).StatusCode);
            // A return address elsewhere is not followed.
            using var again = Browser(server);
            var (_, elsewhere) = await FollowAsync(again, outside, "/account/sso?returnUrl=https%3A%2F%2Fevil.example%2F");
            Assert.Equal("http://localhost/todo", elsewhere.GetLeftPart(UriPartial.Path));
        }

        // Asked for by no page, a viewer lands where a password would take it: the dashboard.
        provider.Person = "mayor@example.org";
        using (var browser = Browser(server))
        {
            var (_, at) = await FollowAsync(browser, outside, "/account/sso");
            Assert.Equal("/dashboard", at.AbsolutePath);
        }

        // Known to the city, not to this system: told so, not signed in, no account made.
        provider.Person = "stranger@gov.taipei";
        using (var browser = Browser(server))
        {
            var (landed, at) = await FollowAsync(browser, outside, "/account/sso");
            Assert.Equal("/account/login", at.AbsolutePath);
            Assert.Contains($"{DisplayName}確認了您的身分，但本系統沒有以該電子郵件建立的帳號", await landed.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/todo")).StatusCode);
        }
        Assert.Equal(accountsBefore, await AccountCountAsync(server));

        // Cancelled at the provider: back at the sign-in page, in words.
        provider.Person = null;
        using (var browser = Browser(server))
        {
            var (landed, at) = await FollowAsync(browser, outside, "/account/sso");
            Assert.Equal("/account/login", at.AbsolutePath);
            Assert.Contains($"{DisplayName}未完成登入", await landed.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/todo")).StatusCode);
        }

        // A locked account stays locked through the city's sign-in too. (Wrong passwords keep only the address
        // they came from out of an account, ADR 0004: they do not lock it.)
        await using (var locking = server.Services.CreateAsyncScope())
        {
            var users = locking.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Scorecard.Data.ScorecardUser>>();
            Assert.True((await users.SetLockoutEndDateAsync((await users.FindByEmailAsync("udd@example.org"))!, DateTimeOffset.UtcNow.AddMinutes(15))).Succeeded);
        }
        provider.Person = "udd@example.org";
        using (var browser = Browser(server))
        {
            var (landed, at) = await FollowAsync(browser, outside, "/account/sso");
            Assert.Equal("/account/login", at.AbsolutePath);
            Assert.Contains(AccountApi.LockedOut, await landed.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/todo")).StatusCode);
        }

        // Every attempt is in the audit trail, with how it was made.
        await using var scope = server.Services.CreateAsyncScope();
        var audited = await scope.ServiceProvider.GetRequiredService<ScorecardDb>().AuditEntries
            .Where(a => a.Entity == SignIns.Audited && a.After!.Contains("single sign-on")).OrderBy(a => a.Id).Select(a => new { a.Actor, a.Action }).ToListAsync();
        Assert.Equal(
            ["epb@example.org succeeded", "epb@example.org succeeded", "mayor@example.org succeeded", "stranger@gov.taipei unknown account", "? provider failed", "udd@example.org locked out"],
            audited.Select(a => $"{a.Actor} {a.Action}"));
    }

    [Fact]
    public async Task Without_the_settings_there_is_no_single_sign_on()
    {
        var server = await servers.DemoAsync("sqlite");
        using var browser = Browser(server);
        Assert.DoesNotContain("/account/sso", await browser.GetStringAsync("/account/login"));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/account/sso")).StatusCode);
    }

    static HttpClient Browser(ScorecardServer server)
    {
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    /// <summary>Follows redirects as a browser would, between this server (http://localhost, in memory) and the provider (a real port).</summary>
    static async Task<(HttpResponseMessage Response, Uri At)> FollowAsync(HttpClient browser, HttpClient outside, string url)
    {
        var at = new Uri(browser.BaseAddress!, url);
        var response = await browser.GetAsync(at);
        for (var hops = 0; hops < 10 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            at = new Uri(at, response.Headers.Location!);
            response = at.Host == browser.BaseAddress!.Host ? await browser.GetAsync(at) : await outside.GetAsync(at);
        }
        return (response, at);
    }

    static async Task<string> AuditedAsync(ScorecardServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<ScorecardDb>().AuditEntries.Where(a => a.Entity == SignIns.Audited).Select(a => a.Action + " " + a.After).ToListAsync();
        return string.Join('\n', entries);
    }

    static async Task<int> AccountCountAsync(ScorecardServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScorecardDb>().Users.CountAsync();
    }
}
