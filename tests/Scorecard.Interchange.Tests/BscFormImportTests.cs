using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Interchange.Excel;
using Scorecard.Interchange.Json;
using Scorecard.Testing;

namespace Scorecard.Interchange.Tests;

/// <summary>
/// The BSC form imported from Excel (issue 7 §3): Beitou's workbook (seed 002's layout) gives the
/// facts of its JSON; problems name the sheet and cell; a dry run writes nothing.
/// </summary>
public class BscFormImportTests
{
    static string Beitou => Path.Combine(SeedData.Folder, "excel", "beitou-bsc-110.xlsx");

    const string Organisations = """
        { "organizations": [
            { "name": "臺北市政府", "level": "city" },
            { "name": "臺北市政府民政局", "level": "bureau", "parent": "臺北市政府", "aliases": ["民政局"] },
            { "name": "臺北市北投區公所", "level": "district", "parent": "臺北市政府民政局" },
            { "name": "臺北市政府秘書處", "level": "bureau", "parent": "臺北市政府", "aliases": ["秘書處"] } ] }
        """;

    internal static async Task<SqliteDatabase> DatabaseWithOrganisationsAsync()
    {
        var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportTextAsync(database, "organisations.json", Organisations);
        return database;
    }

    internal static async Task<ImportReport> ImportWorkbookAsync(SqliteDatabase database, string name, byte[] workbook, bool dryRun = false, BscFormOptions? options = null)
    {
        await using var db = database.NewContext();
        var read = BscFormReader.Read(name, new MemoryStream(workbook), await db.Organisations.AsNoTracking().ToListAsync(), options ?? new BscFormOptions());
        return await new MapImporter(db).ImportAsync([new ImportInput(name, read.File, read.Cells)], dryRun);
    }

    /// <summary>The facts a BSC form carries, as text lines: objectives, KPIs with their yearly figures, action plans with budgets.</summary>
    internal static IReadOnlyList<string> FormFacts(JsonNode map)
    {
        static string Number(JsonNode? n) => n is null ? "" : n.GetValue<decimal>().ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);
        var lines = new List<string>();
        foreach (var o in map["objectives"]!.AsArray())
            lines.Add($"objective {o!["code"]} {o["theme"]} {o["perspective"]} {o["name"]}");
        foreach (var k in map["kpis"]!.AsArray())
        {
            lines.Add($"kpi {k!["code"]} {k["objective"]} {k["name"]} 單位 {k["unit"]}");
            foreach (var v in k["values"]?.AsArray() ?? [])
                if ((string?)v!["period"] == "Y")
                    lines.Add($"  {k["code"]} {v["year"]} {v["kind"]} {Number(v["value"])} {v["status"]}");
        }
        foreach (var a in map["actionPlans"]!.AsArray())
            lines.Add($"plan {a!["code"]} {a["kpi"]} {a["name"]} {string.Join(",", a["budgets"]?.AsArray().Select(b => $"{b!["year"]}:{Number(b["amount"])}") ?? [])}");
        return lines;
    }

    static async Task<JsonNode> ExportAsync(SqliteDatabase database, string organisation, int rocYear)
    {
        await using var db = database.NewContext();
        return JsonNode.Parse(MapExporter.Serialize((await MapExporter.ExportAsync(db, organisation, rocYear))!))!;
    }

    [Fact]
    public async Task Beitous_workbook_imports_to_the_facts_of_its_json()
    {
        await using var fromJson = await DatabaseWithOrganisationsAsync();
        await ImportFixtures.ImportFilesAsync(fromJson, SeedData.PathOf("beitou-bsc-110.json"));
        await using var fromExcel = await DatabaseWithOrganisationsAsync();
        var report = await ImportWorkbookAsync(fromExcel, "beitou-bsc-110.xlsx", await File.ReadAllBytesAsync(Beitou));

        Assert.Equal([new ImportedMap("臺北市北投區公所", 110)], report.Maps);   // organisation and year from the workbook's title and header
        var expected = FormFacts(await ExportAsync(fromJson, "臺北市北投區公所", 110));
        var actual = FormFacts(await ExportAsync(fromExcel, "臺北市北投區公所", 110));
        Assert.Equal(expected, actual);
    }
}
