using Scorecard.Domain.Periods;
using Scorecard.Domain.Values;

namespace Scorecard.Web.Features.Reporting;

/// <summary>
/// 「下一期可開放」: the period a map opens next (<see cref="ReportingCalendar.NextToOpen"/>) and the deadline to propose
/// for it, for a planner who may open it. Years are Gregorian; <see cref="PlanRocYear"/> names the map as its routes do.
/// </summary>
public sealed record PeriodToOpen(string Organisation, int PlanRocYear, int Year, Period Period, DateOnly SuggestedDeadline);

/// <summary>A period of a map under way (填報中 or 已截止, not yet published) and how far its entries have come.</summary>
public sealed record PeriodUnderWay(string Organisation, int PlanRocYear, int Year, Period Period, PeriodState State, DateOnly? Deadline,
    bool Overdue, EntryCounts Counts);

/// <summary>
/// A period's entries (each KPI, or each part of a composite KPI) counted once each, by where they stand:
/// <see cref="Entered"/> is every entry with a figure saved, whatever its state (drafts included); of those,
/// <see cref="Submitted"/> wait for review, <see cref="Approved"/> are approved (or already published, after a reopen),
/// <see cref="Returned"/> went back to their agency; <see cref="Missing"/> have nothing saved.
/// </summary>
public sealed record EntryCounts(int Total, int Entered, int Submitted, int Approved, int Returned)
{
    public int Missing => Total - Entered;

    public static EntryCounts Of(IReadOnlyCollection<SubmissionState?> entries) => new(
        entries.Count,
        entries.Count(s => s is not null),
        entries.Count(s => s == SubmissionState.Submitted),
        entries.Count(s => s is SubmissionState.Approved or SubmissionState.Published),
        entries.Count(s => s == SubmissionState.Returned));
}

/// <summary>
/// A map's reporting periods as its page lists them, each with the pages the reader may go on to, and for a planner
/// the period to open next.
/// </summary>
/// <param name="MayReview">The reader may review (or open, close, publish) the map's periods: each links to its review page.</param>
/// <param name="MayEnter">The reader enters figures for some KPI of the map: an open period links to its entry page.</param>
public sealed record MapReportingPeriods(IReadOnlyList<ReportingPeriod> Periods, PeriodToOpen? Next, bool MayReview, bool MayEnter);
