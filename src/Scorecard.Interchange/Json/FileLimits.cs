using Scorecard.Domain.Common;
using System.Text.Json;

namespace Scorecard.Interchange.Json;

/// <summary>
/// What any imported file may hold, checked as it is read, before anything is written (issue 11 §1): texts a page
/// can print (<see cref="PrintableText"/>; codes without whitespace), numbers no larger than <see cref="MaxNumber"/>, lists of
/// at most <see cref="MaxListLength"/> items. A city's real files stay far inside; what goes beyond
/// is a broken or hostile file, refused at its place before it can reach a page, a report or the
/// database (PostgreSQL refuses a NUL or a lone surrogate in text; a page's arithmetic overflows).
/// </summary>
public static class FileLimits
{
    public const int MaxListLength = 10_000;
    public const decimal MaxNumber = 1_000_000_000_000_000m;   // 10^15: a city's budget in NT$ is ~10^11

    // Fields holding a code or naming one, where a space or tab is a typo that would make a second code.
    static readonly HashSet<string> CodeFields = ["code", "objective", "theme", "kpi", "parentCode", "actionPlan", "from", "to", "perspective", "period", "kind"];

    /// <summary>Refuses the file at the first fact beyond the limits, at its JSON path, or where <paramref name="locate"/> puts it (a workbook's cell).</summary>
    public static void Check(string fileName, JsonElement facts, Func<string, string>? locate = null)
    {
        if (FirstProblem(facts, "$", null) is { } problem)
            throw new ImportException(fileName, locate?.Invoke(problem.Path) ?? problem.Path, problem.Reason);
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
                // A fact the model does not know is kept as written: an escaped half surrogate pair (\ud800) is read only here.
                try { text = element.GetString()!; }
                catch (InvalidOperationException) { return (path, $"文字含有不完整的 Unicode 字元。"); }
                return PrintableText.Problem(text, code: name is not null && CodeFields.Contains(name)) is { } why ? (path, why) : null;
            case JsonValueKind.Number:
                if (!element.TryGetDecimal(out var number) || Math.Abs(number) > MaxNumber)
                    return (path, $"數字 {element.GetRawText()} 超出可接受的範圍（絕對值不超過 10^15）。");
                return null;
            default:
                return null;
        }
    }
}
