using System.Globalization;
using System.Text.RegularExpressions;

namespace Scorecard.Domain.Common;

/// <summary>
/// A figure as a person types it into a form: full-width digits, separators and signs (「０．４７」, 「１，２３４」,
/// 「－３．５」) read as ASCII, a sign, thousands separators in groups of three (「1,234.5」). A comma anywhere else is refused rather than
/// dropped: 「0,47」 typed for 0.47 (a decimal comma) used to be stored as 47.
/// </summary>
public static partial class TypedNumber
{
    /// <summary>
    /// The number the text holds; false when it holds none (the caller says so in its own words). A comma out of
    /// its place is refused here, naming <paramref name="field"/>.
    /// </summary>
    public static bool TryParse(string? text, string field, out decimal value)
    {
        value = 0;
        var typed = HalfWidth.Of((text ?? "").Trim()).Replace('，', ',').Replace('－', '-').Replace('＋', '+');
        if (Plain().IsMatch(typed) || Grouped().IsMatch(typed))
            return decimal.TryParse(typed.Replace(",", ""), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        if (typed.Contains(',') && Plain().IsMatch(typed.Replace(",", "")))
            throw new InvalidInputException(field, $"「{text}」的千分位不正確；小數點請用「.」。");
        return false;
    }

    [GeneratedRegex(@"^[+-]?(\d+(\.\d+)?|\.\d+)$")]
    private static partial Regex Plain();

    [GeneratedRegex(@"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex Grouped();
}
