using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Data;
using Scorecard.Testing;

namespace Scorecard.Web.Tests;

[Collection(ServersCollection.Name)]
public class ImportScenarios(Servers servers)
{
    static MultipartFormDataContent Upload(string name, byte[] content) => Uploads.Of(name, content);

    static MultipartFormDataContent Seed(string name) => Uploads.Seed(name);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Without_demo_data_the_product_starts_empty(string provider)
    {
        using var client = (await servers.FreshAsync(provider)).CreateClient();
        Assert.Equal("[]", await client.GetStringAsync("/api/organisations"));
        Assert.Contains("尚無資料", await client.GetStringAsync("/"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_uploaded_file_is_imported_once_however_often_it_is_sent(string provider)
    {
        using var client = await (await servers.FreshAsync(provider)).AdministratorAsync();
        var first = await client.PostAsync("/api/imports", Seed("city-107q1-D.json"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var report = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.Equal("臺北市政府", report["maps"]![0]!["organisation"]!.GetValue<string>());
        Assert.True(report["rowsCreated"]!.GetValue<int>() > 25);

        var again = JsonNode.Parse(await (await client.PostAsync("/api/imports", Seed("city-107q1-D.json"))).Content.ReadAsStringAsync())!;
        Assert.Equal(0, again["rowsCreated"]!.GetValue<int>());
        var map = JsonNode.Parse(await client.GetStringAsync($"/api/maps/{Uri.EscapeDataString("臺北市政府")}/107"))!;
        Assert.Equal(25, map["kpis"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Every_row_an_import_writes_is_in_the_audit_trail_under_its_map_and_KPI(string provider)
    {
        // Thousands of entries, written many to a command (AuditWriter): none lost, each read back as written.
        var server = await servers.FreshAsync(provider);
        using var admin = await server.AdministratorAsync();
        var form = new MultipartFormDataContent();
        foreach (var theme in "ABCDEFGH")
            foreach (var part in Uploads.Seed($"city-107q1-{theme}.json")) form.Add(part);
        var started = DateTime.UtcNow.AddSeconds(-1);
        var response = await admin.PostAsync("/api/imports", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var rows = report["rowsCreated"]!.GetValue<int>() + report["rowsUpdated"]!.GetValue<int>();

        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
        var trail = await db.AuditEntries.AsNoTracking().Where(a => a.Actor.StartsWith("admin-") && a.Entity != "SignIn" && a.Entity != "ScorecardUser").ToListAsync();
        Assert.True(rows > 2000, $"{rows} rows");
        Assert.Equal(rows, trail.Count);
        Assert.Single(trail.Select(a => a.At).Distinct());
        Assert.InRange(trail[0].At, started, DateTime.UtcNow);
        var kpis = await db.Kpis.AsNoTracking().Select(k => new { k.Id, k.MapId, k.ParentId }).ToDictionaryAsync(k => k.Id);
        var values = await db.KpiValues.AsNoTracking().Select(v => new { v.Id, v.KpiId }).ToDictionaryAsync(v => v.Id);
        var valueEntries = trail.Where(a => a.Entity == "KpiValue").ToList();
        Assert.Equal(values.Count, valueEntries.Count);
        Assert.All(valueEntries, a =>
        {
            var kpi = kpis[values[a.EntityId].KpiId];
            Assert.Equal((kpi.MapId, kpi.ParentId ?? kpi.Id), (a.MapId!.Value, a.KpiId!.Value));
        });

        // What a planner sees of it: one save, its rows counted.
        var history = JsonNode.Parse(await admin.GetStringAsync($"/api/maps/{Uri.EscapeDataString("臺北市政府")}/107/history"))!.AsArray();
        var save = Assert.Single(history)!;
        Assert.Equal(trail[0].Actor, save["actor"]!.GetValue<string>());
        Assert.Contains($"新增數值 {valueEntries.Count} 筆", save["counts"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_bad_upload_is_a_problem_naming_file_and_path_and_changes_nothing(string provider)
    {
        using var client = await (await servers.FreshAsync(provider)).AdministratorAsync();
        await client.PostAsync("/api/imports", Seed("city-107q1-D.json"));
        var before = await client.GetStringAsync($"/api/maps/{Uri.EscapeDataString("臺北市政府")}/107");

        var bad = File.ReadAllText(SeedData.PathOf("city-107q1-D.json"))
            .Replace("\"name\": \"促進充分就業\"", "\"name\": \"促進充分就業（改）\"")     // a change that must not land
            .Replace("\"value\": 3.8", "\"value\": \"3.8%\"");
        var response = await client.PostAsync("/api/imports", Upload("D-edited.json", Encoding.UTF8.GetBytes(bad)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("D-edited.json", problem["file"]!.GetValue<string>());
        Assert.Matches(@"\$\.kpis\[\d+\]\.values\[\d+\]\.value", problem["location"]!.GetValue<string>());
        Assert.Contains("資料未變更", problem["title"]!.GetValue<string>());
        Assert.Equal(before, await client.GetStringAsync($"/api/maps/{Uri.EscapeDataString("臺北市政府")}/107"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Two_simultaneous_imports_of_one_file_leave_one_copy(string provider)
    {
        var server = await servers.FreshAsync(provider);
        using var a = await server.AdministratorAsync();
        using var b = await server.AdministratorAsync();
        var responses = await Task.WhenAll(a.PostAsync("/api/imports", Seed("city-107q1-A.json")), b.PostAsync("/api/imports", Seed("city-107q1-A.json")));

        // Each import either lands whole or is refused whole as a conflict, never half.
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{r.StatusCode}: {r.Content.ReadAsStringAsync().Result}"));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        var map = JsonNode.Parse(await a.GetStringAsync($"/api/maps/{Uri.EscapeDataString("臺北市政府")}/107"))!;
        Assert.Equal(34, map["kpis"]!.AsArray().Count);
        Assert.Equal(60, map["actionPlans"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_long_free_text_revision_type_is_stored_as_written(string provider)
    {
        using var client = await (await servers.FreshAsync(provider)).AdministratorAsync();
        var change = string.Concat(Enumerable.Repeat("移出市府策略地圖改納入局級策略地圖", 5));   // 85 characters
        var json = File.ReadAllText(SeedData.PathOf("theme-d-109-revision.json")).Replace("\"change\": \"deleteKpi\"", $"\"change\": \"{change}\"");
        var response = await client.PostAsync("/api/imports", Upload("long.json", Encoding.UTF8.GetBytes(json)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var map = JsonNode.Parse(await client.GetStringAsync($"/api/maps/{Uri.EscapeDataString("臺北市政府")}/109"))!;
        Assert.Contains(map["revisions"]!.AsArray(), r => r!["change"]!.GetValue<string>() == change);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_owner_that_matches_no_organisation_is_created_under_the_map_and_reported(string provider)
    {
        using var client = await (await servers.FreshAsync(provider, demoData: true)).AdministratorAsync();
        var json = File.ReadAllText(SeedData.PathOf("city-107q1-D.json")).Replace("\"owners\": [\n        \"勞動局\"", "\"owners\": [\n        \"火星局\"");
        Assert.Contains("火星局", json);
        var response = await client.PostAsync("/api/imports", Upload("D-mars.json", Encoding.UTF8.GetBytes(json)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var warnings = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["warnings"]!.AsArray();
        var warning = Assert.Single(warnings, w => w!["message"]!.GetValue<string>().Contains("火星局"));
        Assert.Contains("臺北市政府火星局", warning!["message"]!.GetValue<string>());
        Assert.DoesNotContain(warnings, w => w!["message"]!.GetValue<string>().Contains("勞動局"));   // known agencies resolve silently
        Assert.Contains("臺北市政府火星局", await client.GetStringAsync("/api/organisations"));
    }

    [Fact]
    public async Task A_planner_imports_its_own_map_but_cannot_move_its_organisation_in_the_tree()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        using var secretariat = await server.SignInAsync("secretariat@example.org");
        Assert.Equal(HttpStatusCode.OK, (await secretariat.PostAsync("/api/imports", Seed("secretariat-bsc-105-107.json"))).StatusCode);

        var moved = File.ReadAllText(SeedData.PathOf("secretariat-bsc-105-107.json")).Replace("\"parent\": \"臺北市政府\"", "\"parent\": \"臺北市政府民政局\"");
        Assert.Contains("臺北市政府民政局", moved);
        var refused = await secretariat.PostAsync("/api/imports", Upload("moved.json", Encoding.UTF8.GetBytes(moved)));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("改隸", await refused.Content.ReadAsStringAsync());
        var tree = JsonNode.Parse(await secretariat.GetStringAsync("/api/organisations"))!;
        var city = tree.AsArray().Single(o => o!["name"]!.GetValue<string>() == "臺北市政府")!;
        Assert.Contains(city["children"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "臺北市政府秘書處");
    }

    [Fact]
    public async Task The_api_is_described_by_openapi()
    {
        using var client = (await servers.DemoAsync("sqlite")).CreateClient();
        var doc = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/imports", doc);
        Assert.Contains("/api/maps/{organisation}/{rocYear}", doc);
    }

    static byte[] BeitouWorkbook => File.ReadAllBytes(Path.Combine(SeedData.Folder, "excel", "beitou-bsc-110.xlsx"));

    static MultipartFormDataContent Workbook(string name, byte[] content, params (string Field, string Value)[] fields)
    {
        var form = Upload(name, content);
        foreach (var (field, value) in fields)
            form.Add(new StringContent(value), field);
        return form;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_bsc_workbook_previews_imports_and_is_refused_by_cell(string provider)
    {
        using var client = await (await servers.FreshAsync(provider)).AdministratorAsync();
        await client.PostAsync("/api/imports", Seed("beitou-bsc-110.json"));   // the district office and its map
        var map = $"/api/maps/{Uri.EscapeDataString("臺北市北投區公所")}/110";
        var before = await client.GetStringAsync(map);

        var preview = await client.PostAsync("/api/imports", Workbook("北投.xlsx", BeitouWorkbook, ("dryRun", "true")));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var report = JsonNode.Parse(await preview.Content.ReadAsStringAsync())!;
        Assert.True(report["dryRun"]!.GetValue<bool>());
        var kpis = report["changes"]!.AsArray().Single(c => c!["what"]!.GetValue<string>() == "KPI")!;
        Assert.Equal(18, kpis["unchanged"]!.GetValue<int>() + kpis["changed"]!.AsArray().Count);
        Assert.Empty(kpis["created"]!.AsArray());
        Assert.Equal(before, await client.GetStringAsync(map));   // a preview writes nothing

        var bad = Scorecard.Testing.Workbooks.WithText(BeitouWorkbook, "平衡計分卡", "F7", "1,2,3");
        var refused = await client.PostAsync("/api/imports", Workbook("北投.xlsx", bad));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("北投.xlsx：平衡計分卡!F7：「1,2,3」不是數字，也不是已知的狀態。", await refused.Content.ReadAsStringAsync());

        var imported = await client.PostAsync("/api/imports", Workbook("北投.xlsx", BeitouWorkbook, ("organisation", "臺北市北投區公所"), ("planYear", "110")));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var after = JsonNode.Parse(await client.GetStringAsync(map))!;
        Assert.Equal("75%", after["kpis"]![0]!["values"]!.AsArray().Single(v => v!["kind"]!.GetValue<string>() == "target")!["raw"]!.GetValue<string>());   // the cell as the workbook shows it
    }
}
