using Scorecard.Domain.Periods;
using Period = Scorecard.Domain.Values.Period;

namespace Scorecard.Domain.Tests;

public class ReportingCalendarTests
{
    [Theory]
    [InlineData(Period.Q1, "2018-04-15")]
    [InlineData(Period.Q2, "2018-07-15")]
    [InlineData(Period.Q3, "2018-10-15")]
    [InlineData(Period.Q4, "2019-01-15")]
    [InlineData(Period.Y, "2019-01-15")]
    public void A_period_is_due_on_the_15th_of_the_month_after_it_ends(Period period, string due) =>
        Assert.Equal(DateOnly.Parse(due), ReportingCalendar.SuggestedDeadline(2018, period));

    [Fact]
    public void The_city_107_map_with_its_Q1_figures_opens_Q2_next() =>
        Assert.Equal((2018, Period.Q2), ReportingCalendar.NextToOpen(2018, [(2018, Period.Q1), (2017, Period.Y)]));

    [Fact]
    public void A_map_with_nothing_reported_opens_its_first_quarter() =>
        Assert.Equal((2018, Period.Q1), ReportingCalendar.NextToOpen(2018, [(2017, Period.Y)]));

    [Fact]
    public void After_Q4_comes_the_year_and_after_the_year_nothing_more_for_that_map()
    {
        Assert.Equal((2018, Period.Y), ReportingCalendar.NextToOpen(2018, [(2018, Period.Q4), (2018, Period.Q1)]));
        Assert.Null(ReportingCalendar.NextToOpen(2018, [(2018, Period.Y), (2018, Period.Q2)]));
    }
}
