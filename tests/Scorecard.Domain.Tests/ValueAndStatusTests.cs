using Scorecard.Domain.Common;
using Scorecard.Domain.Values;

namespace Scorecard.Domain.Tests;

public class ValueAndStatusTests
{
    [Theory]
    [InlineData("未統計", StatusMeaning.NotTracked)]
    [InlineData("無統計", StatusMeaning.NotTracked)]
    [InlineData("無資料", StatusMeaning.NotTracked)]
    [InlineData("新指標不適用", StatusMeaning.NotApplicable)]
    [InlineData("公式調整不適用", StatusMeaning.NotApplicable)]
    [InlineData("換屆不適用", StatusMeaning.NotApplicable)]
    [InlineData("本數值屬年度統計值，無單季數據", StatusMeaning.AnnualOnly)]
    [InlineData("尚無法統計", StatusMeaning.NotYetAvailable)]
    [InlineData("已完成", StatusMeaning.Completed)]
    [InlineData("—", StatusMeaning.Dropped)]
    [InlineData("預定 10 月 20至 22 日辦理", StatusMeaning.Other)]
    public void The_documents_status_wordings_are_understood(string wording, StatusMeaning meaning) =>
        Assert.Equal(meaning, ValueStatuses.Classify(wording, hasNumber: false));

    [Fact]
    public void A_remark_beside_a_number_is_a_qualifier_not_a_missing_value() =>
        Assert.Equal(StatusMeaning.Qualifier, ValueStatuses.Classify("(至 5 月)", hasNumber: true));

    [Fact]
    public void A_value_with_neither_number_nor_status_is_refused_in_the_staffs_language()
    {
        var e = Assert.Throws<DomainException>(() => KpiValue.CheckHasContent(null, " "));
        Assert.Contains("數值與狀態皆為空", e.Message);
    }

    [Fact]
    public void A_status_alone_or_a_number_alone_is_a_value()
    {
        KpiValue.CheckHasContent(null, "未統計");
        KpiValue.CheckHasContent(0m, null);
    }

    [Theory]
    [InlineData("Y", Period.Y)]
    [InlineData("H2", Period.H2)]
    [InlineData("Q4", Period.Q4)]
    public void Periods_parse(string text, Period period) => Assert.Equal(period, Values.Periods.Parse(text));

    [Theory]
    [InlineData("Q5")]
    [InlineData("q1")]
    [InlineData("1")]
    public void An_unknown_period_is_refused_naming_the_allowed_ones(string text)
    {
        var e = Assert.Throws<DomainException>(() => Values.Periods.Parse(text));
        Assert.Contains("Q1", e.Message);
    }

    [Fact]
    public void Roc_years_convert_both_ways_and_read_as_on_screen()
    {
        Assert.Equal(2018, RocYear.ToGregorian(107));
        Assert.Equal(107, RocYear.FromGregorian(2018));
        Assert.Equal("107 年", RocYear.Label(2018));
        Assert.Throws<DomainException>(() => RocYear.ToGregorian(2018));
    }
}
