using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Scorecard.Testing;

namespace Scorecard.Web.Tests;

/// <summary>The real app over HTTP, on a real SQLite file or a real PostgreSQL database.</summary>
public sealed class ScorecardServer(string provider, string connectionString, bool demoData) : WebApplicationFactory<Program>
{
    public string Provider => provider;
    public string ConnectionString => connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Scorecard:Provider", provider);
        builder.UseSetting("ConnectionStrings:Scorecard", connectionString);
        builder.UseSetting("Scorecard:DemoData", demoData ? "true" : "false");
    }
}

/// <summary>
/// One PostgreSQL server for the whole run, and one demo-data app per provider for the
/// scenarios that only read. A scenario that writes asks for a fresh, empty app.
/// </summary>
public sealed class Servers : IAsyncLifetime
{
    PostgresServer? postgres;
    readonly List<IAsyncDisposable> owned = [];
    readonly Dictionary<string, ScorecardServer> demo = [];
    readonly SemaphoreSlim gate = new(1, 1);

    public async Task InitializeAsync() => postgres = await PostgresServer.StartAsync();

    public async Task<ScorecardServer> DemoAsync(string provider)
    {
        await gate.WaitAsync();
        try
        {
            if (!demo.TryGetValue(provider, out var server))
            {
                demo[provider] = server = await FreshAsync(provider, demoData: true);
                server.CreateClient().Dispose(); // start it: migrate and load the demo data once
            }
            return server;
        }
        finally { gate.Release(); }
    }

    public async Task<ScorecardServer> FreshAsync(string provider, bool demoData = false)
    {
        string connection;
        if (provider == "postgres")
        {
            connection = await postgres!.CreateDatabaseAsync();
        }
        else
        {
            var file = new SqliteDatabase();
            owned.Add(file);
            connection = file.ConnectionString;
        }
        var server = new ScorecardServer(provider, connection, demoData);
        owned.Add(server);
        return server;
    }

    public async Task DisposeAsync()
    {
        foreach (var o in Enumerable.Reverse(owned)) await o.DisposeAsync();
        if (postgres is not null) await postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<Servers>
{
    public const string Name = "servers";
}
