using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;
using Scorecard.Testing;

namespace Scorecard.Interchange.Tests;

/// <summary>
/// A map stays in force for the years after its plan year until a newer map exists: the
/// Secretariat's 105–107 plan is its map for 106, and the 106 council report's results join it.
/// </summary>
public class MapInForceTests
{
    [Fact]
    public async Task The_Secretariat_106_is_its_105_plan_with_the_106_targets_and_the_council_results()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        // The 106 file comes first on purpose: an import applies earlier plan years first.
        var report = await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("secretariat-106-results.json"), SeedData.PathOf("secretariat-bsc-105-107.json"));
        Assert.Equal(["臺北市政府秘書處 105"], report.Maps.Select(m => $"{m.Organisation} {m.RocYear}"));

        await using var db = database.NewContext();
        Assert.Equal([2016], await db.Maps.Select(m => m.Year).ToListAsync());   // no empty 106 map
        var map = (await MapQueries.ReadAsync(db, "臺北市政府秘書處", 106))!;
        Assert.Equal((105, 106, true), (map.RocYear, map.ViewRocYear, map.InForceForLaterYear));
        Assert.Equal(39, map.Kpis.Count(k => k.ParentId is null));
        Assert.Equal(29, map.Evaluations.Count(e => e.Year == 2017));

        var scored = new MapScoring(map);
        var ac11 = map.Kpis.Single(k => k.Code == "AC1.1");
        Assert.Equal(21m, ac11.Values.Single(v => v.Kind == ValueKind.Target && v.Year == 2017).Number);   // the plan's 106 target
        var result = scored.Evaluations.First(e => e.Evaluation.KpiCode == "AC1.1");
        Assert.Equal(100m, result.Achievement.Percent);   // 12 ÷ 11.75, capped for theme A by the report's own rules

        var own = (await MapQueries.ReadAsync(db, "臺北市政府秘書處", 105))!;
        Assert.Equal((105, false), (own.ViewRocYear, own.InForceForLaterYear));
        Assert.NotNull(await MapQueries.ReadAsync(db, "臺北市政府秘書處", 107));   // the plan's last year
        Assert.Null(await MapQueries.ReadAsync(db, "臺北市政府秘書處", 108));      // nothing of 108 in it: no map, not an empty one
        Assert.Equal([2016, 2017, 2018], (await MapQueries.YearsAsync(db)).Single().Select(y => y.Year));
    }

    [Fact]
    public async Task A_later_file_with_a_structure_of_its_own_or_an_unknown_KPI_makes_a_map_of_its_own()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("secretariat-bsc-105-107.json"));
        await ImportFixtures.ImportTextAsync(database, "106.json", """
            { "organization": { "name": "臺北市政府秘書處", "level": "bureau", "parent": "臺北市政府" }, "planYear": 106,
              "evaluations": [ { "kpi": "ZZ9.9", "year": 106, "target": 1, "actual": 1 } ] }
            """);
        await using (var db = database.NewContext())
            Assert.Equal([2016, 2017], await db.Maps.Select(m => m.Year).Order().ToListAsync());

        // Theme D's 108 results bring their own themes and objectives: the 108 map, not facts for the 107 one.
        await ImportFixtures.ImportFilesAsync(database, SeedData.Files.Where(f => Path.GetFileName(f).StartsWith("city-107q1-") || Path.GetFileName(f) == "theme-d-108-results.json").ToArray());
        await using (var db = database.NewContext())
        {
            var city = await db.Maps.Where(m => m.Organisation.Name == "臺北市政府").Select(m => m.Year).Order().ToListAsync();
            Assert.Equal([2018, 2019], city);
            Assert.Equal(18, (await MapQueries.ReadAsync(db, "臺北市政府", 108))!.Kpis.Count(k => k.ParentId is null));
        }
    }

    [Fact]
    public async Task Rolling_the_plan_forward_into_a_year_it_was_in_force_for_takes_that_years_facts_along()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("secretariat-bsc-105-107.json"), SeedData.PathOf("secretariat-106-results.json"));
        await using var db = database.NewContext();
        var plan = (await MapQueries.ReadAsync(db, "臺北市政府秘書處", 105))!;
        var file = Json.RollForward.To(plan, 106);
        Assert.Equal(106, file.PlanYear);
        Assert.Equal(29, file.Evaluations!.Count);                                   // the 106 council results
        Assert.All(file.Evaluations, e => Assert.Equal(106, e.Year));
        var ac11 = file.Kpis!.Single(k => k.Code == "AC1.1");
        Assert.Equal([106, 107], ac11.Values!.Select(v => v.Year!.Value).Distinct().Order());   // 105's figures stay with the 105 plan
        Assert.Null(file.Source);
        Assert.Null(file.Revisions);
    }
}
