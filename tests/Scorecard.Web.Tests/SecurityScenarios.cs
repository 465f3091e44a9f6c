using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Data;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Infrastructure;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>Issue 11 §3: the headers every answer carries, the cookies, and sign-ins limited, locked and audited.</summary>
[Collection(ServersCollection.Name)]
public class SecurityScenarios(Servers servers)
{
    [Fact]
    public async Task Every_kind_of_answer_tells_the_browser_to_run_no_inline_script_and_to_show_it_in_no_frame()
    {
        var server = await servers.DemoAsync("sqlite");
        using var client = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var answers = new (string Path, HttpStatusCode Status)[]
        {
            ("/", HttpStatusCode.OK),                                      // a page
            ("/maps/臺北市政府/107", HttpStatusCode.OK),                    // a page, the second time from the output cache
            ("/maps/臺北市政府/107", HttpStatusCode.OK),
            ("/api/maps/臺北市政府/107", HttpStatusCode.OK),                // the API
            ("/app.css", HttpStatusCode.OK),                               // a static file
            ("/api/maps/不存在/107", HttpStatusCode.NotFound),              // an error
            ("/api/account/me", HttpStatusCode.Unauthorized),
            ("/maps/臺北市政府/107/edit", HttpStatusCode.Redirect),          // to the sign-in form
            ("/healthz", HttpStatusCode.OK),
        };
        foreach (var (path, status) in answers)
        {
            var answer = await client.GetAsync(path);
            Assert.Equal(status, answer.StatusCode);
            var policy = string.Join(";", answer.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", policy);
            Assert.DoesNotContain("unsafe-inline", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(answer.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("same-origin", Assert.Single(answer.Headers.GetValues("Referrer-Policy")));
        }

        // A report as HTML keeps its print styles inline; it may still run no script at all.
        var report = await client.GetAsync("/api/maps/臺北市政府/107/reports/policy?period=Q1&format=html");
        await Ok(report);
        var documentPolicy = string.Join(";", report.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", documentPolicy);
        Assert.DoesNotContain("script-src", documentPolicy);
        Assert.Contains("frame-ancestors 'none'", documentPolicy);
    }

    [Fact]
    public async Task Cookies_are_kept_from_scripts_and_other_sites_and_sent_only_over_https_behind_https()
    {
        var server = await servers.DemoAsync("sqlite");
        using var client = server.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var form = await client.GetAsync("/account/login?lang=en");
        var token = PageBrowser.FormToken(await form.Content.ReadAsStringAsync());
        var formCookies = form.Headers.GetValues("Set-Cookie").ToList();
        AssertCookie(formCookies, ".AspNetCore.Antiforgery", "samesite=strict");
        AssertCookie(formCookies, ".AspNetCore.Culture", "samesite=lax");

        var signedIn = await client.PostAsync("/account/login", new FormUrlEncodedContent([
            new("_handler", "login"), new("__RequestVerificationToken", token),
            new("Form.Email", "mayor@example.org"), new("Form.Password", DatabaseStartup.DemoPassword)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        AssertCookie(signedIn.Headers.GetValues("Set-Cookie").ToList(), "scorecard=", "samesite=lax");

        // Over plain HTTP (no proxy in front), a cookie marked Secure would never come back: it is not marked.
        using var plain = server.CreateClient();
        var plainForm = await plain.GetAsync("/account/login");
        Assert.All(plainForm.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c.ToLowerInvariant()));

        static void AssertCookie(List<string> cookies, string name, string sameSite)
        {
            var cookie = cookies.Single(c => c.StartsWith(name, StringComparison.Ordinal)).ToLowerInvariant();
            Assert.Contains("httponly", cookie);
            Assert.Contains("secure", cookie);
            Assert.Contains(sameSite, cookie);
        }
    }

    [Fact]
    public async Task Sign_ins_from_one_address_are_limited_and_answered_in_words_with_the_wait()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true, new Dictionary<string, string> { ["Scorecard:SignIn:PerMinute"] = "3" });
        using var client = server.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/account/login", new { email = "nobody@example.org", password = "guess-number-" + i })).StatusCode);
        // The fourth within the minute: refused before the password is even tried, the right one included.
        var limited = await client.PostAsJsonAsync("/api/account/login", new { email = "mayor@example.org", password = DatabaseStartup.DemoPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var wait = int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")));
        Assert.InRange(wait, 1, 60);
        Assert.Equal($"此位址登入嘗試過於頻繁，請 {wait} 秒後再試。", (await Json(limited))["title"]!.GetValue<string>());

        // The form says so in the reader's language; showing the form is never limited.
        using var browser = server.CreateClient();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/login")).StatusCode);
        var page = await browser.PostAsync("/account/login", new FormUrlEncodedContent([new("_handler", "login"), new("Form.Email", "mayor@example.org")]));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Too many sign-in attempts from this address; try again in", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_sign_in_its_failures_the_lockout_and_a_role_change_are_in_the_audit_trail()
    {
        var server = await servers.FreshAsync("postgres", demoData: true);
        var start = DateTime.UtcNow;
        using var client = server.CreateClient();
        async Task<HttpStatusCode> SignIn(string email, string password) =>
            (await client.PostAsJsonAsync("/api/account/login", new { email, password })).StatusCode;

        Assert.Equal(HttpStatusCode.Unauthorized, await SignIn("nobody@example.org", "Scorecard-demo-1"));
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, await SignIn("udd@example.org", "wrong-password-1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignIn("udd@example.org", DatabaseStartup.DemoPassword));   // this address kept out of the account
        using var admin = await server.SignInAsync("admin@example.org");
        await Ok(await admin.PostAsJsonAsync("/api/accounts/udd@example.org/roles", new { role = "viewer", organisation = "臺北市政府" }));

        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
        var signIns = await db.AuditEntries.Where(a => a.At >= start && a.Entity == SignIns.Audited).OrderBy(a => a.Id)
            .Select(a => new { a.Actor, a.Action, a.After }).ToListAsync();
        Assert.Equal(
            ["nobody@example.org unknown account", "udd@example.org wrong password", "udd@example.org wrong password", "udd@example.org wrong password",
             "udd@example.org wrong password", "udd@example.org wrong password", "udd@example.org locked out", "admin@example.org succeeded"],
            signIns.Select(s => $"{s.Actor} {s.Action}").ToList());
        Assert.All(signIns, s => Assert.Contains("\"via\":\"api\"", s.After));
        var granted = await db.AuditEntries.SingleAsync(a => a.At >= start && a.Entity == "RoleAssignment" && a.Actor == "admin@example.org");
        Assert.Equal("create", granted.Action);
        Assert.Contains("Viewer", granted.After);
    }

    /// <summary>
    /// Issue 32 §2 (docs/adr/0003): another origin of the same site posted forms to the API and the pages' cookie
    /// signed them in — a period published, a password reset. Every write route of the route table, sent with an
    /// administrator's cookie and no bearer token, is now answered 401 in words and changes nothing; the cookie still
    /// reads the API, and the same writes with the token are let through (so the 401 is the cookie's, not the route's).
    /// </summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Every_api_write_refuses_the_sign_in_cookie_without_a_bearer_token(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var browser = await PageBrowser.OpenAsync(server, "admin@example.org");
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/maps/臺北市政府/107/history")).StatusCode);

        var before = await server.TableChecksumsAsync();
        var writes = AuthorizationMatrix.Writes.Where(w => w.Url.StartsWith("/api/", StringComparison.Ordinal) && w.Url != "/api/account/login").ToList();
        Assert.True(writes.Count > 40, $"only {writes.Count} write routes");
        var failures = new List<string>();
        foreach (var (route, method, url, body) in writes)
        {
            // The cookie and the route's own body (none for a step such as publish), no token: 401 in words.
            var answer = await browser.Client.SendAsync(new HttpRequestMessage(method, url) { Content = body() });
            if (answer.StatusCode != HttpStatusCode.Unauthorized)
                failures.Add($"{route}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            else if (await answer.Content.ReadAsStringAsync() is var words && !words.Contains("Authorization: Bearer"))
                failures.Add($"{route}: 401 without words: {words}");
            // As a form from another origin comes: a form body. A route that reads JSON does not take it at all (415).
            var form = await browser.Client.SendAsync(new HttpRequestMessage(method, url) { Content = new FormUrlEncodedContent([new("x", "1")]) });
            if (form.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.UnsupportedMediaType))
                failures.Add($"{route} (a form): {(int)form.StatusCode} {await form.Content.ReadAsStringAsync()}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await server.TableChecksumsAsync());

        // The same administrator with the token: the period closes.
        using var api = await server.SignInAsync("admin@example.org");
        await Ok(await api.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q3/open", new { deadline = "2018-10-15", confirm = true }));
        await Ok(await api.PostAsync("/api/maps/臺北市政府/107/periods/107/Q3/close", null));
    }
}
