using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Data;
using Scorecard.Interchange.Json;
using Scorecard.Testing;
using Scorecard.Web.Infrastructure;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 11 §2: `backup <file>` and `restore <file>` on the command line. The demo city, with a
/// quarter entered and published, backed up from SQLite, restored into an empty PostgreSQL
/// database and from there (backed up again) into an empty SQLite file: every map exports
/// identically, every table has its rows, and the accounts sign in. A restore into a database
/// that holds anything is refused and changes nothing.
/// </summary>
[Collection(ServersCollection.Name)]
public class BackupScenarios(Servers servers)
{
    [Fact]
    public async Task A_backup_restores_into_an_empty_database_of_either_kind_and_exports_identically()
    {
        var original = await servers.FreshAsync("sqlite", demoData: true);
        using (var rdec = await original.SignInAsync("rdec@example.org"))
        using (var epb = await original.SignInAsync("epb@example.org"))
        {
            const string entry = "/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q2";
            await Ok(await rdec.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));
            await Ok(await epb.PutAsJsonAsync(entry + "/actual", new { value = 45.2, narrative = "推動空污減量。" }));
            await Ok(await epb.PostAsync(entry + "/submit", null));
            await Ok(await rdec.PostAsync(entry + "/approve", null));
            await Ok(await rdec.PostAsync("/api/maps/臺北市政府/107/periods/107/Q2/publish", Confirmed()));
        }
        var intoPostgres = await servers.FreshAsync("postgres");
        var intoSqlite = await servers.FreshAsync("sqlite");
        var folder = Directory.CreateTempSubdirectory("backup-");
        try
        {
            var first = Path.Combine(folder.FullName, "sqlite.json.gz");
            var second = Path.Combine(folder.FullName, "postgres.json.gz");
            Assert.Equal(0, await CommandLine.RunAsync(["backup", first, .. Settings(original)]));
            Assert.Equal(0, await CommandLine.RunAsync(["restore", first, .. Settings(intoPostgres)]));
            Assert.Equal(0, await CommandLine.RunAsync(["backup", second, .. Settings(intoPostgres)]));
            Assert.Equal(0, await CommandLine.RunAsync(["restore", second, .. Settings(intoSqlite)]));

            var expected = await ExportsAsync(original);
            Assert.True(expected.Count >= 5, $"{expected.Count} maps");
            Assert.Equal(expected, await ExportsAsync(intoPostgres));
            Assert.Equal(expected, await ExportsAsync(intoSqlite));
            Assert.Equal(await RowCountsAsync(original), await RowCountsAsync(intoPostgres));
            Assert.Equal(await RowCountsAsync(original), await RowCountsAsync(intoSqlite));

            // The accounts came along: a reporter signs in on the restored PostgreSQL and sees the published quarter.
            using var epbAgain = await intoPostgres.SignInAsync("epb@example.org");
            var published = await Json(await epbAgain.GetAsync("/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q2/actual"));
            Assert.Equal("published", published["state"]!.GetValue<string>());
            // A new write on the restored database gets a key after the restored ones.
            using var rdecAgain = await intoPostgres.SignInAsync("rdec@example.org");
            await Ok(await rdecAgain.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q3/open", new { deadline = "2018-10-15", confirm = true }));

            // Into a database that holds anything: refused, nothing written.
            var before = await RowCountsAsync(intoSqlite);
            using var errors = new StringWriter();
            Assert.Equal(1, await CommandLine.RunAsync(["restore", first, .. Settings(intoSqlite)], TextWriter.Null, errors));
            Assert.StartsWith("還原失敗，資料未變更：資料庫不是空的", errors.ToString());
            Assert.Equal(before, await RowCountsAsync(intoSqlite));
            // A file that is not a backup.
            using var notBackup = new StringWriter();
            Assert.Equal(1, await CommandLine.RunAsync(["restore", SeedData.PathOf("beitou-bsc-110.json"), .. Settings(await servers.FreshAsync("sqlite"))], TextWriter.Null, notBackup));
            Assert.Contains("不是 Scorecard 的備份檔", notBackup.ToString());
        }
        finally { folder.Delete(recursive: true); }
    }

    static string[] Settings(ScorecardServer server) =>
        [$"--Scorecard:Provider={server.Provider}", $"--ConnectionStrings:Scorecard={server.ConnectionString}", "--Logging:LogLevel:Default=Warning"];

    /// <summary>Every map exported as the interchange file, by organisation and year.</summary>
    static async Task<List<string>> ExportsAsync(ScorecardServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
        var maps = await db.Maps.Select(m => new { m.Organisation.Name, m.Year }).OrderBy(m => m.Name).ThenBy(m => m.Year).ToListAsync();
        var exports = new List<string>();
        foreach (var map in maps)
            exports.Add(MapExporter.Serialize((await MapExporter.ExportAsync(db, map.Name, map.Year - 1911))!));
        return exports;
    }

    static async Task<string> RowCountsAsync(ScorecardServer server)
    {
        var sums = await server.TableChecksumsAsync();
        return string.Join(";", sums.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(t => string.Join(':', t.Split(':')[..2])));
    }
}
