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

    /// <summary>
    /// A figure as a reporter may qualify it (issue 33 §5): a bound before it (「&lt;0.2」, 「≥90」), 以下 / 以上 / 以內 after it
    /// (「10 以下」), or a per cent sign (「75.0%」). The number is read as <see cref="TryParse"/> reads it; the text is kept, trimmed, as
    /// typed, to be shown beside the number (<see cref="Values.PrintedText"/>). Anything else around the number is not read.
    /// </summary>
    public static bool TryParseQualified(string? text, string field, out decimal value, out string? typed)
    {
        typed = null;
        var trimmed = (text ?? "").Trim();
        var core = Qualifier().Match(HalfWidth.Of(trimmed).Replace('％', '%'));
        if (!TryParse(core.Success ? core.Groups["n"].Value : trimmed, field, out value))
            return false;
        typed = trimmed;
        return true;
    }

    [GeneratedRegex(@"^(?:[<>≤≥＜＞≦≧]\s*)?(?<n>[^<>≤≥＜＞≦≧%\s]+)\s*%?\s*(?:以下|以上|以內)?$")]
    private static partial Regex Qualifier();

    [GeneratedRegex(@"^[+-]?(\d+(\.\d+)?|\.\d+)$")]
    private static partial Regex Plain();

    [GeneratedRegex(@"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex Grouped();
}
