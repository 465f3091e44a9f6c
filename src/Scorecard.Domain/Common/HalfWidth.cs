namespace Scorecard.Domain.Common;

/// <summary>
/// Full-width digits, Latin letters and 「．％」 read as ASCII (「１０５年」 is 「105年」, 「ＡＣ１」 is
/// AC1); CJK punctuation (「，（）」) stays as written. The ideographic space is a space.
/// </summary>
public static class HalfWidth
{
    public static string Of(string text)
    {
        if (!text.Any(IsWide))
            return text;
        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var ch = source[i];
                span[i] = ch == '\u3000' ? ' ' : IsWide(ch) ? (char)(ch - 0xFEE0) : ch;
            }
        });
    }

    static bool IsWide(char ch) => ch is >= '０' and <= '９' or >= 'Ａ' and <= 'Ｚ' or >= 'ａ' and <= 'ｚ' or '．' or '％' or '\u3000';
}
