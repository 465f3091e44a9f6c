using Scorecard.Data;

namespace Scorecard.Testing;

/// <summary>A real SQLite file in a temporary folder, migrated, deleted afterwards.</summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    public string FilePath { get; } = Path.Combine(Path.GetTempPath(), $"scorecard-test-{Guid.NewGuid():N}.db");
    public string ConnectionString => $"Data Source={FilePath};Pooling=False";

    public ScorecardDb NewContext(TimeProvider? clock = null)
    {
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<ScorecardDb>();
        ScorecardDbSetup.Configure(options, DatabaseProvider.Sqlite, ConnectionString);
        return new ScorecardDb(options.Options, clock ?? TimeProvider.System);
    }

    public static async Task<SqliteDatabase> CreateAsync()
    {
        var db = new SqliteDatabase();
        await using var context = db.NewContext();
        await ScorecardDbSetup.MigrateAsync(context);
        return db;
    }

    /// <summary>
    /// A new database file that starts as a copy of this one, which nobody may have open: connections are not
    /// pooled, so once the app on it has stopped its write-ahead log is folded into the file.
    /// </summary>
    public SqliteDatabase Copy()
    {
        if (File.Exists(FilePath + "-wal"))
            throw new InvalidOperationException($"{FilePath} still has its write-ahead log; a copy of the file alone would miss rows.");
        var copy = new SqliteDatabase();
        File.Copy(FilePath, copy.FilePath);
        return copy;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var f in new[] { FilePath, FilePath + "-wal", FilePath + "-shm" })
            if (File.Exists(f)) File.Delete(f);
        return ValueTask.CompletedTask;
    }
}
