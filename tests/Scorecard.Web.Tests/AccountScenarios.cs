using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Data;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Tests;

/// <summary>Signing in: demo accounts, wrong passwords counted per address, tokens that survive a restart, and the `users` command.</summary>
[Collection(ServersCollection.Name)]
public class AccountScenarios(Servers servers)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Every_demo_account_signs_in_with_its_role(string provider)
    {
        var server = await servers.DemoAsync(provider);
        foreach (var (email, role, organisation) in DatabaseStartup.DemoAccounts)
        {
            using var client = await server.SignInAsync(email);
            var me = JsonNode.Parse(await client.GetStringAsync("/api/account/me"))!;
            Assert.Equal(email, me["email"]!.GetValue<string>());
            var granted = Assert.Single(me["roles"]!.AsArray())!;
            Assert.Equal(role.ToString().ToLowerInvariant(), granted["role"]!.GetValue<string>());
            if (organisation is not null)
                Assert.Contains(organisation.Replace("環保局", "環境保護局").Replace("都發局", "都市發展局"), granted["organisation"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Signing_out_needs_the_pages_form_token()
    {
        var server = await servers.DemoAsync("sqlite");
        using var client = server.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var page = await client.GetStringAsync("/account/login");
        var token = PageBrowser.FormToken(page);
        Assert.NotEmpty(token);
        var real = await client.PostAsync("/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_keep_that_address_out_of_the_account_even_with_the_right_one()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        using var client = server.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/account/login", new { email = "udd@example.org", password = "wrong-password-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var right = await client.PostAsJsonAsync("/api/account/login", new { email = "udd@example.org", password = DatabaseStartup.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        // Said as any failure is: the one guessing does not learn that the account exists (ADR 0004).
        Assert.Equal(AccountApi.WrongPassword, JsonNode.Parse(await right.Content.ReadAsStringAsync())!["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_token_from_one_instance_is_honoured_by_another_on_the_same_database(string provider)
    {
        var first = await servers.FreshAsync(provider, demoData: true);
        using var signedIn = await first.SignInAsync("mayor@example.org");
        var token = signedIn.DefaultRequestHeaders.Authorization!;

        // A second app on the same database: a restart, or another instance behind the load balancer.
        await using var second = new ScorecardServer(first.Provider, first.ConnectionString, demoData: true);
        using var other = second.CreateClient();
        other.DefaultRequestHeaders.Authorization = token;
        var me = JsonNode.Parse(await other.GetStringAsync("/api/account/me"))!;
        Assert.Equal("mayor@example.org", me["email"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_users_command_makes_the_first_account_and_resets_its_password(string provider)
    {
        var server = await servers.FreshAsync(provider);
        string[] settings = [$"--Scorecard:Provider={provider}", $"--ConnectionStrings:Scorecard={server.ConnectionString}", "--Scorecard:DemoData=false"];
        using var client = server.CreateClient();   // starts the app: migrated, empty, no account
        var output = new StringWriter();
        var stdout = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, await CommandLine.RunAsync(["users", "add", "planner@example.org", "--role", "administrator", .. settings]));
            Assert.Equal(1, await CommandLine.RunAsync(["users", "add", "planner@example.org", "--role", "administrator", .. settings]));
            Assert.Equal(1, await CommandLine.RunAsync(["users", "add", "nobody@example.org", "--role", "planner", "--organisation", "不存在的機關", .. settings]));
            Assert.Equal(2, await CommandLine.RunAsync(["users", "add", "x@example.org", .. settings]));
        }
        finally { Console.SetOut(stdout); }
        var password = output.ToString().Split('\n').First(l => l.StartsWith("密碼：", StringComparison.Ordinal))["密碼：".Length..].Trim();
        using var admin = await server.SignInAsync("planner@example.org", password);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/account/me")).StatusCode);

        output = new StringWriter();
        Console.SetOut(output);
        try { Assert.Equal(0, await CommandLine.RunAsync(["users", "reset-password", "planner@example.org", .. settings])); }
        finally { Console.SetOut(stdout); }
        var reset = output.ToString().Split('\n').First(l => l.StartsWith("密碼：", StringComparison.Ordinal))["密碼：".Length..].Trim();
        Assert.NotEqual(password, reset);
        var old = await client.PostAsJsonAsync("/api/account/login", new { email = "planner@example.org", password });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using var again = await server.SignInAsync("planner@example.org", reset);
    }

    [Fact]
    public async Task Every_owner_of_the_demo_maps_resolves_to_a_known_organisation()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        using var admin = await server.AdministratorAsync();

        // Importing the city's files again over the demo data: not one owner or theme agency is unknown.
        var form = new MultipartFormDataContent();
        foreach (var theme in "ABCDEFGH")
            foreach (var part in Uploads.Seed($"city-107q1-{theme}.json")) form.Add(part);
        var response = await admin.PostAsync("/api/imports", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var warnings = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["warnings"]!.AsArray();
        Assert.DoesNotContain(warnings, w => w!["message"]!.GetValue<string>().Contains("不是已知的機關"));

        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
        var map = await db.Maps.Include(m => m.Kpis).ThenInclude(k => k.OwnerLinks).SingleAsync(m => m.Organisation.Name == "臺北市政府" && m.Year == 2018);
        Assert.All(map.Kpis.Where(k => k.Owners.Count > 0), k => Assert.NotEmpty(k.OwnerLinks));
        var names = await db.Organisations.ToDictionaryAsync(o => o.Id, o => o.Name);
        string[] OwnersOf(string code) => map.Kpis.Single(k => k.Code == code && k.ParentId is null).OwnerLinks.Select(l => names[l.OrganisationId]).Order().ToArray();

        // 環保局 and theme A's 環境保護局 are one organisation.
        Assert.Equal(["臺北市政府環境保護局"], OwnersOf("AC1.1"));
        // DL1.1 is owned by 「本組各機關」: theme D's lead 產業局 and co-agencies 勞動局, 資訊局.
        Assert.Equal(["臺北市政府勞動局", "臺北市政府產業發展局", "臺北市政府資訊局"], OwnersOf("DL1.1"));
    }
}
