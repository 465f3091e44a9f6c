using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Values;

namespace Scorecard.Data;

/// <summary>
/// The questions nearly every request asks: the <see cref="ContentStamp"/> as committed now, the roles of
/// who is signed in, an audit trail's version, each map's, the states of a period's entries.
/// Each is one plain command, without a database context: a context costs more to set up than a page kept
/// in the cache costs to send (a signed-in map page spent a third of its time making the two contexts the
/// first two questions needed). The connection comes from the same pool as the contexts' (one pool per
/// connection string), so that the server never holds more connections than that pool's maximum; two
/// pools once took PostgreSQL past its max_connections under load.
/// </summary>
/// <remarks>
/// The SQL names the tables and columns as the model maps them (ModelConfiguration), and binds an id the
/// way each provider stores one: SQLite as upper-case text, PostgreSQL as uuid.
/// </remarks>
public sealed class DirectReads(DatabaseProvider provider, string connectionString)
{
    /// <summary>What requests are read against: the content stamp and the roles of each user asked about.</summary>
    /// <param name="Grants">Each user's roles, each for its organisation (null: the whole city); a user without roles is absent.</param>
    /// <param name="Accounts">Each user's account as its sessions are checked against it; an account that no longer exists is absent.</param>
    public sealed record RequestFacts(long Stamp, IReadOnlyDictionary<Guid, IReadOnlyList<Access.Grant>> Grants, IReadOnlyDictionary<Guid, AccountState> Accounts);

    /// <summary>
    /// What a session is checked against on every request: the account's security stamp (a new one on signing out,
    /// a password reset, a lock) and the end of its lockout, if it is locked.
    /// </summary>
    public sealed record AccountState(string? SecurityStamp, DateTimeOffset? LockoutEnd);

    /// <summary>
    /// The content stamp, and the roles and account state of the given users, as committed now (a role taken away,
    /// a password reset, a sign-out count at once), in one command: on PostgreSQL each question is a round trip to a
    /// server sharing the cores. The requests arriving together ask together (<see cref="SharedRequestFacts"/>).
    /// </summary>
    public async Task<RequestFacts> RequestFactsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT "Value" FROM "ContentStamps" WHERE "Id" = {ContentStamp.TheRow}""";
        if (userIds.Count > 0)
        {
            var users = AnyOf(command, "user", userIds);
            command.CommandText += $"""; SELECT "UserId", "Role", "OrganisationId" FROM "RoleAssignments" WHERE "UserId" {users}""";
            command.CommandText += $"""; SELECT "Id", "SecurityStamp", "LockoutEnd" FROM "AspNetUsers" WHERE "Id" {users}""";
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("The content stamp's row is missing: the database was not set up by the product.");
        var stamp = Convert.ToInt64(reader.GetValue(0));
        var grants = new Dictionary<Guid, IReadOnlyList<Access.Grant>>();
        if (userIds.Count > 0 && await reader.NextResultAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var user = reader.GetGuid(0);
                if (!grants.TryGetValue(user, out var list)) grants[user] = list = new List<Access.Grant>();
                ((List<Access.Grant>)list).Add(new Access.Grant(Enum.Parse<WorkRole>(reader.GetString(1)), reader.IsDBNull(2) ? null : reader.GetGuid(2)));
            }
        var accounts = new Dictionary<Guid, AccountState>();
        if (userIds.Count > 0 && await reader.NextResultAsync(ct))
            while (await reader.ReadAsync(ct))
                accounts[reader.GetGuid(0)] = new AccountState(reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
        return new RequestFacts(stamp, grants, accounts);
    }

    public enum AuditTrail { OfMap, OfKpi }

    /// <summary>
    /// An audit trail's version: how many entries it holds and when the newest was written. Every change to a
    /// map, a KPI or anything in them (a part's entries on its KPI's trail) is audited on the trail in the same
    /// transaction, and a trail is only ever added to; the time tells apart two histories of the same length
    /// (a database restored from a backup and changed again). The time is compared, never read: each provider
    /// gives it its own way.
    /// </summary>
    public readonly record struct TrailVersion(long Entries, object? Newest);

    public async Task<TrailVersion> TrailVersionAsync(AuditTrail trail, Guid id, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, trail == AuditTrail.OfMap
            ? """SELECT COUNT(*), MAX("At") FROM "AuditEntries" WHERE "MapId" = @id"""
            : """SELECT COUNT(*), MAX("At") FROM "AuditEntries" WHERE "KpiId" = @id""", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new TrailVersion(Convert.ToInt64(reader.GetValue(0)), reader.IsDBNull(1) ? null : reader.GetValue(1));
    }

    /// <summary>Every map's <see cref="TrailVersion"/> at once: one pass over the trail's index.</summary>
    public async Task<IReadOnlyDictionary<Guid, TrailVersion>> MapVersionsAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection,
            """SELECT "MapId", COUNT(*), MAX("At") FROM "AuditEntries" WHERE "MapId" IS NOT NULL GROUP BY "MapId" """, null);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var versions = new Dictionary<Guid, TrailVersion>();
        while (await reader.ReadAsync(ct))
            versions[reader.GetGuid(0)] = new TrailVersion(Convert.ToInt64(reader.GetValue(1)), reader.GetValue(2));
        return versions;
    }

    /// <summary>
    /// The state of every entry of a period on the given maps, by KPI (or part): what the dashboard's reporting
    /// progress counts. Entries change with every save, which does not move the content stamp, so this is read
    /// per request; a context for it was most of the signed-in dashboard's own time.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, SubmissionState>> EntryStatesAsync(IReadOnlyCollection<Guid> mapIds, int year, Period period, CancellationToken ct = default)
    {
        var states = new Dictionary<Guid, SubmissionState>();
        if (mapIds.Count == 0) return states;
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT s."KpiId", s."State" FROM "Submissions" s JOIN "Kpis" k ON k."Id" = s."KpiId"
            WHERE s."Year" = @year AND s."Period" = @period AND k."MapId" {AnyOf(command, "map", mapIds)}
            """;
        Bind(command, "@year", year);
        Bind(command, "@period", period.ToString());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            states[reader.GetGuid(0)] = Enum.Parse<SubmissionState>(reader.GetString(1));
        return states;
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
        if (id is { } value) Bind(command, "@id", Stored(value));
        return command;
    }

    /// <summary>
    /// 「= any of these ids」, its parameters bound: PostgreSQL takes the ids as one array; SQLite has none, so
    /// each is a parameter of its own (a city has under a hundred maps a year, a server a few hundred readers at once).
    /// </summary>
    string AnyOf(DbCommand command, string name, IReadOnlyCollection<Guid> ids)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            Bind(command, $"@{name}s", ids.ToArray());
            return $"= ANY(@{name}s)";
        }
        var names = ids.Select((id, i) => (Id: id, Name: $"@{name}{i}")).ToList();
        foreach (var (id, parameter) in names) Bind(command, parameter, Stored(id));
        return $"IN ({string.Join(", ", names.Select(n => n.Name))})";
    }

    /// <summary>An id as the provider stores it.</summary>
    object Stored(Guid id) => provider == DatabaseProvider.Postgres ? id : id.ToString().ToUpperInvariant();

    static void Bind(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
