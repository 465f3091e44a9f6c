using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Testing;

namespace Scorecard.Interchange.Tests;

public class AuditAndConcurrencyTests
{
    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Every_change_is_audited_with_who_when_before_and_after()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("city-107q1-A.json"));
        var when = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

        await using (var db = database.NewContext(new FixedClock(when)))
        {
            db.Actor = "研考會 王小明";
            var kpi = await db.Kpis.SingleAsync(k => k.Code == "AC1.1");
            kpi.Name = "空氣品質優良日數比率";
            await db.SaveChangesAsync();
        }

        await using var check = database.NewContext();
        var kpiId = (await check.Kpis.SingleAsync(k => k.Code == "AC1.1")).Id;
        var created = await check.AuditEntries.SingleAsync(a => a.EntityId == kpiId && a.Action == "create");
        Assert.Equal(ScorecardDb.SystemActor, created.Actor);
        var update = await check.AuditEntries.SingleAsync(a => a.EntityId == kpiId && a.Action == "update");
        Assert.Equal("研考會 王小明", update.Actor);
        Assert.Equal(when.UtcDateTime, update.At);
        Assert.Contains("空氣品質優良日數比率(AQI)", update.Before);
        Assert.Contains("\"Name\":\"空氣品質優良日數比率\"", update.After);
    }

    [Fact]
    public async Task A_second_edit_from_a_stale_copy_is_refused_and_the_first_survives()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("city-107q1-A.json"));

        await using var alice = database.NewContext();
        await using var bob = database.NewContext();
        var a = await alice.Kpis.SingleAsync(k => k.Code == "AC1.1");
        var b = await bob.Kpis.SingleAsync(k => k.Code == "AC1.1");
        a.Unit = "百分比";
        await alice.SaveChangesAsync();
        b.Unit = "％";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => bob.SaveChangesAsync());

        await using var check = database.NewContext();
        var stored = await check.Kpis.SingleAsync(k => k.Code == "AC1.1");
        Assert.Equal("百分比", stored.Unit);
        Assert.Equal(1, stored.Version);
    }
}
