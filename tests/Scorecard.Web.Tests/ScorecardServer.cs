using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Domain.Accounts;
using Scorecard.Testing;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Tests;

/// <summary>The real app over HTTP, on a real SQLite file or a real PostgreSQL database, with any further settings.</summary>
public sealed class ScorecardServer(string provider, string connectionString, bool demoData, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public string Provider => provider;
    public string ConnectionString => connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Scorecard:Provider", provider);
        builder.UseSetting("ConnectionStrings:Scorecard", connectionString);
        builder.UseSetting("Scorecard:DemoData", demoData ? "true" : "false");
        // Every test signs in from the same (no) address, many times a minute; the limit's own test sets it.
        builder.UseSetting("Scorecard:SignIn:PerMinute", "100000");
        // Likewise every account's writes and the signed-out reads from that one address; their own tests set them.
        builder.UseSetting("Scorecard:Writes:PerMinute", "100000");
        builder.UseSetting("Scorecard:PublicReads:PerMinute", "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
    }

    /// <summary>A client signed in through POST /api/account/login, sending the bearer token it got.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = DatabaseStartup.DemoPassword)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/account/login", new { email, password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{email} could not sign in: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates an account with one role (as `users add` does) and signs it in.</summary>
    public async Task<HttpClient> SignInAsNewAsync(string email, WorkRole role, string? organisation = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var password = await scope.ServiceProvider.GetRequiredService<UserAccounts>().AddAsync(email, role, organisation);
        return await SignInAsync(email, password);
    }

    /// <summary>Every table's row count and checksum (<see cref="TableChecksums"/>): equal before and after means nothing was written.</summary>
    public async Task<string> TableChecksumsAsync(params string[] except)
    {
        await using var scope = Services.CreateAsyncScope();
        return await TableChecksums.OfAsync(scope.ServiceProvider.GetRequiredService<Scorecard.Data.ScorecardDb>(), except);
    }

    /// <summary>An administrator, for scenarios on an empty database that start by importing.</summary>
    public async Task<HttpClient> AdministratorAsync() =>
        await SignInAsNewAsync($"admin-{Guid.NewGuid():N}@example.org", WorkRole.Administrator);
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

    public async Task<ScorecardServer> FreshAsync(string provider, bool demoData = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        string connection;
        if (demoData)
            connection = await CopyOfDemoAsync(provider);
        else if (provider == "postgres")
            connection = await postgres!.CreateDatabaseAsync();
        else
        {
            var file = new SqliteDatabase();
            owned.Add(file);
            connection = file.ConnectionString;
        }
        // With the demo data already in the database, the app does not load it again.
        var server = new ScorecardServer(provider, connection, demoData, settings);
        owned.Add(server);
        return server;
    }

    // The demo data loaded once per provider, on first asking.
    readonly Lock demoLoading = new();
    Task<string>? postgresDemo;
    Task<SqliteDatabase>? sqliteDemo;

    /// <summary>
    /// A new database with the demo data, copied from one the app loaded once per provider: loading it (fourteen
    /// files, six accounts with their password hashes) took about ten seconds of the machine's two cores, and some
    /// sixty scenarios start from it.
    /// </summary>
    async Task<string> CopyOfDemoAsync(string provider)
    {
        if (provider == "postgres")
        {
            lock (demoLoading) postgresDemo ??= LoadPostgresDemoAsync();
            return await postgres!.CreateDatabaseAsync(template: await postgresDemo);
        }
        lock (demoLoading) sqliteDemo ??= LoadSqliteDemoAsync();
        var copy = (await sqliteDemo).Copy();
        owned.Add(copy);
        return copy.ConnectionString;
    }

    async Task<string> LoadPostgresDemoAsync()
    {
        var connection = await postgres!.CreateDatabaseAsync();
        await LoadDemoAsync("postgres", connection);
        return connection;
    }

    async Task<SqliteDatabase> LoadSqliteDemoAsync()
    {
        var file = new SqliteDatabase();
        owned.Add(file);
        await LoadDemoAsync("sqlite", file.ConnectionString);
        return file;
    }

    /// <summary>The app started on an empty database with the demo data and stopped again, so that nobody is connected to it.</summary>
    static async Task LoadDemoAsync(string provider, string connection)
    {
        await using var loader = new ScorecardServer(provider, connection, demoData: true);
        loader.CreateClient().Dispose();
    }

    /// <summary>A second instance of the app on the same database, as behind a load balancer (or after a restart).</summary>
    public ScorecardServer AnotherInstance(ScorecardServer of, IReadOnlyDictionary<string, string>? settings = null)
    {
        var server = new ScorecardServer(of.Provider, of.ConnectionString, demoData: false, settings);
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

/// <summary>Tests that take minutes (fuzzing, crashing server processes): a collection of their own, run beside the other web tests.</summary>
[CollectionDefinition(Name)]
public sealed class LongRunningCollection : ICollectionFixture<Servers>
{
    public const string Name = "long-running";
}
