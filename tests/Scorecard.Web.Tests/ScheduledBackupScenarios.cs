using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Web.Features.Backups;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Tests;

/// <summary>
/// The daily backup an IT department configures once (Scorecard:Backups): at its hour it writes the day's file, keeps only
/// the newest, records itself in the audit trail, and the file it wrote restores into an empty database of the same kind.
/// </summary>
[Collection(ServersCollection.Name)]
public class ScheduledBackupScenarios(Servers servers)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_daily_backup_runs_at_its_hour_keeps_the_newest_and_restores(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        var folder = Directory.CreateTempSubdirectory("scheduled-backups-");
        try
        {
            // Two backups of earlier days: with two to keep, the older goes once today's is written.
            File.WriteAllText(Path.Combine(folder.FullName, "scorecard-20200101-0230.json.gz"), "older");
            File.WriteAllText(Path.Combine(folder.FullName, "scorecard-20200102-0230.json.gz"), "old");
            // Due a few seconds from now, on the city's clock; an instance started on the same database runs it.
            var at = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddSeconds(8), CityTime.Zone);
            var backingUp = servers.AnotherInstance(server, new Dictionary<string, string>
            {
                ["Scorecard:Backups:Folder"] = folder.FullName,
                ["Scorecard:Backups:At"] = at.ToString("HH:mm:ss"),
                ["Scorecard:Backups:Keep"] = "2",
            });
            backingUp.CreateClient().Dispose();

            var today = $"scorecard-{at:yyyyMMdd}-{at:HHmm}.json.gz";
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (!File.Exists(Path.Combine(folder.FullName, today)) && DateTime.UtcNow < deadline)
                await Task.Delay(250);
            Assert.True(File.Exists(Path.Combine(folder.FullName, today)), $"no {today} in {string.Join(", ", folder.GetFiles().Select(f => f.Name))}");
            Assert.Equal(["scorecard-20200102-0230.json.gz", today], folder.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal).ToArray());

            await using (var scope = server.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
                var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Entity == ScheduledBackups.Audited);
                Assert.Equal("已備份", audit.Action);
                Assert.Equal("排程備份", audit.Actor);
                Assert.Contains(today, audit.After);
                Assert.Contains("scorecard-20200101-0230.json.gz", audit.After);   // what it deleted
            }

            // The scheduled file is a backup like any other: it restores, and the restored database holds the demo city.
            var restored = await servers.FreshAsync(provider);
            Assert.Equal(0, await CommandLine.RunAsync(["restore", Path.Combine(folder.FullName, today),
                $"--Scorecard:Provider={restored.Provider}", $"--ConnectionStrings:Scorecard={restored.ConnectionString}", "--Logging:LogLevel:Default=Warning"]));
            using var anonymous = restored.CreateClient();
            var map = await anonymous.GetStringAsync("/api/maps/臺北市政府/107");
            Assert.Contains("\"AC1.2\"", map);   // the city map restored, with its KPIs
        }
        finally { folder.Delete(recursive: true); }
    }

    [Fact]
    public void The_next_backup_is_at_the_hour_on_the_city_clock_today_or_else_tomorrow()
    {
        var at = new TimeOnly(2, 30);
        // 01:00 in Taipei is 17:00 UTC the day before: due 90 minutes later.
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 18, 30, 0, TimeSpan.Zero), ScheduledBackups.Next(new DateTimeOffset(2026, 12, 6, 17, 0, 0, TimeSpan.Zero), at));
        // 03:00 in Taipei: the hour has passed, tomorrow's.
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 18, 30, 0, TimeSpan.Zero), ScheduledBackups.Next(new DateTimeOffset(2026, 12, 6, 19, 0, 0, TimeSpan.Zero), at));
    }
}
