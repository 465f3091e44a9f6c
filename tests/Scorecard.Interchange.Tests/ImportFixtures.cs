using System.Text;
using Scorecard.Data;
using Scorecard.Interchange.Json;
using Scorecard.Testing;

namespace Scorecard.Interchange.Tests;

static class ImportFixtures
{
    public static async Task<ImportReport> ImportFilesAsync(SqliteDatabase database, params string[] paths)
    {
        await using var db = database.NewContext();
        var streams = paths.Select(p => (Path.GetFileName(p), (Stream)File.OpenRead(p))).ToList();
        try { return await new MapImporter(db).ImportAsync(streams); }
        finally { foreach (var (_, s) in streams) s.Dispose(); }
    }

    public static async Task<ImportReport> ImportTextAsync(SqliteDatabase database, string name, string json)
    {
        await using var db = database.NewContext();
        return await new MapImporter(db).ImportAsync([(name, new MemoryStream(Encoding.UTF8.GetBytes(json)))]);
    }

    public static IEnumerable<object[]> EverySeedFile() => SeedData.Files.Select(f => new object[] { Path.GetFileName(f) });

    /// <summary>Row counts of every table, to prove that a refused import changed nothing.</summary>
    public static async Task<string> SnapshotAsync(SqliteDatabase database)
    {
        await using var db = database.NewContext();
        var counts = new[]
        {
            db.Organisations.Count(), db.Maps.Count(), db.Themes.Count(), db.Objectives.Count(), db.Kpis.Count(),
            db.KpiValues.Count(), db.ActionPlans.Count(), db.ActionPlanBudgets.Count(), db.Evaluations.Count(),
            db.AuditEntries.Count(),
        };
        await Task.CompletedTask;
        return string.Join(",", counts);
    }
}
