using System.Globalization;

namespace Scorecard.Domain.Common;

/// <summary>
/// What a text anyone can set may hold (issue 11): at most <see cref="MaxLength"/> characters of
/// well-formed Unicode a page can print. Refused: control characters (a text may keep tab and line
/// breaks), direction overrides that make a text read otherwise than it is stored, non-characters,
/// and a half of a surrogate pair (PostgreSQL cannot store it, nor a NUL). A code holds no
/// whitespace but an inner space, and no invisible format character.
/// </summary>
public static class PrintableText
{
    public const int MaxLength = 10_000;

    /// <summary>Why the text cannot be kept, or null when it can.</summary>
    public static FormattableString? Problem(string text, bool code = false, int maxLength = MaxLength)
    {
        if (text.Length > maxLength)
            return $"文字長 {text.Length} 字，超過上限 {maxLength} 字。";
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
                return $"文字含有不完整的 Unicode 字元（U+{(int)c:X4}）。";
            if (Unprintable(c, code))
                return $"文字含有控制字元或不可見的字元 U+{(int)c:X4}（第 {i + 1} 字），無法正確顯示。";
            if (code && c == ' ' && (i == 0 || i == text.Length - 1))
                return $"代號「{text.Trim()}」的前後有空白。";
        }
        return null;
    }

    static bool Unprintable(char c, bool code)
    {
        var category = char.GetUnicodeCategory(c);
        if (code)
            return category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
                || char.IsWhiteSpace(c) && c != ' ';
        return category == UnicodeCategory.Control && c is not ('\t' or '\n' or '\r')
            || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\uFFFE' or '\uFFFF';
    }
}
