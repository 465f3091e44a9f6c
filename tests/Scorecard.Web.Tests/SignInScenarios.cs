using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Data;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 32 §4: a failed sign-in tells a guesser nothing about the account (same words, same status, about the
/// same time for an existing, an unknown and a locked-out one), and an outsider's wrong passwords cannot keep the
/// account's holder out (ADR 0004: failures are counted per address and account).
/// </summary>
[Collection(ServersCollection.Name)]
public class SignInScenarios(Servers servers, Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_failed_sign_in_says_the_same_for_an_existing_an_unknown_and_a_locked_out_account(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        const string guesser = "203.0.113.7";
        var unknown = await FromAddress.SignInAsync(server, guesser, "nobody@example.org", "wrong-password-1");
        var existing = await FromAddress.SignInAsync(server, guesser, "udd@example.org", "wrong-password-1");
        for (var i = 0; i < 4; i++)
            await FromAddress.SignInAsync(server, guesser, "udd@example.org", "wrong-password-1");
        var lockedOut = await FromAddress.SignInAsync(server, guesser, "udd@example.org", "wrong-password-1");
        var lockedOutRight = await FromAddress.SignInAsync(server, guesser, "udd@example.org", DatabaseStartup.DemoPassword);
        foreach (var attempt in new[] { unknown, existing, lockedOut, lockedOutRight })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.Status);
            Assert.Equal(AccountApi.WrongPassword, attempt.Title);
        }

        // The form says the same too, for an unknown account and after five wrong passwords for a real one.
        using var browser = await PageBrowser.OpenAsync(server, null);
        async Task<string> FormSaysAsync(string email, string password)
        {
            var page = await browser.Client.PostAsync("/account/login", new FormUrlEncodedContent([
                new("_handler", "login"), new("__RequestVerificationToken", browser.Token), new("Form.Email", email), new("Form.Password", password)]));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            return System.Text.RegularExpressions.Regex.Match(html, "<p class=\"error\" role=\"alert\">([^<]*)</p>").Groups[1].Value;
        }
        Assert.Equal(AccountApi.WrongPassword, await FormSaysAsync("nobody@example.org", "wrong-password-1"));
        for (var i = 0; i < 5; i++)
            Assert.Equal(AccountApi.WrongPassword, await FormSaysAsync("epb@example.org", "wrong-password-1"));
        Assert.Equal(AccountApi.WrongPassword, await FormSaysAsync("epb@example.org", DatabaseStartup.DemoPassword));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_unknown_address_takes_about_as_long_to_refuse_as_an_existing_one(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        const string guesser = "203.0.113.8";
        var accounts = DatabaseStartup.DemoAccounts.Select(a => a.Email).ToList();
        async Task<double> MillisecondsAsync(string email)
        {
            var watch = Stopwatch.StartNew();
            var attempt = await FromAddress.SignInAsync(server, guesser, email, "wrong-password-1");
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.Status);
            return watch.Elapsed.TotalMilliseconds;
        }
        await MillisecondsAsync(accounts[0]);   // warm: the first of each kind compiles its path
        await MillisecondsAsync("warm@example.org");

        // Interleaved, so that a busy moment of the machine falls on both kinds; at most two failures per account.
        var existing = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            existing.Add(await MillisecondsAsync(accounts[(i + 1) % accounts.Count]));
            unknown.Add(await MillisecondsAsync($"nobody-{i}@example.org"));
        }
        var (existingMedian, unknownMedian) = (Median(existing), Median(unknown));
        output.WriteLine($"{provider}: median {existingMedian:F1} ms for an existing account, {unknownMedian:F1} ms for an unknown one");
        Assert.True(unknownMedian >= 0.5 * existingMedian && existingMedian >= 0.5 * unknownMedian,
            $"median {existingMedian:F1} ms for an existing account, {unknownMedian:F1} ms for an unknown one");

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_outsiders_wrong_passwords_do_not_keep_the_account_holder_out(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        var start = DateTime.UtcNow;
        const string outsider = "203.0.113.66", holder = "198.51.100.20";
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await FromAddress.SignInAsync(server, outsider, "udd@example.org", $"guess-number-{i}")).Status);
        // The outsider cannot go on guessing: from their address, even the right password is refused now.
        Assert.Equal(HttpStatusCode.Unauthorized, (await FromAddress.SignInAsync(server, outsider, "udd@example.org", DatabaseStartup.DemoPassword)).Status);

        // The holder, from their own address, signs in as ever, and their session goes on.
        var holders = await FromAddress.SignInAsync(server, holder, "udd@example.org", DatabaseStartup.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, holders.Status);
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", holders.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/me")).StatusCode);

        // Every attempt is in the audit trail with its address.
        await using var scope = server.Services.CreateAsyncScope();
        var signIns = await scope.ServiceProvider.GetRequiredService<ScorecardDb>().AuditEntries
            .Where(a => a.At >= start && a.Entity == SignIns.Audited).OrderBy(a => a.Id).Select(a => new { a.Action, a.After }).ToListAsync();
        Assert.Equal([.. Enumerable.Repeat("wrong password", 5), .. Enumerable.Repeat("locked out", 6), "succeeded"], signIns.Select(s => s.Action).ToList());
        Assert.All(signIns.Take(11), s => Assert.Contains($"\"address\":\"{outsider}\"", s.After));
        Assert.Contains($"\"address\":\"{holder}\"", signIns[^1].After);
    }
}

/// <summary>
/// Requests as if from a given address. TestServer gives a request no remote address of its own, so each of
/// these is sent with the one named, as Kestrel would set it from the connection.
/// </summary>
static class FromAddress
{
    sealed class WithBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    public sealed record Attempt(HttpStatusCode Status, string? Title, string? AccessToken);

    public static async Task<Attempt> SignInAsync(ScorecardServer server, string peer, string email, string password, string? forwardedFor = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { email, password });
        var context = await server.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            c.Request.Method = "POST";
            c.Request.Scheme = "http";
            c.Request.Host = new Microsoft.AspNetCore.Http.HostString("localhost");
            c.Request.Path = "/api/account/login";
            c.Request.ContentType = "application/json";
            c.Request.ContentLength = body.Length;
            c.Request.Body = new MemoryStream(body);
            // TestServer says whether a request has a body from the content its own client sent: this one has.
            c.Features.Set<IHttpRequestBodyDetectionFeature>(new WithBody());
            if (forwardedFor is not null) c.Request.Headers["X-Forwarded-For"] = forwardedFor;
        });
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        var json = text.StartsWith('{') ? JsonNode.Parse(text) : null;
        return new Attempt((HttpStatusCode)context.Response.StatusCode, json?["title"]?.GetValue<string>(), json?["accessToken"]?.GetValue<string>());
    }
}
