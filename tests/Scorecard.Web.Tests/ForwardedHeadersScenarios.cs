using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Data;
using Scorecard.Web.Features.Accounts;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 32 §7: with forwarded headers on (as README's production setup has them), `X-Forwarded-For` is believed
/// only from the configured proxies; anyone else is their own address, for the sign-in limit and the audit trail.
/// </summary>
[Collection(ServersCollection.Name)]
public class ForwardedHeadersScenarios(Servers servers)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_forwarded_address_is_believed_only_from_a_known_proxy(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true, new Dictionary<string, string>
        {
            // The configuration key ASPNETCORE_FORWARDEDHEADERS_ENABLED=true sets.
            ["ForwardedHeaders_Enabled"] = "true",
            ["Scorecard:SignIn:PerMinute"] = "3",
            ["Scorecard:Proxies:KnownProxies"] = "10.0.0.5",
            ["Scorecard:Proxies:KnownNetworks"] = "10.1.0.0/16",
        });
        var start = DateTime.UtcNow;

        // A client that is no proxy of ours says each time it forwards for somebody else: it is limited all the same.
        for (var i = 1; i <= 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await FromAddress.SignInAsync(server, "203.0.113.9", "nobody@example.org", "wrong-password-1", $"198.51.100.{i}")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await FromAddress.SignInAsync(server, "203.0.113.9", "nobody@example.org", "wrong-password-1", "198.51.100.4")).Status);

        // Through the known proxy, each person is counted on their own address.
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await FromAddress.SignInAsync(server, "10.0.0.5", "nobody@example.org", "wrong-password-1", "198.51.100.7")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await FromAddress.SignInAsync(server, "10.0.0.5", "nobody@example.org", "wrong-password-1", "198.51.100.8")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await FromAddress.SignInAsync(server, "10.0.0.5", "nobody@example.org", "wrong-password-1", "198.51.100.7")).Status);
        // A proxy in a known network, and a client forging the chain in front of it: the proxy's own entry counts.
        Assert.Equal(HttpStatusCode.OK, (await FromAddress.SignInAsync(server, "10.1.2.3", "mayor@example.org", Scorecard.Web.Infrastructure.DatabaseStartup.DemoPassword, "198.51.100.7, 198.51.100.9")).Status);

        await using var scope = server.Services.CreateAsyncScope();
        var addresses = await scope.ServiceProvider.GetRequiredService<ScorecardDb>().AuditEntries
            .Where(a => a.At >= start && a.Entity == SignIns.Audited).OrderBy(a => a.Id).Select(a => a.After!).ToListAsync();
        Assert.Equal(["203.0.113.9", "203.0.113.9", "203.0.113.9", "198.51.100.7", "198.51.100.7", "198.51.100.7", "198.51.100.8", "198.51.100.9"],
            addresses.Select(a => System.Text.Json.Nodes.JsonNode.Parse(a)!["address"]!.GetValue<string>()).ToList());
    }
}
