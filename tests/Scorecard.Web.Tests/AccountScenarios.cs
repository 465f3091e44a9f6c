using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Tests;

/// <summary>Signing in: demo accounts, lockout, tokens that survive a restart, and the `users` command.</summary>
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
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
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
        Assert.Equal(AccountApi.LockedOut, JsonNode.Parse(await right.Content.ReadAsStringAsync())!["title"]!.GetValue<string>());
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
    public async Task Every_kpi_owner_of_the_city_map_resolves_to_an_organisation()
    {
        using var client = (await servers.DemoAsync("sqlite")).CreateClient();
        var tree = await client.GetStringAsync("/api/organisations");
        Assert.Contains("臺北市政府環境保護局", tree);
        Assert.Contains("臺北市政府秘書處總務組", tree);
        Assert.DoesNotContain("\"環境保護局\"", tree);   // the lead of theme A is 環保局 by another name, not a second organisation
        Assert.DoesNotContain("本組各機關", tree);
    }
}
