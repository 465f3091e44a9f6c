using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Scorecard.Interchange.Excel;
using Scorecard.Interchange.Json;
using Scorecard.Testing;
using Xunit.Abstractions;

namespace Scorecard.Interchange.Tests;

/// <summary>
/// Issue 11 §1: seeded mutations of a real interchange file and of the real BSC workbook, each
/// imported on its own into one SQLite database. Each is imported whole (importing it again changes
/// nothing) or refused naming the file and the place in Chinese, with every table's checksum
/// unchanged; nothing else (no other exception, no partial write).
/// </summary>
public partial class FuzzedImportTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_thousand_mutated_interchange_files_are_each_imported_whole_or_refused_in_place()
    {
        var original = Compact(await File.ReadAllTextAsync(SeedData.PathOf("city-107q1-D.json")));
        var files = MutatedFiles.Json(original, 1000, seed: 11);
        await using var database = await BscFormImportTests.DatabaseWithOrganisationsAsync();
        await ImportFixtures.ImportTextAsync(database, "city-107q1-D.json", System.Text.Encoding.UTF8.GetString(original));

        var outcomes = await FuzzAsync(database, files);

        AssertEveryOutcome(outcomes, files.Count);
    }

    [Fact]
    public async Task Two_hundred_mutated_workbooks_are_each_imported_whole_or_refused_in_place()
    {
        var original = await File.ReadAllBytesAsync(Path.Combine(SeedData.Folder, "excel", "beitou-bsc-110.xlsx"));
        var files = MutatedFiles.Workbooks(original, 200, seed: 11);
        await using var database = await BscFormImportTests.DatabaseWithOrganisationsAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("beitou-bsc-110.json"));

        var outcomes = await FuzzAsync(database, files);

        AssertEveryOutcome(outcomes, files.Count);
        Assert.Contains(outcomes, o => o.File.Mutation == "million rows" && o.Refusal?.Reason.Contains("列") == true);
        Assert.Contains(outcomes, o => o.File.Mutation == "zip bomb" && o.Refusal?.Reason.Contains("MB") == true);
    }

    /// <summary>
    /// Seed D with its first six KPIs and their action plans: every kind of fact (themes, objectives,
    /// KPIs with figures and statuses, plans) in a file small enough to import a thousand times.
    /// </summary>
    static byte[] Compact(string json)
    {
        var map = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var kpis = map["kpis"]!.AsArray().Take(6).Select(k => k!.DeepClone()).ToList();
        var codes = kpis.Select(k => (string)k!["code"]!).ToHashSet();
        var plans = map["actionPlans"]!.AsArray().Where(p => codes.Contains((string)p!["kpi"]!)).Select(p => p!.DeepClone()).ToList();
        map["kpis"] = new System.Text.Json.Nodes.JsonArray([.. kpis]);
        map["actionPlans"] = new System.Text.Json.Nodes.JsonArray([.. plans]);
        return System.Text.Encoding.UTF8.GetBytes(map.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    sealed record Outcome(MutatedFile File, ImportReport? Imported, ImportException? Refusal, string? Broke);

    async Task<List<Outcome>> FuzzAsync(SqliteDatabase database, IReadOnlyList<MutatedFile> files)
    {
        var outcomes = new List<Outcome>();
        foreach (var file in files)
        {
            await using var db = database.NewContext();
            var before = await TableChecksums.OfAsync(db);
            try
            {
                var imported = await ImportAsync(db, file);
                db.ChangeTracker.Clear();
                var again = await ImportAsync(db, file);
                outcomes.Add(again.RowsCreated + again.RowsUpdated == 0
                    ? new Outcome(file, imported, null, null)
                    : new Outcome(file, imported, null, $"imported again, it still changed {again.RowsCreated} + {again.RowsUpdated} rows"));
            }
            catch (ImportException e)
            {
                var after = await TableChecksums.OfAsync(db);
                outcomes.Add(new Outcome(file, null, e, before == after ? null : "refused, yet the tables changed"));
            }
            catch (Exception e)
            {
                outcomes.Add(new Outcome(file, null, null, $"{e.GetType().Name}: {e.Message}"));
            }
        }
        return outcomes;
    }

    static async Task<ImportReport> ImportAsync(Scorecard.Data.ScorecardDb db, MutatedFile file)
    {
        var organisations = await db.Organisations.AsNoTracking().ToListAsync();
        var input = ImportInput.Read(file.Name, new MemoryStream(file.Content), organisations, new BscFormOptions());
        return await new MapImporter(db).ImportAsync([input], dryRun: false);
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    void AssertEveryOutcome(List<Outcome> outcomes, int count)
    {
        var refused = outcomes.Where(o => o.Refusal is not null).ToList();
        output.WriteLine($"{count} files: {outcomes.Count(o => o.Imported is not null)} imported whole, {refused.Count} refused, " +
                         $"{outcomes.Count(o => o.Broke is not null)} broke something");
        foreach (var kind in outcomes.GroupBy(o => o.File.Mutation))
            output.WriteLine($"  {kind.Key}: {kind.Count(o => o.Imported is not null)} imported, {kind.Count(o => o.Refusal is not null)} refused" +
                             (kind.FirstOrDefault(o => o.Refusal is not null)?.Refusal is { } e ? $", e.g. 「{e.Message}」" : ""));

        foreach (var o in outcomes.Where(o => o.Broke is not null))
            output.WriteLine($"  BROKE {o.File}: {o.Broke}");
        Assert.Equal(count, outcomes.Count);
        Assert.Empty(outcomes.Where(o => o.Broke is not null).Select(o => $"{o.File}: {o.Broke}"));
        Assert.All(refused, o =>
        {
            Assert.Equal(o.File.Name, o.Refusal!.File);
            Assert.False(string.IsNullOrWhiteSpace(o.Refusal.Location), $"{o.File}: no place in {o.Refusal.Message}");
            Assert.Matches(Chinese(), o.Refusal.Reason);
        });
        Assert.NotEmpty(refused);
        Assert.Contains(outcomes, o => o.Imported is not null);
    }
}
