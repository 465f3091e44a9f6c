using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Tests;

/// <summary>
/// The pages as a browser uses them: cookies, HTML accepted, signed in through the sign-in page's form,
/// and the form token its pages carry (bound to who is signed in), for posting their forms by hand.
/// </summary>
public sealed partial class PageBrowser(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;
    public string Token { get; private set; } = "";

    /// <param name="email">Who signs in; null stays signed out.</param>
    /// <param name="baseAddress">The server's address when it runs on Kestrel (its client then follows redirects itself).</param>
    public static async Task<PageBrowser> OpenAsync(ScorecardServer server, string? email, Uri? baseAddress = null)
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        if (baseAddress is not null) options.BaseAddress = baseAddress;
        var browser = new PageBrowser(server.CreateClient(options));
        browser.Client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        await browser.ReadTokenAsync("/account/login");
        if (email is null)
            return browser;
        await browser.Client.PostAsync("/account/login", new FormUrlEncodedContent([
            new("_handler", "login"), new("__RequestVerificationToken", browser.Token),
            new("Form.Email", email), new("Form.Password", DatabaseStartup.DemoPassword)]));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/account/me")).StatusCode);
        // The token is bound to who is signed in: the one from before the sign-in is no longer good.
        await browser.ReadTokenAsync("/todo");
        return browser;
    }

    /// <summary>Reads the form token from a page of the app.</summary>
    public async Task ReadTokenAsync(string page)
    {
        Token = FormToken(await Client.GetStringAsync(page));
        Assert.NotEmpty(Token);
    }

    /// <summary>The form token in a page's HTML ("" if it has none).</summary>
    public static string FormToken(string html) => TokenField().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public void Dispose() => Client.Dispose();
}
