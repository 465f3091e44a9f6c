using System.Text;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>The product's demo data (src/Scorecard.Web/DemoData), as the first start imports it.</summary>
    public static string[] DemoDataFiles()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "src", "Scorecard.Web", "DemoData");
            if (Directory.Exists(folder))
                return Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToArray();
        }
        throw new DirectoryNotFoundException("找不到 src/Scorecard.Web/DemoData。");
    }

    public static IEnumerable<object[]> EverySeedFile() => SeedData.Files.Select(f => new object[] { Path.GetFileName(f) });

    /// <summary>Row counts of every table, to prove that a refused import changed nothing.</summary>
    public static async Task<string> SnapshotAsync(SqliteDatabase database)
    {
        await using var db = database.NewContext();
        int[] counts =
        [
            await db.Organisations.CountAsync(), await db.Maps.CountAsync(), await db.Themes.CountAsync(),
            await db.Objectives.CountAsync(), await db.Kpis.CountAsync(), await db.KpiValues.CountAsync(),
            await db.ActionPlans.CountAsync(), await db.ActionPlanBudgets.CountAsync(), await db.Evaluations.CountAsync(),
            await db.AuditEntries.CountAsync(),
        ];
        return string.Join(",", counts);
    }
}
