using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Data;
using Scorecard.Web.Infrastructure;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 32 §5: a session (the pages' cookie, the API's bearer token) ends with signing out, a password reset
/// and a lock: the account's security stamp is checked on every signed-in request.
/// </summary>
[Collection(ServersCollection.Name)]
public class SessionScenarios(Servers servers)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_cookie_replayed_after_signing_out_is_signed_out(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        var (browser, cookie) = await SignInOnThePageAsync(server, "udd@example.org");
        using (browser)
        {
            await browser.ReadTokenAsync("/todo");
            var signedOut = await browser.Client.PostAsync("/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", browser.Token)]));
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }
        using var replayed = Replaying(server, cookie);
        await AssertSignedOutAsync(replayed);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_cookie_and_a_token_from_before_a_password_reset_are_signed_out(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        var (token, replayed) = await SignedInTwiceAsync(server, "udd@example.org");
        using var _ = token;
        using var __ = replayed;

        // The administrator resets the password.
        using var admin = await server.SignInAsync("admin@example.org");
        var reset = await Json(await admin.PostAsync("/api/accounts/udd@example.org/password-reset", null));
        await AssertSignedOutAsync(token);
        await AssertSignedOutAsync(replayed);

        // The command line's reset ends the session begun with the administrator's new password.
        using var again = await server.SignInAsync("udd@example.org", reset["password"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(0, await CommandLine.RunAsync(["users", "reset-password", "udd@example.org",
            $"--Scorecard:Provider={provider}", $"--ConnectionStrings:Scorecard={server.ConnectionString}", "--Scorecard:DemoData=false"], TextWriter.Null, TextWriter.Null));
        await AssertSignedOutAsync(again);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_token_and_a_cookie_of_a_locked_account_are_signed_out(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        var (token, replayed) = await SignedInTwiceAsync(server, "udd@example.org");
        using var _ = token;
        using var __ = replayed;

        await using (var scope = server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ScorecardUser>>();
            var udd = (await users.FindByEmailAsync("udd@example.org"))!;
            Assert.True((await users.SetLockoutEndDateAsync(udd, DateTimeOffset.UtcNow.AddHours(1))).Succeeded);
        }
        await AssertSignedOutAsync(token);
        await AssertSignedOutAsync(replayed);
    }

    /// <summary>The account signed in twice, by a bearer token and by the form's cookie (replayed), both reading the API.</summary>
    static async Task<(HttpClient Token, HttpClient Replayed)> SignedInTwiceAsync(ScorecardServer server, string email)
    {
        var (browser, cookie) = await SignInOnThePageAsync(server, email);
        browser.Dispose();
        var token = await server.SignInAsync(email);
        var replayed = Replaying(server, cookie);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await replayed.GetAsync("/api/account/me")).StatusCode);
        return (token, replayed);
    }

    /// <summary>Signed in through the sign-in form; the session cookie as the browser got it.</summary>
    static async Task<(PageBrowser Browser, string Cookie)> SignInOnThePageAsync(ScorecardServer server, string email)
    {
        var browser = await PageBrowser.OpenAsync(server, null);
        var signedIn = await browser.Client.PostAsync("/account/login", new FormUrlEncodedContent([
            new("_handler", "login"), new("__RequestVerificationToken", browser.Token),
            new("Form.Email", email), new("Form.Password", DatabaseStartup.DemoPassword)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("scorecard=", StringComparison.Ordinal)).Split(';')[0];
        return (browser, cookie);
    }

    /// <summary>A client that sends the given cookie on every request, whatever the server answers.</summary>
    static HttpClient Replaying(ScorecardServer server, string cookie)
    {
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return client;
    }

    /// <summary>The API answers 401, and a page that needs a sign-in sends the reader to the sign-in form.</summary>
    static async Task AssertSignedOutAsync(HttpClient client)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/account/me")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/todo");
        var page = await client.SendAsync(request);
        if (client.DefaultRequestHeaders.Authorization is null)
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery);
        }
        else
            Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
    }
}
