using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Scorecard.Testing;
using Scorecard.Web.Infrastructure;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 11 §2: SQLite with many writers at once. The embedded database takes one writer at a time
/// (WAL, each write transaction begun IMMEDIATE and waiting for its turn); a writer that has to wait is
/// answered late, never told the database is locked, and never told someone else changed its data when
/// nobody did. 24 reporters save figures of their own KPIs while the command line imports two maps
/// into the same file on connections of its own.
/// </summary>
[Collection(LongRunningCollection.Name)]
public class SqliteWritersScenarios(Servers servers)
{
    const int Writers = 24, SavesEach = 10;

    [Fact]
    public async Task Many_writers_at_once_each_get_their_own_answer_and_none_is_told_the_database_is_locked()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        using (var planner = await server.SignInAsync("rdec@example.org"))
            await Ok(await planner.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q3/open", new { deadline = "2018-10-15", confirm = true }));
        using var administrator = await server.AdministratorAsync();
        // KPIs entered as a figure (not computed from plans or milestones, not in parts): one per writer, so no two saves may conflict.
        var computed = (await Json(await administrator.GetAsync("/api/maps/臺北市政府/107")))["kpis"]!.AsArray()
            .Where(k => k!["computedFrom"] is not null).Select(k => k!["code"]!.GetValue<string>()).ToHashSet();
        var codes = (await Json(await administrator.GetAsync("/api/todo")))["toEnter"]!.AsArray()
            .Where(e => e!["organisation"]!.GetValue<string>() == "臺北市政府" && e["planYear"]!.GetValue<int>() == 107
                        && e["period"]!.GetValue<string>() == "Q3" && e["part"] is null && !computed.Contains(e["kpi"]!.GetValue<string>()))
            .Select(e => e!["kpi"]!.GetValue<string>()).Distinct().Take(Writers).ToList();
        Assert.Equal(Writers, codes.Count);

        var folder = Directory.CreateTempSubdirectory("writers-");
        try
        {
            // Two more plan years of the city's theme D map, each a new map of 100-odd rows written in one transaction.
            var seed = await File.ReadAllTextAsync(SeedData.PathOf("city-107q1-D.json"));
            var files = new[] { 112, 113 }.Select(year =>
            {
                var path = Path.Combine(folder.FullName, $"city-{year}-D.json");
                File.WriteAllText(path, seed.Replace("\"planYear\": 107", $"\"planYear\": {year}"));
                return path;
            }).ToList();

            var failures = new ConcurrentBag<string>();
            var saves = codes.Select((code, writer) => Task.Run(async () =>
            {
                EntityTagHeaderValue? version = null;
                for (var n = 0; n < SavesEach; n++)
                {
                    var request = new HttpRequestMessage(HttpMethod.Put, $"/api/maps/臺北市政府/107/kpis/{code}/values/107/Q3/actual")
                    {
                        Content = JsonContent.Create(new { value = writer * 100 + n, confirm = true }),   // figures that name the save, whatever the KPI's scale
                    };
                    if (version is null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
                    else request.Headers.IfMatch.Add(version);
                    var answer = await administrator.SendAsync(request);
                    if (answer.StatusCode != HttpStatusCode.OK)
                        failures.Add($"{code} save {n}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                    version = answer.Headers.ETag ?? version;
                }
            })).ToList();
            var imports = Task.Run(async () =>
            {
                foreach (var file in files)
                {
                    using var said = new StringWriter();
                    using var complained = new StringWriter();
                    var exit = await CommandLine.RunAsync(["import", file, "--Scorecard:Provider=sqlite", $"--ConnectionStrings:Scorecard={server.ConnectionString}",
                        "--Logging:LogLevel:Default=Warning"], said, complained);
                    if (exit != 0)
                        failures.Add($"import {Path.GetFileName(file)}: exit {exit} {complained}");
                }
            });
            await Task.WhenAll([.. saves, imports]);

            Assert.True(failures.IsEmpty, string.Join('\n', failures));
            // Every writer's last figure is the one stored; both imported maps are there.
            for (var writer = 0; writer < codes.Count; writer++)
            {
                var stored = await Json(await administrator.GetAsync($"/api/maps/臺北市政府/107/kpis/{codes[writer]}/values/107/Q3/actual"));
                Assert.Equal(writer * 100 + SavesEach - 1, stored["value"]!.GetValue<decimal>());
            }
            foreach (var year in new[] { 112, 113 })
                Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync($"/api/maps/臺北市政府/{year}")).StatusCode);
        }
        finally { folder.Delete(recursive: true); }
    }
}
