using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Scorecard.Testing;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 37 §2: Debian's real Prometheus scrapes the product's /metrics during a short scenario, and the product's
/// counters, request durations by route and database command durations are read back through Prometheus's HTTP API.
/// Prometheus missing is a failure, never a skip (scripts/test installs it), as a missing PostgreSQL is.
/// </summary>
[Collection(ServersCollection.Name)]
public class PrometheusScenarios(Servers servers)
{
    const string PrometheusBinary = "/usr/bin/prometheus";

    [Fact]
    public async Task Prometheus_reads_the_products_counters_from_metrics()
    {
        Assert.True(File.Exists(PrometheusBinary), "Prometheus is not installed (no /usr/bin/prometheus). Run scripts/test, or apt-get install prometheus.");
        var database = await servers.FreshAsync("sqlite");
        string[] settings = ["--Scorecard:Provider=sqlite", $"--ConnectionStrings:Scorecard={database.ConnectionString}"];
        Assert.Equal(0, await CommandLine.RunAsync(["users", "add", "it@example.org", "--role", "administrator", .. settings], TextWriter.Null, TextWriter.Null));
        var wrong = "Not-the-password-1";

        using var app = await ServerProcess.StartAsync("sqlite", database.ConnectionString, settings: ["--Scorecard:Metrics:Prometheus=true"]);
        using var prometheus = await PrometheusProcess.StartAsync(app.Address);

        // The scenario: two wrong passwords, an import that is refused and one that is imported.
        using var anonymous = new HttpClient { BaseAddress = app.Address };
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/account/login", new { email = "it@example.org", password = wrong })).StatusCode);
        var reset = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(["users", "reset-password", "it@example.org", "--json", .. settings], reset, TextWriter.Null));
        using var admin = await app.SignInAsync("it@example.org", JsonNode.Parse(reset.ToString())!["password"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/imports", Uploads.Of("broken.json", "{ \"organization\": "u8.ToArray()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/imports", Uploads.Seed("beitou-bsc-110.json"))).StatusCode);

        // The dashboard read twice by staff (never served a kept page): computed once, then read from the cache.
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/dashboard")).StatusCode);

        // The refused write is in the log once, with the account and the reason; the password tried is nowhere.
        Assert.Single(app.Output.Split('\n'), l => l.Contains("Refused POST /api/imports (400) for it@example.org: broken.json", StringComparison.Ordinal));
        Assert.DoesNotContain(wrong, app.Output);

        Assert.Equal(2, await prometheus.ValueAsync("sum(scorecard_sign_in_failures_total{reason=\"wrong_password\"})"));
        Assert.Equal(1, await prometheus.ValueAsync("sum(scorecard_imports_total{outcome=\"refused\"})"));
        Assert.Equal(1, await prometheus.ValueAsync("sum(scorecard_imports_total{outcome=\"imported\"})"));
        Assert.True(await prometheus.ValueAsync("sum(scorecard_import_rows_total{change=\"created\"})") > 100);
        Assert.True(await prometheus.ValueAsync("sum(http_server_request_duration_seconds_count{http_route=\"/api/imports\"})") >= 2);
        Assert.True(await prometheus.ValueAsync("sum(scorecard_db_command_duration_seconds_count{db_system=\"sqlite\"})") > 10);
        Assert.True(await prometheus.ValueAsync("sum(scorecard_cache_reads_total{outcome=\"miss\"})") >= 1);
        Assert.True(await prometheus.ValueAsync("sum(scorecard_cache_reads_total{outcome=\"hit\"})") >= 1);
    }

    /// <summary>Off unless configured; on, answered only to the configured addresses (here not loopback): a 404 like any unknown page.</summary>
    [Fact]
    public async Task Metrics_answer_only_where_configured_and_only_to_allowed_addresses()
    {
        var database = await servers.FreshAsync("sqlite");
        using (var off = await ServerProcess.StartAsync("sqlite", database.ConnectionString, settings: ["--Scorecard:Logging:Json=true"]))
        using (var client = new HttpClient { BaseAddress = off.Address })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
            // JSON console logging by the setting: the host's start, one object a line.
            var started = Assert.Single(off.Output.Split('\n'), l => l.Contains("Now listening on", StringComparison.Ordinal));
            Assert.Equal("Microsoft.Hosting.Lifetime", JsonNode.Parse(started)!["Category"]!.GetValue<string>());
        }
        using (var elsewhere = await ServerProcess.StartAsync("sqlite", database.ConnectionString,
            settings: ["--Scorecard:Metrics:Prometheus=true", "--Scorecard:Metrics:AllowedAddresses:0=10.9.9.0/24"]))
        using (var client = new HttpClient { BaseAddress = elsewhere.Address })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
        using (var loopback = await ServerProcess.StartAsync("sqlite", database.ConnectionString, settings: ["--Scorecard:Metrics:Prometheus=true"]))
        using (var client = new HttpClient { BaseAddress = loopback.Address })
        {
            var answer = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("# TYPE", await answer.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Debian's prometheus in a temporary folder on a free loopback port, scraping the app every second.</summary>
    sealed class PrometheusProcess : IDisposable
    {
        readonly Process process;
        readonly DirectoryInfo folder;
        readonly HttpClient api;

        PrometheusProcess(Process process, DirectoryInfo folder, Uri address) =>
            (this.process, this.folder, api) = (process, folder, new HttpClient { BaseAddress = address });

        public static async Task<PrometheusProcess> StartAsync(Uri app)
        {
            var folder = Directory.CreateTempSubdirectory("prometheus-");
            var config = Path.Combine(folder.FullName, "prometheus.yml");
            await File.WriteAllTextAsync(config, $"""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: scorecard
                    static_configs:
                      - targets: ['{app.Authority}']
                """);
            var address = new Uri($"http://127.0.0.1:{Loopback.FreePort()}");
            var start = new ProcessStartInfo(PrometheusBinary) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { $"--config.file={config}", $"--storage.tsdb.path={folder.FullName}/data", $"--web.listen-address={address.Authority}" })
                start.ArgumentList.Add(arg);
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var prometheus = new PrometheusProcess(process, folder, address);
            for (var i = 0; i < 300; i++)
            {
                try
                {
                    if ((await prometheus.api.GetAsync("/-/ready")).IsSuccessStatusCode)
                        return prometheus;
                }
                catch (HttpRequestException) { }
                await Task.Delay(100);
            }
            prometheus.Dispose();
            throw new InvalidOperationException("Prometheus did not become ready.");
        }

        /// <summary>The query's value once Prometheus has scraped it (waits for the next scrapes until it is there and steady).</summary>
        public async Task<double> ValueAsync(string query)
        {
            double? last = null;
            for (var i = 0; i < 60; i++)
            {
                var answer = JsonNode.Parse(await api.GetStringAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}"))!;
                if (answer["data"]!["result"]!.AsArray() is [var first, ..])
                {
                    var value = double.Parse(first!["value"]![1]!.GetValue<string>(), CultureInfo.InvariantCulture);
                    if (value == last)
                        return value;
                    last = value;
                }
                await Task.Delay(1000);
            }
            return last ?? throw new InvalidOperationException($"Prometheus has no value for {query}.");
        }

        public void Dispose()
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
            api.Dispose();
            folder.Delete(recursive: true);
        }
    }
}
