using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Web.Infrastructure.Observability;

namespace Scorecard.Web.Features.Backups;

/// <summary>
/// <c>Scorecard:Backups</c>: where and when the whole database is backed up by itself. Off while <see cref="Folder"/> is empty.
/// </summary>
public sealed class BackupSettings
{
    public const string Section = "Scorecard:Backups";

    /// <summary>The folder the backups are written to (one file a day, <c>scorecard-20261207-0230.json.gz</c>); empty: no scheduled backups.</summary>
    public string? Folder { get; set; }

    /// <summary>The time of day in Taipei (「02:30」, seconds allowed): the quietest hour, so the snapshot holds no one up.</summary>
    public TimeOnly At { get; set; } = new(2, 30);

    /// <summary>How many of the newest backups to keep; older ones in the folder (by their names) are deleted after each backup.</summary>
    public int Keep { get; set; } = 14;
}

/// <summary>
/// The daily backup: at <see cref="BackupSettings.At"/> every day, the whole database to one file in the folder (the same file
/// `backup` writes, restored by `restore`), then only the newest <see cref="BackupSettings.Keep"/> kept. Each backup, and each
/// failure, is in the audit trail and counted (scorecard_backups_total by outcome). Several instances may share the folder:
/// the file is the day's, and an instance that finds it already there does nothing.
/// </summary>
public sealed class ScheduledBackups(IServiceScopeFactory scopes, IOptions<BackupSettings> settings, TimeProvider clock, ILogger<ScheduledBackups> log) : BackgroundService
{
    const string Prefix = "scorecard-";
    const string Extension = ".json.gz";
    /// <summary>The audit trail's entity for backups: each row says which file, how many rows, and what was deleted.</summary>
    public const string Audited = "Backup";

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var options = settings.Value;
        if (string.IsNullOrWhiteSpace(options.Folder))
            return;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                await Task.Delay(Next(now, options.At) - now, clock, stop);
                await BackUpAsync(options, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }

    /// <summary>The next time, after <paramref name="now"/>, that the city's clock reads <paramref name="at"/>.</summary>
    public static DateTimeOffset Next(DateTimeOffset now, TimeOnly at)
    {
        var local = TimeZoneInfo.ConvertTime(now, CityTime.Zone);
        var today = new DateTimeOffset(local.Date + at.ToTimeSpan(), local.Offset);
        return today > now ? today : today.AddDays(1);
    }

    async Task BackUpAsync(BackupSettings options, CancellationToken ct)
    {
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), CityTime.Zone);
        var day = local.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var folder = Directory.CreateDirectory(options.Folder!);
        if (folder.EnumerateFiles($"{Prefix}{day}-*{Extension}").Any())
            return;   // another instance made today's
        var path = Path.Combine(folder.FullName, $"{Prefix}{day}-{local:HHmm}{Extension}");
        var partial = path + ".partial";
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
        try
        {
            int rows;
            await using (var file = File.Create(partial))
                rows = await DatabaseBackup.WriteAsync(db, file, ct);
            File.Move(partial, path);
            var deleted = folder.EnumerateFiles($"{Prefix}*{Extension}").OrderByDescending(f => f.Name, StringComparer.Ordinal)
                .Skip(Math.Max(1, options.Keep)).ToList();
            foreach (var old in deleted) old.Delete();
            await RecordAsync(db, "已備份", new { file = path, rows, deleted = deleted.Select(f => f.Name).ToList() }, ct);
            ProductMetrics.BackupMade(rows);
            log.LogInformation("Backed up {Rows} rows to {File}; deleted {Deleted} older backups.", rows, path, deleted.Count);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            File.Delete(partial);
            ProductMetrics.BackupFailed();
            log.LogError(e, "The scheduled backup to {File} failed.", path);
            try { await RecordAsync(db, "備份失敗", new { file = path, reason = e.Message }, ct); }
            catch (Exception again) { log.LogError(again, "The failed backup could not be recorded in the audit trail either."); }
        }
    }

    async Task RecordAsync(ScorecardDb db, string outcome, object detail, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            Actor = "排程備份",
            Entity = Audited,
            Action = outcome,
            After = JsonSerializer.Serialize(detail),
        });
        await db.SaveChangesAsync(ct);
    }
}
