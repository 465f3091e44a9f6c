using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Scorecard.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Provider selection. SQLite is the embedded default (a file, created and migrated at start);
/// PostgreSQL is chosen by <c>Scorecard:Provider=postgres</c> with a connection string.
/// Each provider keeps its migrations in its own assembly.
/// </summary>
public static class ScorecardDbSetup
{
    public const string ConnectionStringName = "Scorecard";
    public const string DefaultSqliteConnection = "Data Source=scorecard.db";

    public static DatabaseProvider ProviderFrom(IConfiguration config)
    {
        var name = config["Scorecard:Provider"];
        return name?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException($"Scorecard:Provider「{name}」不是 sqlite 或 postgres。"),
        };
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(connectionString, o => o.MigrationsAssembly("Scorecard.Data.Postgres"));
                break;
            default:
                options.UseSqlite(connectionString, o => o.MigrationsAssembly("Scorecard.Data.Sqlite"));
                break;
        }
    }

    public static IServiceCollection AddScorecardDb(this IServiceCollection services, IConfiguration config)
    {
        var provider = ProviderFrom(config);
        var connection = config.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connection))
        {
            if (provider == DatabaseProvider.Postgres)
                throw new InvalidOperationException("已選擇 PostgreSQL，但未設定連線字串 ConnectionStrings:Scorecard。");
            connection = DefaultSqliteConnection;
        }
        services.TryAddTimeProvider();
        // The options are the same for every context: made once, not once a request (a signed-in page paid
        // for building them and looking up EF Core's services by them on each request).
        services.AddDbContext<ScorecardDb>(o => Configure(o, provider, connection), optionsLifetime: ServiceLifetime.Singleton);
        services.AddSingleton(new DirectReads(provider, connection));
        services.AddSingleton(s => new SharedRequestFacts(s.GetRequiredService<DirectReads>()));
        return services;
    }

    static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }

    /// <summary>Creates or upgrades the database to the latest migration.</summary>
    public static async Task MigrateAsync(ScorecardDb db, CancellationToken ct = default)
    {
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            await db.Database.MigrateAsync(ct);
        // SQLite: write-ahead logging, so that a page being read never holds up a write (nor a write
        // a read); writers still take turns. The mode is kept in the file.
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
