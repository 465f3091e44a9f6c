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
