using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Scorecard.Web.Infrastructure.Security;

/// <summary>
/// Whose <c>X-Forwarded-For</c> and <c>-Proto</c> are believed when forwarded headers are on
/// (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>): only the proxies named in <c>Scorecard:Proxies:KnownProxies</c>
/// (addresses) and <c>Scorecard:Proxies:KnownNetworks</c> (CIDR ranges), each a list or one comma-separated value,
/// and this machine's own loopback. From anyone else the headers are ignored, and the connection's address is the
/// one the sign-in limit counts and the audit trail records.
/// </summary>
/// <remarks>
/// The framework's switch for that variable turns forwarded headers on and empties both lists, which believes
/// every client (issue 32 §7). The switch is kept (it adds the middleware first in the pipeline); its lists are
/// set again here, after it has run (a post-configuration runs after every configuration).
/// </remarks>
public static class KnownProxies
{
    public static IServiceCollection AddKnownProxies(this IServiceCollection services, IConfiguration config)
    {
        // Read and checked at start, so that a mistyped address stops the server rather than being ignored.
        var proxies = Values(config, "Scorecard:Proxies:KnownProxies").Select(p => IPAddress.TryParse(p, out var address)
            ? address : throw new InvalidOperationException($"Scorecard:Proxies:KnownProxies 的「{p}」不是 IP 位址。")).ToList();
        var networks = Values(config, "Scorecard:Proxies:KnownNetworks").Select(n => System.Net.IPNetwork.TryParse(n, out var network)
            ? network : throw new InvalidOperationException($"Scorecard:Proxies:KnownNetworks 的「{n}」不是網段（如 10.0.0.0/24）。")).ToList();
        services.PostConfigure<ForwardedHeadersOptions>(o =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Add(IPAddress.IPv6Loopback);
            o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("127.0.0.0/8"));
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
        });
        return services;
    }

    static IEnumerable<string> Values(IConfiguration config, string key)
    {
        var section = config.GetSection(key);
        var values = section.Value is { } one ? one.Split(',') : section.GetChildren().Select(c => c.Value ?? "");
        return values.Select(v => v.Trim()).Where(v => v.Length > 0);
    }
}
