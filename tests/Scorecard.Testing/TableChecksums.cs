using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Scorecard.Data;

namespace Scorecard.Testing;

/// <summary>
/// Every table of the database, its row count and a checksum of every value in it (rows in any
/// order): equal before and after means nothing was written, not even a row put back as it was.
/// </summary>
public static class TableChecksums
{
    /// <param name="except">Tables left out (a sign-in writes the audit trail and the accounts, not the product's data).</param>
    public static async Task<string> OfAsync(ScorecardDb db, params string[] except)
    {
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct()
            .Where(t => !except.Contains(t)).Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await connection.OpenAsync();
        try
        {
            // One command, a result set per table: one round trip.
            await using var command = connection.CreateCommand();
            command.CommandText = string.Join(";\n", tables.Select(t => $"SELECT * FROM \"{t}\""));
            var result = new StringBuilder();
            await using var reader = await command.ExecuteReaderAsync();
            foreach (var table in tables)
            {
                var rows = new List<string>();
                while (await reader.ReadAsync())
                {
                    var row = new StringBuilder();
                    for (var i = 0; i < reader.FieldCount; i++)
                        row.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('\u001f');
                    rows.Add(row.ToString());
                }
                rows.Sort(StringComparer.Ordinal);
                var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows))))[..16];
                result.Append(CultureInfo.InvariantCulture, $"{table}:{rows.Count}:{hash};");
                await reader.NextResultAsync();
            }
            return result.ToString();
        }
        finally
        {
            if (opened)
                await connection.CloseAsync();
        }
    }
}
