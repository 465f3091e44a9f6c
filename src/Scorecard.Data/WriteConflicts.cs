using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Scorecard.Data;

/// <summary>
/// Whether a failed save lost a race with another writer (a stale concurrency token, or a unique
/// key someone else took first), as opposed to any other database failure. Only a race may be
/// reported to staff as "changed by someone else at the same time".
/// </summary>
public static class WriteConflicts
{
    const int SqliteConstraint = 19;
    const int SqliteBusy = 5;
    const int SqliteLocked = 6;

    public static bool IsConflict(Exception e) => e switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: SqliteException s } => s.SqliteErrorCode is SqliteConstraint or SqliteBusy or SqliteLocked,
        DbUpdateException { InnerException: PostgresException p } => p.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure,
        SqliteException s => s.SqliteErrorCode is SqliteBusy or SqliteLocked,
        _ => false,
    };
}
