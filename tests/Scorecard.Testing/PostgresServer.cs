using System.Diagnostics;
using Npgsql;

namespace Scorecard.Testing;

/// <summary>
/// A real PostgreSQL server started by the test run from the machine's own binaries
/// (/usr/lib/postgresql/*/bin) in a temporary folder on a free loopback port. Missing binaries
/// fail the tests; they are never skipped (.ci/run installs postgresql).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    readonly string folder;
    readonly string bin;
    public int Port { get; }

    PostgresServer(string folder, string bin, int port)
    {
        this.folder = folder;
        this.bin = bin;
        Port = port;
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false;Timeout=30";

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
            throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb). Run .ci/run, or apt-get install postgresql.");

        var folder = Path.Combine(Path.GetTempPath(), $"scorecard-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var port = Loopback.FreePort();
        var server = new PostgresServer(folder, bin, port);
        server.GiveToServerUser();
        await server.RunAsync("initdb", $"-D {folder}/data -U postgres -A trust -E UTF8 --locale=C.UTF-8");
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) on the same port with the same data.</summary>
    public Task StartAgainAsync() =>
        RunAsync("pg_ctl", $"-D {folder}/data -l {folder}/log -w -t 60 -o \"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start");

    /// <summary>Shuts the server down as an administrator would for a restart: sessions are ended, work in progress rolled back.</summary>
    public Task StopAsync() => RunAsync("pg_ctl", $"-D {folder}/data -m fast -w stop");

    /// <summary>
    /// A new, empty database; or, given <paramref name="template"/>'s connection string, a copy of that database
    /// (PostgreSQL copies its files: much faster than making the same rows again; nobody may be connected to it).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var name = $"scorecard_{Guid.NewGuid():N}";
        var from = template is null ? "" : $" TEMPLATE {new NpgsqlConnectionStringBuilder(template).Database}";
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name} ENCODING 'UTF8'{from}", conn);
        await cmd.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    // initdb refuses to run as root: as root, the server runs as the postgres user.
    static bool IsRoot => Environment.UserName == "root";

    void GiveToServerUser()
    {
        if (!IsRoot) return;
        Process.Start("chown", $"-R postgres {folder}")!.WaitForExit();
    }

    async Task RunAsync(string tool, string arguments)
    {
        var exe = Path.Combine(bin, tool);
        var start = IsRoot
            ? new ProcessStartInfo("runuser", $"-u postgres -- {exe} {arguments}")
            : new ProcessStartInfo(exe, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = File.Exists(Path.Combine(folder, "log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "log")) : "";
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await output}\n{await error}\n{log}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A test that stopped the server and failed before starting it again: nothing to stop (and its failure is the one to see).
        try { if (File.Exists(Path.Combine(folder, "data", "postmaster.pid"))) await RunAsync("pg_ctl", $"-D {folder}/data -m immediate -w stop"); }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
