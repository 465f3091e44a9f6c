using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Scorecard.Domain.Common;

namespace Scorecard.Data;

/// <summary>
/// The whole database as one file (issue 11 §2): every table of the model, every row, every
/// column, as gzipped JSON, stamped with the last migration it was taken at. Independent of the
/// provider: a backup of SQLite restores into PostgreSQL and back. Restoring writes into an empty
/// database at the same migration, all rows in one transaction (parents before children), or
/// nothing. Accounts and their sign-in keys are in it: a restored database signs the same people in.
/// </summary>
public static class DatabaseBackup
{
    const string Format = "scorecard-backup";

    /// <summary>A table to back up and restore. <paramref name="Seeded"/>: its rows come with the migrations (the content stamp), not from the backup.</summary>
    sealed record Table(string Name, IReadOnlyList<(string Column, Type Type)> Columns, IForeignKey? SelfReference, bool Seeded);

    /// <summary>The tables in the order they can be filled: a table after every table its rows point to.</summary>
    static List<Table> Tables(DbContext db)
    {
        var types = db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned()).ToList();
        var ordered = new List<IEntityType>();
        while (ordered.Count < types.Count)
        {
            var next = types.Where(t => !ordered.Contains(t)).FirstOrDefault(t => t.GetForeignKeys()
                .All(fk => fk.PrincipalEntityType == t || ordered.Contains(fk.PrincipalEntityType) || fk.PrincipalEntityType.GetTableName() == t.GetTableName()))
                ?? throw new InvalidOperationException("The model's tables point at each other in a circle.");
            ordered.Add(next);
        }
        return ordered.GroupBy(t => t.GetTableName()!).Select(g =>
        {
            var table = StoreObjectIdentifier.Table(g.Key, g.First().GetSchema());
            var columns = g.SelectMany(t => t.GetProperties())
                .Select(p => (Column: p.GetColumnName(table), Type: Nullable.GetUnderlyingType(ProviderType(p)) ?? ProviderType(p)))
                .Where(c => c.Column is not null).DistinctBy(c => c.Column).Select(c => (c.Column!, c.Type)).ToList();
            var self = g.SelectMany(t => t.GetForeignKeys()).FirstOrDefault(fk => fk.PrincipalEntityType.GetTableName() == g.Key);
            return new Table(g.Key, columns, self, g.Any(t => t.ClrType == typeof(ContentStamp)));
        }).ToList();
    }

    static Type ProviderType(IProperty p) => p.GetTypeMapping().Converter?.ProviderClrType ?? p.GetTypeMapping().ClrType;

    /// <summary>The last migration applied, by name: each provider has its own migrations, named alike (「20261124084619_ContentStamp」 → 「ContentStamp」).</summary>
    static async Task<string?> MigrationAsync(DbContext db) =>
        (await db.Database.GetAppliedMigrationsAsync()).LastOrDefault() is { } id ? id[(id.IndexOf('_') + 1)..] : null;

    /// <summary>Writes the backup; returns the number of rows in it.</summary>
    public static async Task<int> WriteAsync(ScorecardDb db, Stream output, CancellationToken ct = default)
    {
        var tables = Tables(db);
        var rows = 0;
        // One snapshot of every table: a write during the backup is in it whole or not at all.
        await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
        var connection = db.Database.GetDbConnection();
        await using (var zip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        await using (var json = new Utf8JsonWriter(zip))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("migration", await MigrationAsync(db));
            json.WriteString("takenAt", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            json.WriteStartArray("tables");
            foreach (var table in tables)
            {
                json.WriteStartObject();
                json.WriteString("name", table.Name);
                json.WriteStartArray("columns");
                foreach (var (column, _) in table.Columns) json.WriteStringValue(column);
                json.WriteEndArray();
                json.WriteStartArray("rows");
                await using var command = connection.CreateCommand();
                command.Transaction = tx.GetDbTransaction();
                command.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(c => $"\"{c.Column}\""))} FROM \"{table.Name}\"";
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    json.WriteStartArray();
                    for (var i = 0; i < table.Columns.Count; i++)
                        WriteValue(json, reader, i, table.Columns[i].Type);
                    json.WriteEndArray();
                    rows++;
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        await tx.CommitAsync(ct);
        return rows;
    }

    static void WriteValue(Utf8JsonWriter json, DbDataReader reader, int i, Type type)
    {
        if (reader.IsDBNull(i)) { json.WriteNullValue(); return; }
        switch (Type.GetTypeCode(type))
        {
            case TypeCode.String: json.WriteStringValue(reader.GetString(i)); break;
            case TypeCode.Boolean: json.WriteBooleanValue(reader.GetFieldValue<bool>(i)); break;
            case TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64: json.WriteNumberValue(Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture)); break;
            case TypeCode.Decimal: json.WriteNumberValue(reader.GetFieldValue<decimal>(i)); break;
            case TypeCode.Double or TypeCode.Single: json.WriteNumberValue(Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture)); break;
            case TypeCode.DateTime: json.WriteStringValue(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(i), DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture)); break;
            default:
                if (type == typeof(Guid)) json.WriteStringValue(reader.GetFieldValue<Guid>(i));
                else if (type == typeof(DateOnly)) json.WriteStringValue(reader.GetFieldValue<DateOnly>(i).ToString("O", CultureInfo.InvariantCulture));
                else if (type == typeof(DateTimeOffset)) json.WriteStringValue(reader.GetFieldValue<DateTimeOffset>(i).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                else if (type == typeof(byte[])) json.WriteBase64StringValue(reader.GetFieldValue<byte[]>(i));
                else if (IsList(type)) json.WriteRawValue(JsonSerializer.Serialize(reader.GetValue(i)));   // PostgreSQL's arrays (text[])
                else throw new NotSupportedException($"A column of type {type} cannot be backed up.");
                break;
        }
    }

    /// <summary>A list kept as a native array (PostgreSQL); SQLite keeps the same list as JSON text.</summary>
    static bool IsList(Type type) => type != typeof(string) && type != typeof(byte[]) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type);

    static object ReadValue(JsonElement value, Type type) => Type.GetTypeCode(type) switch
    {
        // A list from PostgreSQL into SQLite: the JSON text SQLite keeps lists as.
        TypeCode.String when value.ValueKind == JsonValueKind.Array => value.GetRawText(),
        // A list from SQLite (JSON text) or PostgreSQL (an array) into PostgreSQL's array.
        _ when IsList(type) => JsonSerializer.Deserialize(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(),
                                                          (type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0]).MakeArrayType())!,
        TypeCode.String => value.GetString()!,
        TypeCode.Boolean => value.GetBoolean(),
        TypeCode.Int16 => value.GetInt16(),
        TypeCode.Int32 => value.GetInt32(),
        TypeCode.Int64 => value.GetInt64(),
        TypeCode.Decimal => value.GetDecimal(),
        TypeCode.Double => value.GetDouble(),
        TypeCode.Single => value.GetSingle(),
        TypeCode.DateTime => DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime(),
        _ when type == typeof(Guid) => value.GetGuid(),
        _ when type == typeof(DateOnly) => DateOnly.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        _ when type == typeof(DateTimeOffset) => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        _ when type == typeof(byte[]) => value.GetBytesFromBase64(),
        _ => throw new NotSupportedException($"A column of type {type} cannot be restored."),
    };

    /// <summary>
    /// Fills an empty database (migrated to the backup's migration) from a backup, in one
    /// transaction; returns the number of rows. A database that holds anything, a file that is not a
    /// backup, or one taken at another migration is refused with why, and nothing is written.
    /// </summary>
    public static async Task<int> RestoreAsync(ScorecardDb db, Stream input, CancellationToken ct = default)
    {
        try { return await RestoreFileAsync(db, input, ct); }
        // A gzipped JSON file of our format that lacks a part or holds a value of the wrong kind: not a backup as written.
        catch (Exception e) when (e is KeyNotFoundException or FormatException or IndexOutOfRangeException)
        {
            throw new DomainException($"檔案不是 Scorecard 的備份檔（應為 backup 指令產生的 .json.gz）。");
        }
    }

    static async Task<int> RestoreFileAsync(ScorecardDb db, Stream input, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            await using var zip = new GZipStream(input, CompressionMode.Decompress, leaveOpen: true);
            document = await JsonDocument.ParseAsync(zip, cancellationToken: ct);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            throw new DomainException($"檔案不是 Scorecard 的備份檔（應為 backup 指令產生的 .json.gz）。");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != Format)
                throw new DomainException($"檔案不是 Scorecard 的備份檔（應為 backup 指令產生的 .json.gz）。");
            var migration = root.GetProperty("migration").GetString();
            if (migration != await MigrationAsync(db))
                throw new DomainException($"備份檔取自資料庫版本「{migration}」，與此資料庫的版本「{await MigrationAsync(db)}」不同；請以同一版本的程式還原。");

            var tables = Tables(db);
            var stored = root.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
            var connection = db.Database.GetDbConnection();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var table in tables.Where(t => !t.Seeded))
            {
                await using var count = connection.CreateCommand();
                count.Transaction = tx.GetDbTransaction();
                count.CommandText = $"SELECT COUNT(*) FROM \"{table.Name}\"";
                if (Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0)
                    throw new DomainException($"資料庫不是空的（「{table.Name}」已有資料）；請還原到新建立的空資料庫，以免覆蓋現有資料。");
            }
            var rows = 0;
            foreach (var table in tables.Where(t => !t.Seeded))
            {
                if (!stored.TryGetValue(table.Name, out var data))
                    continue;
                var columns = data.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
                var types = columns.Select(c => table.Columns.FirstOrDefault(t => t.Column == c).Type
                    ?? throw new DomainException($"備份檔的「{table.Name}.{c}」欄位不在此資料庫中。")).ToList();
                await using var insert = connection.CreateCommand();
                insert.Transaction = tx.GetDbTransaction();
                insert.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
                var parameters = columns.Select((_, i) =>
                {
                    var p = insert.CreateParameter();
                    p.ParameterName = $"@p{i}";
                    insert.Parameters.Add(p);
                    return p;
                }).ToList();
                foreach (var row in ParentsFirst(table, columns, data.GetProperty("rows").EnumerateArray().ToList()))
                {
                    var values = row.EnumerateArray().ToList();
                    for (var i = 0; i < columns.Count; i++)
                        parameters[i].Value = values[i].ValueKind == JsonValueKind.Null ? DBNull.Value : ReadValue(values[i], types[i]);
                    await insert.ExecuteNonQueryAsync(ct);
                    rows++;
                }
            }
            if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
                await ResetSequencesAsync(db, tx.GetDbTransaction(), ct);
            // Every instance on this database reads its pages anew.
            await ContentStamp.BumpAsync(db, ct);
            await tx.CommitAsync(ct);
            return rows;
        }
    }

    /// <summary>A table that points at itself (an organisation under its parent): each row after the row it points to.</summary>
    static IEnumerable<JsonElement> ParentsFirst(Table table, List<string> columns, List<JsonElement> rows)
    {
        if (table.SelfReference is not { Properties: [var fk] } self || self.PrincipalKey.Properties is not [var pk])
            return rows;
        var fkAt = columns.IndexOf(fk.GetColumnName());
        var pkAt = columns.IndexOf(pk.GetColumnName());
        var placed = new HashSet<string>();
        var ordered = new List<JsonElement>();
        var left = rows;
        while (left.Count > 0)
        {
            var ready = left.Where(r => r[fkAt].ValueKind == JsonValueKind.Null || placed.Contains(r[fkAt].ToString())).ToList();
            if (ready.Count == 0)
                throw new DomainException($"備份檔的「{table.Name}」有指向不存在資料的列。");
            ordered.AddRange(ready);
            placed.UnionWith(ready.Select(r => r[pkAt].ToString()));
            left = left.Where(r => !placed.Contains(r[pkAt].ToString())).ToList();
        }
        return ordered;
    }

    /// <summary>PostgreSQL's generated keys continue after the restored rows, not from 1.</summary>
    static async Task ResetSequencesAsync(DbContext db, DbTransaction tx, CancellationToken ct)
    {
        foreach (var type in db.Model.GetEntityTypes())
            foreach (var key in type.FindPrimaryKey()?.Properties ?? [])
            {
                if (key.ValueGenerated != ValueGenerated.OnAdd || Type.GetTypeCode(key.ClrType) is not (TypeCode.Int32 or TypeCode.Int64) || type.GetTableName() is not { } name)
                    continue;
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.Transaction = tx;
                var column = key.GetColumnName();
                command.CommandText = $"SELECT setval(pg_get_serial_sequence('\"{name}\"', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM \"{name}\"), 0) + 1, false)";
                await command.ExecuteScalarAsync(ct);
            }
    }
}
