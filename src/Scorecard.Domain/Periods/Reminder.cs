using Scorecard.Domain.Common;

namespace Scorecard.Domain.Periods;

/// <summary>What a reminder is about: entries due soon, entries overdue, or a submission waiting for review.</summary>
public enum ReminderKind { DueSoon, Overdue, ToReview }

/// <summary>
/// One thing a person was reminded of, by e-mail, once: a period's entries due (for the period and its
/// deadline: a moved deadline reminds again), or a submission waiting for review (for the time it was
/// submitted: a resubmission reminds again). Recorded before the mail goes out, under a unique key, so a
/// restart does not resend and of several instances only the one whose record lands sends.
/// </summary>
public class ReminderSent : Entity
{
    public required string Recipient { get; set; }
    public ReminderKind Kind { get; set; }
    /// <summary>What it was about, as a key: 「period:{id}:{deadline}」 or 「submission:{id}:{submittedAt}」.</summary>
    public required string About { get; set; }
    public DateTime SentAt { get; set; }

    public static string PeriodKey(ReportingPeriod p) => $"period:{p.Id}:{p.Deadline:yyyy-MM-dd}";

    public static string SubmissionKey(Submission s) => $"submission:{s.Id}:{s.SubmittedAt:yyyy-MM-ddTHH:mm:ss.fffffff}";
}
