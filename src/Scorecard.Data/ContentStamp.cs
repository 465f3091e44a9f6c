using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Periods;

namespace Scorecard.Data;

/// <summary>
/// One number that goes up, in the same transaction, with every write that changes what a page or a
/// report shows: maps and everything in them, organisations, periods, published entries. Whatever is
/// cached from the database (scored maps, roll-ups, whole pages) is kept under the number it was read
/// at, so a write on any instance of the server is seen by the next request to every instance, which
/// reads the number first. The deadline's drafts and submissions do not move it: they are shown only
/// to staff, from the database, and move many times a second.
/// </summary>
public class ContentStamp
{
    public const int TheRow = 1;
    public int Id { get; set; }
    public long Value { get; set; }

    /// <summary>Whether a change to this row can change what is shown (and so what is cached).</summary>
    internal static bool Moves(EntityEntry entry) => entry.Entity switch
    {
        Submission s => s.State == SubmissionState.Published
                        || (entry.State == EntityState.Modified && entry.Property(nameof(Submission.State)).OriginalValue is SubmissionState.Published),
        ReminderSent or RoleAssignment => false,   // who may do what: asked of the database on every request
        _ => true,
    };

    /// <summary>
    /// An increment in SQL, not a tracked read and write: two writers never conflict over the stamp; on
    /// PostgreSQL the second waits for the first's commit, so the number rises in commit order.
    /// </summary>
    internal static Task BumpAsync(ScorecardDb db, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""UPDATE "ContentStamps" SET "Value" = "Value" + 1 WHERE "Id" = {TheRow}""", ct);
}
