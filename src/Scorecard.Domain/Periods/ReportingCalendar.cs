using Scorecard.Domain.Values;

namespace Scorecard.Domain.Periods;

/// <summary>
/// When a map's quarters come due, as the city's planners count them (issue 34): a quarter's figures are entered in
/// the month after it ends and due on that month's 15th (107 Q2 by 2018-07-15, the year by 15 January after it).
/// Pure: pages propose what it says, the planner decides.
/// </summary>
public static class ReportingCalendar
{
    /// <summary>The deadline to propose for a period's entry: the 15th of the month after the period ends.</summary>
    public static DateOnly SuggestedDeadline(int year, Period period) => period switch
    {
        Period.Q1 => new DateOnly(year, 4, 15),
        Period.Q2 or Period.H1 => new DateOnly(year, 7, 15),
        Period.Q3 => new DateOnly(year, 10, 15),
        _ => new DateOnly(year + 1, 1, 15),
    };

    /// <summary>The quarter after one (the year's Q4 is followed by the year's own figure, then next year's Q1).</summary>
    public static (int Year, Period Period) After(int year, Period period) => period switch
    {
        Period.Q1 => (year, Period.Q2),
        Period.Q2 or Period.H1 => (year, Period.Q3),
        Period.Q3 => (year, Period.Q4),
        Period.Q4 or Period.H2 => (year, Period.Y),
        _ => (year + 1, Period.Q1),
    };

    /// <summary>
    /// The period to open next for a map of plan year <paramref name="planYear"/>: the one after the latest that has
    /// figures or a reporting period, within the plan year; the plan year's Q1 when nothing has been reported yet;
    /// null once the plan year's own figure has been reported (the next year is the next map's).
    /// </summary>
    /// <param name="reported">Every (year, period) the map holds actuals for or has a reporting period row for.</param>
    public static (int Year, Period Period)? NextToOpen(int planYear, IEnumerable<(int Year, Period Period)> reported)
    {
        var latest = reported.Where(r => r.Year == planYear).OrderBy(r => Order(r.Period)).Select(r => ((int, Period)?)r).LastOrDefault();
        if (latest is not { } l)
            return (planYear, Period.Q1);
        if (l.Item2 == Period.Y)
            return null;
        return After(l.Item1, l.Item2);
    }

    /// <summary>A period's place in its year: Q1 first, the year's own figure last.</summary>
    public static int Order(Period p) => p switch
    {
        Period.Q1 => 1, Period.Q2 => 2, Period.H1 => 2, Period.Q3 => 3, Period.Q4 => 4, Period.H2 => 4, _ => 5,
    };
}
