using System.Globalization;
using Scorecard.Domain.Common;

namespace Scorecard.Web.Features.Editing;

/// <summary>
/// How the editing pages write lists in a text box, the way staff type them: names separated by
/// 「、」 or commas, one milestone, budget or task a line. Parsing a line that does not read names the line.
/// </summary>
public static class FormText
{
    static readonly char[] NameSeparators = ['、', ',', '，', ';', '；', '\n', '\r'];

    /// <summary>Names in one box; <paramref name="field"/> given, held to the API's bounds (<see cref="Infrastructure.Bounds"/>) and refused naming it.</summary>
    public static List<string> Names(string? text, string? field = null)
    {
        var names = (text ?? "").Split(NameSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return field is null ? names : Infrastructure.Bounds.List(names, field);
    }

    public static string Names(IEnumerable<string> names) => string.Join("、", names);

    /// <summary>One item a line (the mission's sentences).</summary>
    public static List<string> Lines(string? text, string? field = null)
    {
        var lines = NumberedLines(text).Select(l => l.Text).ToList();
        return field is null ? lines : Infrastructure.Bounds.List(lines, field);
    }

    static IEnumerable<(int Number, string Text)> NumberedLines(string? text) =>
        (text ?? "").Split('\n').Select((l, i) => (i + 1, l.Trim())).Where(l => l.Item2.Length > 0);

    static (string Left, string? Right) Split(string line, params char[] separators)
    {
        var at = line.LastIndexOfAny(separators);
        return at < 0 ? (line, null) : (line[..at].Trim(), line[(at + 1)..].Trim());
    }

    static decimal? Number(string? text, string field) =>
        TypedNumber.TryParse((text ?? "").Replace("NT$", "").Replace("元", "").Replace("分", ""), field, out var n) ? n : null;

    /// <summary>「完成都市計畫公展 | 15」 a line.</summary>
    public static List<MilestoneInput> Milestones(string? text) => NumberedLines(text).Select(l =>
    {
        var (name, points) = Split(l.Text, '|', '｜');
        return new MilestoneInput(name, Number(points, "milestones") ?? throw new InvalidInputException("milestones", $"里程碑第 {l.Number} 行「{l.Text}」沒有配分：請寫成「名稱 | 分數」。"));
    }).ToList();

    public static string Milestones(IEnumerable<Scorecard.Domain.Kpis.KpiMilestone> steps) =>
        string.Join("\n", steps.OrderBy(s => s.Ordinal).Select(s => $"{s.Name} | {s.Points:0.##}"));

    /// <summary>「108: 1,200,000」 a line (民國年: 金額).</summary>
    public static List<BudgetInput> Budgets(string? text) => NumberedLines(text).Select(l =>
    {
        var (year, amount) = Split(l.Text, ':', '：');
        if (!int.TryParse(year.Replace("年", ""), out var rocYear) || Number(amount, "budgets") is not { } a)
            throw new InvalidInputException("budgets", $"預算第 {l.Number} 行「{l.Text}」請寫成「民國年: 金額」，如「108: 1200000」。");
        return new BudgetInput(rocYear, a);
    }).ToList();

    public static string Budgets(IEnumerable<Scorecard.Domain.Kpis.ActionPlanBudget> budgets) =>
        string.Join("\n", budgets.OrderBy(b => b.Year).Select(b => $"{RocYear.FromGregorian(b.Year)}: {b.Amount:0}"));

    /// <summary>「[分組] 辦理招標 | 1-3, 5」 a line: the task, its group if any, and the months it runs in (may be left out).</summary>
    public static List<TaskInput> Tasks(string? text) => NumberedLines(text).Select(l =>
    {
        var (name, months) = l.Text.IndexOfAny(['|', '｜']) < 0 ? (l.Text, null) : Split(l.Text, '|', '｜');
        string? group = null;
        if (name.StartsWith('[') && name.IndexOf(']') is > 0 and var end)
            (group, name) = (name[1..end].Trim(), name[(end + 1)..].Trim());
        return new TaskInput(name, group, months is null ? null : Months(months, l.Number));
    }).ToList();

    static List<int> Months(string text, int line)
    {
        var months = new List<int>();
        foreach (var part in text.Replace("月", "").Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split(['-', '–', '~']);
            if (range.Length is 1 or 2 && int.TryParse(range[0], out var from) && int.TryParse(range[^1], out var to) && from <= to)
                months.AddRange(Enumerable.Range(from, to - from + 1));
            else
                throw new InvalidInputException("tasks", $"主要任務第 {line} 行的月份「{part}」看不懂：請寫成「1-3, 5」。");
        }
        return months;
    }

    public static string Tasks(IEnumerable<Scorecard.Domain.Kpis.ScheduledTask> tasks) =>
        string.Join("\n", tasks.OrderBy(t => t.Ordinal).Select(t =>
            (t.Group is null ? "" : $"[{t.Group}] ") + t.Name + (t.Months is { Count: > 0 } m ? $" | {string.Join(",", m)}" : "")));

    public static decimal? Decimal(string? text, string field, string what) =>
        string.IsNullOrWhiteSpace(text) ? null
        : TypedNumber.TryParse(text, field, out var n) ? n
        : throw new InvalidInputException(field, $"{what}「{text}」不是數字。");
}
