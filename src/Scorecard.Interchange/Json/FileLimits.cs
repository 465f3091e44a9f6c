using System.Globalization;
using System.Text.Json;

namespace Scorecard.Interchange.Json;

/// <summary>
/// What any imported file may hold, checked before anything is written (issue 11 §1): texts of at
/// most <see cref="MaxTextLength"/> characters, well-formed Unicode without control characters
/// (codes without any whitespace either), numbers no larger than <see cref="MaxNumber"/>, lists of
/// at most <see cref="MaxListLength"/> items. A city's real files stay far inside; what goes beyond
/// is a broken or hostile file, refused at its place before it can reach a page, a report or the
/// database (PostgreSQL refuses a NUL or a lone surrogate in text; a page's arithmetic overflows).
/// </summary>
public static class FileLimits
{
    public const int MaxTextLength = 10_000;
    public const int MaxListLength = 10_000;
    public const decimal MaxNumber = 1_000_000_000_000_000m;   // 10^15: a city's budget in NT$ is ~10^11

    // Fields holding a code or naming one, where a space or tab is a typo that would make a second code.
    static readonly HashSet<string> CodeFields = ["code", "objective", "theme", "kpi", "parentCode", "actionPlan", "from", "to", "perspective", "period", "kind"];

    /// <summary>Refuses the file at the first fact beyond the limits, at its JSON path (or its cell, for a workbook).</summary>
    public static void Check(ImportInput input)
    {
        var tree = JsonSerializer.SerializeToElement(input.File, InterchangeJson.Options);
        if (FirstProblem(tree, "$", null) is { } problem)
            throw new ImportException(input.Name, input.Locate(problem.Path), problem.Reason);
    }

    static (string Path, FormattableString Reason)? FirstProblem(JsonElement element, string path, string? name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var at = $"{path}.{property.Name}";
                    if (property.Name.Length > 200 || property.Name.Any(char.IsControl))
                        return (path, $"欄位名稱含有控制字元或超過 200 字。");
                    if (FirstProblem(property.Value, at, property.Name) is { } problem)
                        return problem;
                }
                return null;
            case JsonValueKind.Array:
                if (element.GetArrayLength() > MaxListLength)
                    return (path, $"清單有 {element.GetArrayLength()} 項，超過上限 {MaxListLength} 項。");
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    if (FirstProblem(item, $"{path}[{i++}]", name) is { } problem)
                        return problem;
                return null;
            case JsonValueKind.String:
                string text;
                try { text = element.GetString()!; }
                catch (InvalidOperationException) { return (path, $"文字不是有效的 UTF-8 編碼。"); }
                return TextProblem(text, name is not null && CodeFields.Contains(name)) is { } why ? (path, why) : null;
            case JsonValueKind.Number:
                if (!element.TryGetDecimal(out var number) || Math.Abs(number) > MaxNumber)
                    return (path, $"數字 {element.GetRawText()} 超出可接受的範圍（絕對值不超過 10^15）。");
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// A character no page should print: a control character (a text may keep tab and line breaks),
    /// a direction override that makes a text read otherwise than it is stored, a non-character.
    /// A code may hold none of these, nor any whitespace but an inner space, nor an invisible format character.
    /// </summary>
    static bool Unprintable(char c, bool code)
    {
        var category = char.GetUnicodeCategory(c);
        if (code)
            return category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
                || char.IsWhiteSpace(c) && c != ' ';
        return category == UnicodeCategory.Control && c is not ('\t' or '\n' or '\r')
            || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\uFFFE' or '\uFFFF';
    }

    static FormattableString? TextProblem(string text, bool code)
    {
        if (text.Length > MaxTextLength)
            return $"文字長 {text.Length} 字，超過上限 {MaxTextLength} 字。";
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
}
