using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Scorecard.Data;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Values;
using Scorecard.Interchange.Json;
using Scorecard.Interchange.Synthetic;
using Scorecard.Testing;
using Xunit.Abstractions;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 11 §2: the server process killed with SIGKILL while it writes — an import, a publish —
/// leaves the database exactly as before the operation or exactly as after it, never between; the
/// next server on it (a restart) works on. The kill is timed by the database itself: it waits
/// until the server holds a write transaction open (PostgreSQL: a session with a transaction id;
/// SQLite: the write lock), then waits a little more or not at all.
/// </summary>
[Collection(LongRunningCollection.Name)]
public class CrashScenarios(Servers servers, ITestOutputHelper output)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_server_killed_in_the_middle_of_an_import_leaves_the_database_as_before_or_as_after(string provider)
    {
        var setup = await servers.FreshAsync(provider, demoData: true);
        (await setup.AdministratorAsync()).Dispose();
        var killedWhileWriting = 0;
        int[] delays = [0, 200];
        for (var trial = 0; trial < delays.Length; trial++)
        {
            // Three synthetic agencies (and their city) new to the database: a few thousand rows in one transaction.
            var files = new[] { 0, 3 * trial + 1, 3 * trial + 2, 3 * trial + 3 }
                .Select(o => SyntheticCity.Map(o, 109, kpis: 60, seed: 5)).Select(m => ($"{m.Organization!.Name}.json", MapExporter.Serialize(m))).ToList();
            var before = await ChecksumAsync(setup);

            bool writing;
            using (var process = await ServerProcess.StartAsync(provider, setup.ConnectionString))
            using (var admin = await process.SignInAsync("admin@example.org"))
            {
                writing = await KillWhileWritingAsync(process, provider, setup.ConnectionString, () => admin.PostAsync("/api/imports", Upload(files)), TimeSpan.FromMilliseconds(delays[trial]));
            }

            // A restart: another server on the same database.
            var restarted = servers.AnotherInstance(setup);
            var after = await ChecksumAsync(restarted);
            using var client = await restarted.AdministratorAsync();
            string outcome;
            if (after == before)
                outcome = "as before";
            else
            {
                // Not as before: then the whole import is there, and sending it again changes nothing.
                var again = await Json(await client.PostAsync("/api/imports", Upload(files)));
                Assert.Equal(0, again["rowsCreated"]!.GetValue<int>() + again["rowsUpdated"]!.GetValue<int>());
                outcome = "as after";
            }
            killedWhileWriting += writing ? 1 : 0;
            output.WriteLine($"{provider}, killed {delays[trial]} ms after the write began{(writing ? " while still writing" : ", after it ended")}: {outcome}");
            // The restarted server works on: the next import goes through whole.
            await Ok(await client.GetAsync("/api/organisations"));
        }
        Assert.True(killedWhileWriting > 0, "no kill landed inside the write transaction");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_server_killed_in_the_middle_of_a_publish_leaves_the_period_all_published_or_not_at_all(string provider)
    {
        // A publish's one transaction lasts a few milliseconds on an idle machine, and a look at the database
        // can miss it; then the publish has ended whole, which is checked too, and another try is made on a
        // fresh database.
        var killedWhileWriting = false;
        for (var attempt = 1; attempt <= 3 && !killedWhileWriting; attempt++)
            killedWhileWriting = await KillAPublishAsync(provider, attempt);
        Assert.True(killedWhileWriting, "no kill landed inside the publish's transaction in three tries");
    }

    /// <summary>Kills the server in the middle of publishing the city 107 map's Q2; true if it was killed while writing.</summary>
    async Task<bool> KillAPublishAsync(string provider, int attempt)
    {
        var setup = await servers.FreshAsync(provider, demoData: true);
        const string map = "/api/maps/臺北市政府/107";
        using (var rdec = await setup.SignInAsync("rdec@example.org"))
        using (var admin = await setup.AdministratorAsync())
        {
            await Ok(await rdec.PostAsJsonAsync(map + "/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));
            var codes = JsonNode.Parse(await admin.GetStringAsync(map))!["kpis"]!.AsArray()
                .Where(k => k!["subValues"] is null && k["computedFrom"] is null).Select(k => k!["code"]!.GetValue<string>()).Take(30).ToList();
            foreach (var code in codes)
            {
                var entry = $"{map}/kpis/{code}/values/107/Q2";
                await Ok(await admin.PutAsJsonAsync(entry + "/actual", new { value = 42.5, narrative = "依進度辦理。", confirm = true }));   // one figure for thirty KPIs of every scale
                await Ok(await admin.PostAsync(entry + "/submit", null));
                await Ok(await admin.PostAsync(entry + "/approve", null));
            }
        }
        var before = await ChecksumAsync(setup);

        bool writing;
        using (var process = await ServerProcess.StartAsync(provider, setup.ConnectionString))
        using (var rdec = await process.SignInAsync("rdec@example.org"))
            writing = await KillWhileWritingAsync(process, provider, setup.ConnectionString, () => rdec.PostAsync(map + "/periods/107/Q2/publish", Confirmed()), TimeSpan.Zero);

        var restarted = servers.AnotherInstance(setup);
        var state = await PublishedAsync(restarted);
        output.WriteLine($"{provider}, try {attempt}, killed {(writing ? "while writing" : "after the publish ended")}: period {state.Period}, {state.PublishedFigures} figures published");
        if (await ChecksumAsync(restarted) == before)
            Assert.Equal(("open", 0), state);
        else
            Assert.Equal(("published", 30), state);
        // After the restart the period can be published (again, or for the first time), whole.
        using var planner = await restarted.SignInAsync("rdec@example.org");
        if (state.Period == "open")
            await Ok(await planner.PostAsync(map + "/periods/107/Q2/publish", Confirmed()));
        Assert.Equal(("published", 30), await PublishedAsync(restarted));
        return writing;
    }

    /// <summary>The city 107 map's Q2 period state and how many of its Q2 actuals are published.</summary>
    static async Task<(string Period, int PublishedFigures)> PublishedAsync(ScorecardServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
        var map = await db.Maps.Include(m => m.Organisation).SingleAsync(m => m.Organisation.Name == "臺北市政府" && m.Year == 2018);
        var period = await db.ReportingPeriods.SingleAsync(p => p.MapId == map.Id && p.Year == 2018 && p.Period == Period.Q2);
        var published = await db.Submissions.CountAsync(s => db.Kpis.Any(k => k.Id == s.KpiId && k.MapId == map.Id)
                                                           && s.Year == 2018 && s.Period == Period.Q2 && s.State == SubmissionState.Published);
        return (period.State.ToString().ToLowerInvariant(), published);
    }

    /// <summary>
    /// Waits until the server holds a write transaction open, and <paramref name="delay"/> more, then
    /// kills it the moment it is seen writing again (an operation may write in more than one short
    /// transaction). True when it was killed while writing; false when the request ended first (having
    /// written unseen, or after <paramref name="delay"/>).
    /// </summary>
    /// <remarks>
    /// The watching connection is open before the request is sent and kept for every look: a publish's one
    /// transaction lasts some tens of milliseconds, and opening a connection per look once missed it whole.
    /// </remarks>
    static async Task<bool> KillWhileWritingAsync(ServerProcess process, string provider, string connectionString, Func<Task<HttpResponseMessage>> send, TimeSpan delay)
    {
        await using var watcher = await WriteWatcher.OpenAsync(provider, connectionString);
        process.Yield();
        var request = send();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        DateTime? firstSeen = null;
        var writing = false;
        while (!request.IsCompleted && DateTime.UtcNow < deadline)
        {
            writing = await watcher.WritingAsync();
            if (writing && firstSeen is null)
                firstSeen = DateTime.UtcNow;
            if (writing && DateTime.UtcNow - firstSeen >= delay)
                break;
        }
        process.Kill();
        try { await request; } catch (HttpRequestException) { } catch (TaskCanceledException) { }
        return writing;
    }

    /// <summary>Whether another session holds a write transaction open on the database right now, asked on one open connection.</summary>
    sealed class WriteWatcher : IAsyncDisposable
    {
        readonly NpgsqlConnection? postgres;
        readonly NpgsqlCommand? query;
        readonly SqliteConnection? sqlite;

        WriteWatcher(NpgsqlConnection? postgres, NpgsqlCommand? query, SqliteConnection? sqlite) => (this.postgres, this.query, this.sqlite) = (postgres, query, sqlite);

        public static async Task<WriteWatcher> OpenAsync(string provider, string connectionString)
        {
            if (provider == "postgres")
            {
                var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                var command = new NpgsqlCommand(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL", connection);
                await command.PrepareAsync();
                return new WriteWatcher(connection, command, null);
            }
            var sqlite = new SqliteConnection(connectionString);
            await sqlite.OpenAsync();
            return new WriteWatcher(null, null, sqlite);
        }

        public async Task<bool> WritingAsync()
        {
            // Each look is a transaction of its own, so pg_stat_activity is read anew.
            if (query is not null)
                return (long)(await query.ExecuteScalarAsync())! > 0;
            // SQLite: try to take the write lock without waiting (the raw API, past Microsoft.Data.Sqlite's retries).
            var rc = SQLitePCL.raw.sqlite3_exec(sqlite!.Handle, "BEGIN IMMEDIATE");
            if (rc == SQLitePCL.raw.SQLITE_OK)
            {
                SQLitePCL.raw.sqlite3_exec(sqlite.Handle, "ROLLBACK");
                return false;
            }
            return rc is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED;
        }

        public async ValueTask DisposeAsync()
        {
            if (query is not null) await query.DisposeAsync();
            if (postgres is not null) await postgres.DisposeAsync();
            if (sqlite is not null) await sqlite.DisposeAsync();
        }
    }

    static MultipartFormDataContent Upload(IEnumerable<(string Name, string Json)> files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, json) in files)
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(json)), "files", name);
        return form;
    }

    static async Task<string> ChecksumAsync(ScorecardServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
        // Sign-ins write the audit trail, the accounts (lockout counts, stamps) and the data-protection keys; what is compared is the product's data.
        var accounts = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Where(t => t.StartsWith("AspNetUser", StringComparison.Ordinal));
        return await TableChecksums.OfAsync(db, ["AuditEntries", "DataProtectionKeys", .. accounts]);
    }
}
