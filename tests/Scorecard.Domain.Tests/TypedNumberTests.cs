using Scorecard.Domain.Common;

namespace Scorecard.Domain.Tests;

/// <summary>Issue 33 §7: numbers typed as people type them; a comma out of place is refused, never dropped.</summary>
public class TypedNumberTests
{
    [Theory]
    [InlineData("0.47", 0.47)]
    [InlineData(" 12 ", 12)]
    [InlineData("-3.5", -3.5)]
    [InlineData("1,234", 1234)]
    [InlineData("1,234,567.25", 1234567.25)]
    [InlineData(".5", 0.5)]
    [InlineData("０．４７", 0.47)]     // full-width, as a Chinese input method types it
    [InlineData("１，２３４", 1234)]
    [InlineData("－３．５", -3.5)]     // a full-width sign too
    [InlineData("＋１２", 12)]
    [InlineData("１，２３４，５６７．２５", 1234567.25)]
    public void A_figure_typed_as_people_type_it_is_read(string typed, decimal expected)
    {
        Assert.True(TypedNumber.TryParse(typed, "value", out var n));
        Assert.Equal(expected, n);
    }

    [Theory]
    [InlineData("0,47")]       // a decimal comma: AC3.4's 0.47 was stored as 47
    [InlineData("12,34")]
    [InlineData("1,2345")]
    [InlineData("1234,567")]
    [InlineData(",5")]
    [InlineData("０，４７")]     // the decimal comma typed full-width is refused as well
    public void A_comma_out_of_its_place_is_refused_naming_the_field(string typed)
    {
        var e = Assert.Throws<InvalidInputException>(() => TypedNumber.TryParse(typed, "value", out _));
        Assert.Equal("value", e.Field);
        Assert.Equal($"「{typed}」的千分位不正確；小數點請用「.」。", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("12%")]
    public void Text_that_is_no_number_is_not_one(string typed) => Assert.False(TypedNumber.TryParse(typed, "value", out _));
}
