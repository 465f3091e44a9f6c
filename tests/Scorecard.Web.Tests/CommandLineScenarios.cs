using System.Text.Json.Nodes;
using Scorecard.Testing;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Tests;

/// <summary>The executable's import and export verbs, run in-process against a real database.</summary>
[Collection(ServersCollection.Name)]
public class CommandLineScenarios(Servers servers)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Import_then_export_writes_the_map_and_exits_zero(string provider)
    {
        var server = await servers.FreshAsync(provider);
        string[] settings = [$"--Scorecard:Provider={provider}", $"--ConnectionStrings:Scorecard={server.ConnectionString}"];
        var output = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.json");
        try
        {
            Assert.Equal(0, await CommandLine.RunAsync(["import", SeedData.PathOf("beitou-bsc-110.json"), .. settings]));
            Assert.Equal(0, await CommandLine.RunAsync(["export", "臺北市北投區公所", "110", output, .. settings]));
            var exported = JsonNode.Parse(await File.ReadAllTextAsync(output))!;
            Assert.Equal(110, exported["planYear"]!.GetValue<int>());
            Assert.Equal(18, exported["kpis"]!.AsArray().Count);
        }
        finally { File.Delete(output); }
    }

    /// <summary>Issue 10: the synthetic city for benchmarks — maps a year per organisation, readable as any map, the same for the same seed.</summary>
    [Fact]
    public async Task Generate_makes_a_synthetic_city_the_same_for_the_same_seed()
    {
        var first = await servers.FreshAsync("sqlite");
        var second = await servers.FreshAsync("sqlite");
        string[] options = ["--organisations", "3", "--kpis", "24", "--years", "2", "--seed", "7"];
        Assert.Equal(0, await CommandLine.RunAsync(["generate", .. options, "--Scorecard:Provider=sqlite", $"--ConnectionStrings:Scorecard={first.ConnectionString}"]));
        Assert.Equal(0, await CommandLine.RunAsync(["generate", .. options, "--Scorecard:Provider=sqlite", $"--ConnectionStrings:Scorecard={second.ConnectionString}"]));

        using var client = first.CreateClient();
        var city = Assert.Single(JsonNode.Parse(await client.GetStringAsync("/api/organisations"))!.AsArray())!;
        Assert.Equal("合成市政府", city["name"]!.GetValue<string>());
        Assert.Equal([108, 109], city["planYears"]!.AsArray().Select(y => y!.GetValue<int>()));
        Assert.Equal(["合成市第01局", "合成市第02局"], city["children"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var map = JsonNode.Parse(await client.GetStringAsync($"/api/maps/{Uri.EscapeDataString("合成市第02局")}/109"))!;
        Assert.Equal(24, map["kpis"]!.AsArray().Count);
        Assert.Contains(map["kpis"]!.AsArray(), k => k!["subValues"] is JsonArray { Count: 3 });        // composite KPIs
        Assert.Contains(map["kpis"]!.AsArray().SelectMany(k => k!["values"]?.AsArray() ?? []), v => v!["status"] is not null);   // statuses mixed in
        Assert.NotEmpty(map["actionPlans"]!.AsArray());
        Assert.Contains("<h1>合成市政府 108 年策略地圖</h1>", await client.GetStringAsync($"/maps/{Uri.EscapeDataString("合成市政府")}/108"));

        using var other = second.CreateClient();
        Assert.Equal(Figures(map), Figures(JsonNode.Parse(await other.GetStringAsync($"/api/maps/{Uri.EscapeDataString("合成市第02局")}/109"))!));
        Assert.Equal(2, await CommandLine.RunAsync(["generate", "--kpis", "many", "--Scorecard:Provider=sqlite", $"--ConnectionStrings:Scorecard={first.ConnectionString}"]));

        static string Figures(JsonNode map) => string.Join(";", map["kpis"]!.AsArray().SelectMany(k => (k!["values"]?.AsArray() ?? []).Select(v => $"{k["code"]}{v!["period"]}{v["value"]}{v["status"]}")));
    }

    [Fact]
    public async Task A_bsc_workbook_imports_from_the_command_line_after_a_dry_run()
    {
        var server = await servers.FreshAsync("sqlite");
        string[] settings = ["--Scorecard:Provider=sqlite", $"--ConnectionStrings:Scorecard={server.ConnectionString}"];
        var workbook = Path.Combine(SeedData.Folder, "excel", "beitou-bsc-110.xlsx");
        Assert.Equal(0, await CommandLine.RunAsync(["import", SeedData.PathOf("beitou-bsc-110.json"), .. settings]));

        Assert.Equal(0, await CommandLine.RunAsync(["import", "--dry-run", workbook, .. settings]));
        using var client = server.CreateClient();
        var raw = async () => JsonNode.Parse(await client.GetStringAsync($"/api/maps/{Uri.EscapeDataString("臺北市北投區公所")}/110"))!["kpis"]![0]!["values"]![3]!["raw"]!.GetValue<string>();
        Assert.Equal("75.0%", await raw());   // the dry run left the JSON's figures
        Assert.Equal(0, await CommandLine.RunAsync(["import", workbook, "--plan-year", "110", .. settings]));
        Assert.Equal("75%", await raw());
        Assert.Equal(1, await CommandLine.RunAsync(["import", workbook, "--organisation", "臺北市不存在區公所", .. settings]));
        Assert.Equal(1, await CommandLine.RunAsync(["import", workbook, "--plan-year", "一一〇", .. settings]));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Failures_exit_non_zero(string provider)
    {
        var server = await servers.FreshAsync(provider);
        string[] settings = [$"--Scorecard:Provider={provider}", $"--ConnectionStrings:Scorecard={server.ConnectionString}"];
        var bad = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(bad, "{ \"organization\": ");
        try
        {
            Assert.Equal(1, await CommandLine.RunAsync(["import", "/no/such/file.json", .. settings]));
            Assert.Equal(1, await CommandLine.RunAsync(["import", bad, .. settings]));
            Assert.Equal(1, await CommandLine.RunAsync(["export", "臺北市北投區公所", "110", bad + ".out", .. settings]));
            Assert.Equal(2, await CommandLine.RunAsync(["export", "臺北市北投區公所", .. settings]));
        }
        finally { File.Delete(bad); }
    }
}
