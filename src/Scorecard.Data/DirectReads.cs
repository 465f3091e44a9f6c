using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Scorecard.Domain.Accounts;

namespace Scorecard.Data;

/// <summary>
/// The questions nearly every request asks: the <see cref="ContentStamp"/> as committed now, the roles of
/// who is signed in, how long an audit trail is. Each is one plain command, without a database context:
/// a context costs more to set up than a page kept in the cache costs to send (a signed-in map page spent
/// a third of its time making the two contexts these questions needed). The connection comes from the same
/// pool as the contexts' (one pool per connection string), so that the server never holds more connections
/// than that pool's maximum; two pools once took PostgreSQL past its max_connections under load.
/// </summary>
/// <remarks>
/// The SQL names the tables and columns as the model maps them (ModelConfiguration), and binds an id the
/// way each provider stores one: SQLite as upper-case text, PostgreSQL as uuid.
/// </remarks>
public sealed class DirectReads(DatabaseProvider provider, string connectionString)
{
    public async Task<long> ContentStampAsync(CancellationToken ct = default) =>
        Convert.ToInt64(await ScalarAsync($"""SELECT "Value" FROM "ContentStamps" WHERE "Id" = {ContentStamp.TheRow}""", null, ct));

    /// <summary>A user's roles, each for its organisation (null: the whole city), read as committed now: a role taken away counts at once.</summary>
    public async Task<IReadOnlyList<Access.Grant>> GrantsAsync(Guid userId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, """SELECT "Role", "OrganisationId" FROM "RoleAssignments" WHERE "UserId" = @id""", userId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var grants = new List<Access.Grant>();
        while (await reader.ReadAsync(ct))
            grants.Add(new Access.Grant(Enum.Parse<WorkRole>(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetGuid(1)));
        return grants;
    }

    public enum AuditTrail { OfMap, OfKpi }

    /// <summary>How many audit entries a map's or a KPI's trail holds: a trail is only ever added to, so this is its version.</summary>
    public async Task<long> AuditLengthAsync(AuditTrail trail, Guid id, CancellationToken ct = default) =>
        Convert.ToInt64(await ScalarAsync(trail == AuditTrail.OfMap
            ? """SELECT COUNT(*) FROM "AuditEntries" WHERE "MapId" = @id"""
            : """SELECT COUNT(*) FROM "AuditEntries" WHERE "KpiId" = @id""", id, ct));

    async Task<object?> ScalarAsync(string sql, Guid? id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, sql, id);
        return await command.ExecuteScalarAsync(ct);
    }

    async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        DbConnection connection = provider == DatabaseProvider.Postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    DbCommand Command(DbConnection connection, string sql, Guid? id)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        if (id is { } value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@id";
            parameter.Value = provider == DatabaseProvider.Postgres ? value : value.ToString().ToUpperInvariant();
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
