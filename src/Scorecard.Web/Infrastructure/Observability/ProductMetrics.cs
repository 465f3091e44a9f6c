using System.Diagnostics.Metrics;

namespace Scorecard.Web.Infrastructure.Observability;

/// <summary>
/// The product's own counters, on the meter <see cref="MeterName"/>: what a city's IT department watches besides
/// requests and the database. Prometheus reads them as scorecard_entries_saved_total and so on.
/// </summary>
public static class ProductMetrics
{
    public const string MeterName = "Scorecard";
    static readonly Meter Meter = new(MeterName);

    static readonly Counter<long> EntriesSaved = Meter.CreateCounter<long>("scorecard.entries.saved", description: "Actual values saved by reporters");
    static readonly Counter<long> EntriesSubmitted = Meter.CreateCounter<long>("scorecard.entries.submitted", description: "Entries submitted for review");
    static readonly Counter<long> PeriodsPublished = Meter.CreateCounter<long>("scorecard.periods.published", description: "Reporting periods published (or their figures approved since)");
    static readonly Counter<long> Imports = Meter.CreateCounter<long>("scorecard.imports", description: "Imports by outcome: imported, previewed, refused");
    static readonly Counter<long> ImportRows = Meter.CreateCounter<long>("scorecard.import.rows", description: "Rows created or updated by imports");
    static readonly Counter<long> RemindersSent = Meter.CreateCounter<long>("scorecard.reminders.sent", description: "Reminder mails sent");
    static readonly Counter<long> RemindersFailed = Meter.CreateCounter<long>("scorecard.reminders.failed", description: "Rounds of reminder mails that failed");
    static readonly Counter<long> SignInFailures = Meter.CreateCounter<long>("scorecard.sign_in.failures", description: "Refused sign-ins by reason");
    static readonly Counter<long> Backups = Meter.CreateCounter<long>("scorecard.backups", description: "Scheduled backups by outcome: made, failed");
    static readonly Counter<long> BackupRows = Meter.CreateCounter<long>("scorecard.backup.rows", description: "Rows written by scheduled backups");
    static readonly Counter<long> CacheReads = Meter.CreateCounter<long>("scorecard.cache.reads", description: "Reads of the computed-read cache (scored maps, roll-ups, the dashboard …) by outcome: hit, miss");
    static readonly Counter<long> Lockouts = Meter.CreateCounter<long>("scorecard.sign_in.lockouts", description: "Sign-ins refused because the account is kept out");

    public static void EntrySaved() => EntriesSaved.Add(1);
    public static void EntrySubmitted() => EntriesSubmitted.Add(1);
    public static void PeriodPublished() => PeriodsPublished.Add(1);

    public static void Imported(bool dryRun, int created, int updated)
    {
        Imports.Add(1, new KeyValuePair<string, object?>("outcome", dryRun ? "previewed" : "imported"));
        if (dryRun)
            return;
        ImportRows.Add(created, new KeyValuePair<string, object?>("change", "created"));
        ImportRows.Add(updated, new KeyValuePair<string, object?>("change", "updated"));
    }

    public static void ImportRefused() => Imports.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
    public static void ReminderSent(int mails) => RemindersSent.Add(mails);
    public static void ReminderFailed() => RemindersFailed.Add(1);

    /// <param name="reason">unknown (no such account), wrong_password, kept_out (too many wrong passwords, or locked)</param>
    public static void SignInFailed(string reason)
    {
        SignInFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));
        if (reason == "kept_out")
            Lockouts.Add(1);
    }

    public static void BackupMade(int rows)
    {
        Backups.Add(1, new KeyValuePair<string, object?>("outcome", "made"));
        BackupRows.Add(rows);
    }

    public static void BackupFailed() => Backups.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));

    /// <param name="hit">Answered from what was kept at the current content stamp; a miss computed it (the first asker after a change).</param>
    public static void CacheRead(bool hit) => CacheReads.Add(1, new KeyValuePair<string, object?>("outcome", hit ? "hit" : "miss"));
}
