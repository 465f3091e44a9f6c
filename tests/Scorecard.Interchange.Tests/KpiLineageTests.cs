using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Interchange.Reports;
using Scorecard.Testing;

namespace Scorecard.Interchange.Tests;

/// <summary>A KPI keeps its identity across the yearly maps when its code changes: its history runs across years.</summary>
public class KpiLineageTests
{
    [Fact]
    public async Task A_renumbered_KPI_carries_on_its_lineage_across_separate_imports_and_its_history_runs_across_years()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.Files.Where(f => Path.GetFileName(f).StartsWith("city-107q1-")).ToArray());
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("theme-d-108-results.json"));
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("theme-d-109-revision.json"));
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("theme-d-108-results.json"));   // again: nothing changes

        await using var db = database.NewContext();
        var unemployment = await db.Kpis.Where(k => k.Name == "失業率").Select(k => new { k.Code, Year = db.Maps.Single(m => m.Id == k.MapId).Year, k.LineageId })
            .OrderBy(k => k.Year).ToListAsync();
        Assert.Equal([("DC1.2", 2018), ("DC1.1", 2019), ("DC1.1", 2020)], unemployment.Select(k => (k.Code, k.Year)));
        Assert.Single(unemployment.Select(k => k.LineageId).Distinct());

        // A code that stays but names another KPI is not the same KPI: 107's DC1.1 is not 108's 失業率.
        var dc11In107 = await db.Kpis.SingleAsync(k => k.Code == "DC1.1" && db.Maps.Any(m => m.Id == k.MapId && m.Year == 2018));
        Assert.NotEqual(unemployment[0].LineageId, dc11In107.LineageId);

        var versions = await MapQueries.LineageAsync(db, [unemployment[0].LineageId]);
        Assert.Equal([2018, 2019, 2020], versions.Select(v => v.PlanYear));
        var history = KpiHistory.Points(versions.OrderByDescending(v => v.PlanYear).ToList());
        Assert.Contains(new TrendPoint(107, 3.8m, null), history);
        Assert.Contains(new TrendPoint(108, 3.8m, 3.6m), history);
    }
}
