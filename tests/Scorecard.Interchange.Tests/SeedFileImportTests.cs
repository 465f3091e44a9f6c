using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Interchange.Json;
using Scorecard.Testing;

namespace Scorecard.Interchange.Tests;

/// <summary>Every file of shared/data, imported into a real SQLite file.</summary>
public class SeedFileImportTests
{
    public static IEnumerable<object[]> Files => ImportFixtures.EverySeedFile();

    static JsonObject Load(string name) => JsonNode.Parse(File.ReadAllText(SeedData.PathOf(name)))!.AsObject();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Per_theme_counts_of_objectives_kpis_and_action_plans_equal_the_files(string name)
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf(name));
        var file = Load(name);

        await using var db = database.NewContext();
        var map = await MapQueries.WithEverything(db.Maps).SingleAsync();
        Assert.Equal(file["organization"]!["name"]!.GetValue<string>(), map.Organisation.Name);
        Assert.Equal(file["planYear"]!.GetValue<int>(), map.RocYear);

        var objectives = file["objectives"]?.AsArray() ?? [];
        var kpis = file["kpis"]?.AsArray() ?? [];
        var plans = file["actionPlans"]?.AsArray() ?? [];
        var themeOfObjective = objectives.ToDictionary(o => o!["code"]!.GetValue<string>(), o => o!["theme"]!.GetValue<string>());
        var themeOfKpi = kpis.ToDictionary(k => k!["code"]!.GetValue<string>(), k => themeOfObjective[k!["objective"]!.GetValue<string>()]);

        foreach (var theme in map.Themes)
        {
            var storedObjectives = map.Objectives.Where(o => o.ThemeId == theme.Id).ToList();
            var storedKpis = map.Kpis.Where(k => k.ParentId is null && storedObjectives.Any(o => o.Id == k.ObjectiveId)).ToList();
            Assert.Equal(themeOfObjective.Count(kv => kv.Value == theme.Code), storedObjectives.Count);
            Assert.Equal(themeOfKpi.Count(kv => kv.Value == theme.Code), storedKpis.Count);
            Assert.Equal(plans.Count(p => themeOfKpi[p!["kpi"]!.GetValue<string>()] == theme.Code),
                map.ActionPlans.Count(a => storedKpis.Any(k => k.Id == a.KpiId)));
        }
        Assert.Equal((file["themes"]?.AsArray().Count) ?? 0, map.Themes.Count);
        Assert.Equal((file["evaluations"]?.AsArray().Count) ?? 0, map.Evaluations.Count);
        Assert.Equal((file["cityObjectives"]?.AsArray().Count) ?? 0, map.Objectives.Count(o => o.ThemeId is null));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_status_is_kept_as_its_wording_and_never_becomes_zero(string name)
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf(name));
        await using var db = database.NewContext();
        var stored = await db.Kpis.Include(k => k.Values).ToListAsync();

        var kpis = Load(name)["kpis"]?.AsArray() ?? [];
        foreach (var kpi in kpis)
        {
            var rows = new[] { kpi! }.Concat(kpi!["subValues"]?.AsArray().Select(p => p!) ?? []);
            foreach (var row in rows)
            foreach (var v in row["values"]!.AsArray())
            {
                var status = v!["status"]?.GetValue<string>();
                if (status is null) continue;
                var year = RocYear.ToGregorian(v["year"]!.GetValue<int>());
                var match = stored.SelectMany(k => k.Values.Select(x => (k, x)))
                    .Where(p => p.k.Code == row["code"]!.GetValue<string>() && p.x.Year == year
                        && p.x.Period.ToString() == v["period"]!.GetValue<string>() && p.x.Status == status)
                    .ToList();
                Assert.NotEmpty(match);
                var expectedNumber = v["value"]?.GetValue<decimal>();
                Assert.All(match, m => Assert.Equal(expectedNumber, m.x.Number));
                Assert.All(match, m => Assert.Equal(v["raw"]!.GetValue<string>(), m.x.Raw));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Export_of_an_import_keeps_every_fact_of_the_file(string name)
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf(name));
        var file = Load(name);

        await using var db = database.NewContext();
        var exported = await MapExporter.ExportAsync(db, file["organization"]!["name"]!.GetValue<string>(), file["planYear"]!.GetValue<int>());
        Assert.NotNull(exported);
        JsonFacts.AssertContains(file, JsonNode.Parse(MapExporter.Serialize(exported)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Importing_a_file_twice_leaves_one_copy(string name)
    {
        await using var database = await SqliteDatabase.CreateAsync();
        var first = await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf(name));
        var before = await ImportFixtures.SnapshotAsync(database);
        var second = await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf(name));

        Assert.True(first.RowsCreated > 0);
        Assert.Equal(0, second.RowsCreated);
        Assert.Equal(0, second.RowsUpdated);
        Assert.Equal(before, await ImportFixtures.SnapshotAsync(database));
    }

    [Fact]
    public async Task All_seed_files_together_give_the_city_107_map_with_8_themes_and_303_kpis()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        var report = await ImportFixtures.ImportFilesAsync(database, SeedData.Files.ToArray());
        // City 107, 108, 109; the Secretariat's 105–107 plan (its 106 results join it: it is in force for 106); Beitou 110.
        Assert.Equal(5, report.Maps.Count);

        await using var db = database.NewContext();
        var city = await MapQueries.WithEverything(db.Maps).SingleAsync(m => m.Organisation.Name == "臺北市政府" && m.Year == 2018);
        Assert.Equal(["A", "B", "C", "D", "E", "F", "G", "H"], city.Themes.OrderBy(t => t.Ordinal).Select(t => t.Code));
        Assert.Equal(303, city.Kpis.Count(k => k.ParentId is null));
        Assert.Equal(["TC1", "TC2", "TC3", "TC4"], city.Objectives.Where(o => o.ThemeId is null).Select(o => o.Code).Order());

        // Each theme file of the city map still round-trips out of the merged map.
        var exported = JsonNode.Parse(MapExporter.Serialize((await MapExporter.ExportAsync(db, "臺北市政府", 107))!))!;
        var kpisByCode = exported["kpis"]!.AsArray().ToDictionary(k => k!["code"]!.GetValue<string>());
        foreach (var theme in "ABCDEFGH")
        foreach (var kpi in Load($"city-107q1-{theme}.json")["kpis"]!.AsArray())
            JsonFacts.AssertContains(kpi, kpisByCode[kpi!["code"]!.GetValue<string>()], $"{theme}:{kpi["code"]}");
    }

    [Fact]
    public async Task The_district_office_hangs_under_its_bureau_which_hangs_under_the_city()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("city-107q1-A.json"), SeedData.PathOf("beitou-bsc-110.json"));
        await using var db = database.NewContext();
        var beitou = await db.Organisations.Include(o => o.Parent).ThenInclude(p => p!.Parent).SingleAsync(o => o.Name == "臺北市北投區公所");
        Assert.Equal("臺北市政府民政局", beitou.Parent!.Name);
        Assert.Equal("臺北市政府", beitou.Parent.Parent!.Name);
    }

    [Fact]
    public async Task Irregular_codes_are_imported_as_written_with_warnings()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        var report = await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("city-107q1-C.json"));
        Assert.Contains(report.Warnings, w => w.Message.Contains("CP.3.2.1") && w.Path.StartsWith("$.actionPlans["));
        Assert.Contains(report.Warnings, w => w.Message.Contains("CF３.3.1"));
        await using var db = database.NewContext();
        Assert.True(await db.ActionPlans.AnyAsync(a => a.Code == "CP.3.2.1"));
    }

    [Fact]
    public async Task A_kpi_with_more_than_three_action_plans_is_warned_by_form_rule_3()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        var report = await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("city-107q1-A.json"));
        Assert.Contains(report.Warnings, w => w.Message.Contains("AC2.3 有 4 項行動方案"));
    }
}
