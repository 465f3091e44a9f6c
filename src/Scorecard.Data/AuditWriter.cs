using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Scorecard.Data;

/// <summary>
/// Writes a save's audit entries a hundred rows to a command, in the save's transaction. Through the
/// change tracker each entry was a command of its own (EF Core sends SQLite one statement per row, and
/// reads each new id back): an import of a large map writes thousands of entries, and they were half
/// its commands. Each value is bound as EF Core binds it (the property's own type mapping and
/// converter), so a row reads back the same whichever way it was written.
/// </summary>
static class AuditWriter
{
    // 9 columns: 900 parameters to a command, far under SQLite's 32,766 and PostgreSQL's 65,535.
    const int RowsPerCommand = 100;

    public static async Task InsertAsync(ScorecardDb db, IReadOnlyList<AuditEntry> audits, CancellationToken ct)
    {
        if (audits.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(AuditEntry))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToList();   // all but the id
        var sql = db.GetService<ISqlGenerationHelper>();
        var insert = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Audit entries are written in the transaction of the change they record.");
        foreach (var rows in audits.Chunk(RowsPerCommand))
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(insert);
            for (var row = 0; row < rows.Length; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < columns.Count; column++)
                {
                    var property = columns[column];
                    var name = sql.GenerateParameterName($"a{row}_{column}");
                    text.Append(column == 0 ? "" : ", ").Append(name);
                    command.Parameters.Add(property.GetRelationalTypeMapping()
                        .CreateParameter(command, name, property.GetGetter().GetClrValue(rows[row]), property.IsNullable));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
