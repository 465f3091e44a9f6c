using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Scorecard.Testing;

namespace Scorecard.Web.Tests;

/// <summary>
/// The product as its own process (`dotnet Scorecard.Web.dll`), on a database the test names, so
/// that a test can do to it what happens to a server: <see cref="Kill"/> is `kill -9`.
/// </summary>
sealed class ServerProcess : IDisposable
{
    readonly Process process;
    readonly Queue<string> lastLines = new();
    public Uri Address { get; }

    ServerProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    /// <param name="workingDirectory">Where it is started from: by default the project's folder, as `dotnet run` does.</param>
    /// <param name="settings">More settings (`--Scorecard:Metrics:Prometheus=true`).</param>
    public static async Task<ServerProcess> StartAsync(string provider, string connectionString, string? workingDirectory = null, IEnumerable<string>? settings = null)
    {
        var address = new Uri($"http://127.0.0.1:{Loopback.FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Path.Combine(Repository.Root, "src", "Scorecard.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "Scorecard.Web.dll"), "--urls", address.ToString(),
                $"--Scorecard:Provider={provider}", $"--ConnectionStrings:Scorecard={connectionString}",
                "--Scorecard:DemoData=false", "--Scorecard:SignIn:PerMinute=100000",
                "--Scorecard:Writes:PerMinute=100000", "--Scorecard:PublicReads:PerMinute=100000",
            },
        };
        foreach (var setting in settings ?? [])
            start.ArgumentList.Add(setting);
        var server = new ServerProcess(Process.Start(start)!, address);
        server.process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        server.process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = address };
        for (var waited = 0; waited < 300; waited++)
        {
            if (server.process.HasExited)
                break;
            try
            {
                if ((await probe.GetAsync("/readyz")).IsSuccessStatusCode)
                    return server;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        server.Dispose();
        throw new InvalidOperationException($"The server process did not start: {server.Output}");
    }

    readonly Dictionary<string, int> counted = [];

    /// <summary>How many lines of the output so far held <paramref name="text"/> (one of <see cref="Counted"/>).</summary>
    public int LinesSaying(string text) { lock (lastLines) return counted.GetValueOrDefault(text); }

    void Keep(string? line)
    {
        if (line is null) return;
        lock (lastLines)
        {
            foreach (var text in Counted)
                if (line.Contains(text, StringComparison.Ordinal))
                    counted[text] = counted.GetValueOrDefault(text) + 1;
            lastLines.Enqueue(line);
            if (lastLines.Count > 40) lastLines.Dequeue();
        }
    }

    /// <summary>What is counted in every line of output, however long the run.</summary>
    static readonly string[] Counted = ["Executed DbCommand"];

    public string Output { get { lock (lastLines) return string.Join('\n', lastLines); } }

    /// <summary>A client signed in with a bearer token, as the API's callers are.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = Infrastructure.DatabaseStartup.DemoPassword)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };
        var response = await client.PostAsJsonAsync("/api/account/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Lowers the server's priority: on a busy machine the watcher that waits to kill it mid-write then gets
    /// the processor first, and does not miss a transaction of some tens of milliseconds.
    /// </summary>
    public void Yield() => process.PriorityClass = ProcessPriorityClass.BelowNormal;

    /// <summary>SIGKILL: no shutdown, no disposal, no flush; whatever the process was doing stops where it was.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
            Kill();
        process.Dispose();
    }
}
