using Scorecard.Domain.Common;

namespace Scorecard.Domain.Tests;

/// <summary>Issue 34: a time is shown at the city's clock (Asia/Taipei, +08:00), as a 民國 date in Chinese, never as UTC.</summary>
public class CityTimeTests
{
    [Fact]
    public void A_utc_moment_reads_at_taipei_time_as_a_roc_date_in_chinese_and_a_gregorian_date_in_english()
    {
        var time = new CityTime(new DateTime(2026, 12, 7, 2, 11, 44, 78, DateTimeKind.Utc));
        Assert.Equal("115/12/07 10:11", time.Roc);
        Assert.Equal("2026-12-07 10:11", time.Gregorian);
        Assert.Equal("115/12/07 10:11", time.ToString());
    }

    [Fact]
    public void A_moment_late_in_the_utc_day_is_already_the_next_day_in_taipei()
    {
        var time = new CityTime(new DateTime(2018, 7, 15, 16, 30, 0, DateTimeKind.Utc));
        Assert.Equal("107/07/16 00:30", time.Roc);
        Assert.Equal("2018-07-16 00:30", time.Gregorian);
    }

    [Fact]
    public void A_moment_read_back_without_a_kind_is_taken_as_the_utc_it_was_stored_in()
    {
        // SQLite hands times back as DateTimeKind.Unspecified.
        Assert.Equal("107/07/15 18:11", new CityTime(new DateTime(2018, 7, 15, 10, 11, 0, DateTimeKind.Unspecified)).Roc);
    }

    [Fact]
    public void The_city_keeps_plus_eight_hours_all_year()
    {
        Assert.Equal(TimeSpan.FromHours(8), CityTime.Zone.GetUtcOffset(new DateTime(2018, 1, 15, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(TimeSpan.FromHours(8), CityTime.Zone.GetUtcOffset(new DateTime(2018, 7, 15, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void A_message_with_a_time_in_its_hole_reads_at_the_citys_time()
    {
        var at = new DateTime(2018, 7, 15, 2, 11, 0, DateTimeKind.Utc);
        Assert.Equal("由 epb 於 107/07/15 10:11 修改", Said.Chinese($"由 epb 於 {Said.Time(at)} 修改"));
        DateTime? never = null;
        Assert.Equal("於  修改", Said.Chinese($"於 {Said.Time(never)} 修改"));
    }
}
