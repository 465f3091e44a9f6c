using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Npgsql;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Periods;

namespace Scorecard.Data;

/// <summary>
/// One number that goes up, in the same transaction, with every write that changes what a page or a
/// report shows: maps and everything in them, organisations, periods, published entries. Whatever is
/// cached from the database (scored maps, roll-ups, whole pages) is kept under the number it was read
/// at, so a write on any instance of the server is seen by the next request to every instance, which
/// reads the number first. The deadline's drafts and submissions do not move it: they are shown only
/// to staff, from the database, and move many times a second.
/// </summary>
public class ContentStamp
{
    public const int TheRow = 1;
    public int Id { get; set; }
    public long Value { get; set; }

    /// <summary>Whether a change to this row can change what is shown (and so what is cached).</summary>
    internal static bool Moves(EntityEntry entry) => entry.Entity switch
    {
        Submission s => s.State == SubmissionState.Published
                        || (entry.State == EntityState.Modified && entry.Property(nameof(Submission.State)).OriginalValue is SubmissionState.Published),
        ReminderSent or RoleAssignment => false,   // who may do what: asked of the database on every request
        _ => true,
    };

    /// <summary>
    /// An increment in SQL, not a tracked read and write: two writers never conflict over the stamp; on
    /// PostgreSQL the second waits for the first's commit, so the number rises in commit order.
    /// </summary>
    internal static Task BumpAsync(ScorecardDb db, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""UPDATE "ContentStamps" SET "Value" = "Value" + 1 WHERE "Id" = {TheRow}""", ct);
}

/// <summary>
/// Reads the <see cref="ContentStamp"/> as committed now. Every request that may be answered from a cache
/// asks, so it is one plain command, without a database context: through Entity Framework the question
/// cost more than a whole page kept in the cache. The connection comes from the same pool as the
/// contexts' (one pool per connection string), so that the server never holds more connections than
/// that pool's maximum; two pools once took PostgreSQL past its max_connections under load.
/// </summary>
public sealed class ContentStampReader(DatabaseProvider provider, string connectionString)
{
    public async Task<long> ReadAsync(CancellationToken ct = default)
    {
        await using DbConnection connection = provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT "Value" FROM "ContentStamps" WHERE "Id" = {ContentStamp.TheRow}""";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }
}
