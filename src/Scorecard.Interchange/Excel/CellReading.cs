using System.Globalization;
using System.Text.RegularExpressions;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Values;

namespace Scorecard.Interchange.Excel;

/// <summary>A value cell read: a number, a status, or both (「4,912 (調整計算方式)」), and the cell as written.</summary>
public sealed record ReadValue(decimal? Number, string? Status, string Raw);

/// <summary>
/// How a person reads the BSC form's cells: a line break inside a Chinese word is only where the
/// cell wrapped; 「AC1 提高員工職舍配住率」 is a code and a name; 「2,400,0 00」 is 2,400,000;
/// 「1.4 2.6 3.2」 under three numbered KPIs is 4, 6 and 2.
/// </summary>
public static partial class CellReading
{
    static bool IsCjk(char c) => c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF' or >= '\u3000' and <= '\u303F';

    /// <summary>
    /// A line break between two Chinese characters dropped (a wrapped line, 「總務\n組」); any other run
    /// of whitespace one space (「歲出計畫 辦理」 keeps its space).
    /// </summary>
    public static string Tidy(string text)
    {
        var s = CjkGap().Replace(text.Trim(), "");
        return Whitespace().Replace(s, " ");
    }

    /// <summary>Text with no whitespace at all, to compare headers and statuses (「行動方 案對應 105年預 算 (元)」).</summary>
    public static string Squeeze(string text) => Whitespace().Replace(text, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<=[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F])[ \t]*\n\s*(?=[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F])")]
    private static partial Regex CjkGap();

    // A map code: theme letter, perspective letter, number, then .number per level (AC1, AC1.1, AC1.1.1).
    // Printed forms also carry a capital I for the digit 1 (「API.1.1」 is AP1.1.1).
    [GeneratedRegex(@"(?<![A-Za-z0-9.])(?<code>[A-Z][CPLF][0-9I]+(?:\s*\.\s*[0-9I]+)*(?:-[0-9]+)?)")]
    private static partial Regex CodeToken();

    // An irregular code the documents print (「CP.3.2.1」, 「BP3.1-2」), kept as written when it opens the cell.
    [GeneratedRegex(@"^\s*(?<code>[A-Z][A-Z]?[.0-9]*[0-9](?:-[0-9]+)?)(?=\s|[\u2E80-\u9FFF]|$)")]
    private static partial Regex IrregularCode();

    /// <summary>Every 「code name」 in a cell, in order: 「BC1.1 臺北畫刊… BC1.2 臺北電台…」 is two; a cell with no code is one entry without a code.</summary>
    public static IReadOnlyList<(string? Code, string Name)> CodedEntries(string text, int depth)
    {
        var matches = CodeToken().Matches(text).Where(m => Depth(m.Groups["code"].Value) == depth && StartsEntry(text, m.Index)).ToList();
        if (matches.Count == 0)
        {
            if (IrregularCode().Match(text) is { Success: true } irregular)
                return [(irregular.Groups["code"].Value, Tidy(text[(irregular.Index + irregular.Length)..]))];
            return string.IsNullOrWhiteSpace(text) ? [] : [(null, Tidy(text))];
        }
        var entries = new List<(string?, string)>();
        var lead = text[..matches[0].Index];
        for (var i = 0; i < matches.Count; i++)
        {
            var end = i + 1 < matches.Count ? matches[i + 1].Index : text.Length;
            var start = matches[i].Index + matches[i].Length;
            var name = Tidy((i == 0 ? lead : "") + text[start..end]);
            entries.Add((Code(matches[i].Groups["code"].Value), name));
        }
        return entries;
    }

    // A code starts an entry at the start of the cell or after whitespace or a line break; one inside a name is part of it.
    static bool StartsEntry(string text, int index) => index == 0 || char.IsWhiteSpace(text[index - 1]);

    static int Depth(string code) => code.Split('-')[0].Count(c => c == '.');

    static string Code(string printed)
    {
        var code = Squeeze(printed);
        // The letter I where a digit belongs: after the two letters, and as a whole level.
        return string.Concat(code[..2], code[2..].Replace('I', '1'));
    }

    /// <summary>「顧客構面」, 「內部\n流程\n構面」, 「顧客 C」: the perspective a cell names, or null.</summary>
    public static Perspective? PerspectiveOf(string text)
    {
        var s = Squeeze(text);
        if (s.Length == 0 || s.Length > 8)
            return null;
        var named = Perspective.All.FirstOrDefault(p => s.StartsWith(p.NameZh, StringComparison.Ordinal));
        if (named is null)
            return null;
        var rest = s[named.NameZh.Length..];
        return rest is "" or "構面" || rest == named.Code ? named : null;
    }

    [GeneratedRegex(@"(?<year>\d{2,3})\s*年")]
    private static partial Regex YearInText();

    /// <summary>The ROC year a header names (「105年 目標值」, 「行動方 案對應 105 年預 算 (元)」).</summary>
    public static int? YearOf(string header) =>
        YearInText().Match(header) is { Success: true } m ? int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture) : null;

    // A figure as people type it: 11469, 11,469, -3.5, 2,400,0 00 (a wrapped amount), optionally % (「90.0 %」 as Beitou prints it) or a measure word right after it.
    [GeneratedRegex(@"^(?<number>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:\s?(?<percent>[%％]))?(?:件|次|人次|人|場次|場|張|支|篇|則|日|天|元|家|個|所|處)?(?:(?:\s+|(?=[(（]))(?<rest>.+))?$", RegexOptions.Singleline)]
    private static partial Regex Figure();

    [GeneratedRegex(@"^\d{2,4}\s*年\s*\d{1,2}\s*月")]
    private static partial Regex DateText();

    [GeneratedRegex(@"^[\d,.\s%]+$")]
    private static partial Regex SeveralFigures();

    /// <summary>
    /// A target or actual cell: a number cell as its number; text as a figure, a figure with a
    /// remark (「4,912 (調整計算方式)」, 「100 (已完成)」), or a status the product knows
    /// (「公式調整不適用」, 「無統計」) or written in words. Null for an empty cell; an error message
    /// for anything else (「1,2,3」).
    /// </summary>
    public static (ReadValue? Value, FormattableString? Error) Value(GridCell? cell) => cell switch
    {
        null or { Text.Length: 0 } => (null, null),
        { Number: { } n } => (new ReadValue(n, null, cell.Text), null),
        _ => ValueText(cell.Text),
    };

    public static (ReadValue? Value, FormattableString? Error) ValueText(string text)
    {
        var raw = text.Trim();
        if (raw.Length == 0)
            return (null, null);
        // A date (「0107 年 4 月30 日」, a deadline as target) is words, not the figure 107.
        // A bound printed before the figure (「≤4.9」, 「<0.2」) is kept in the raw text; the figure is the number after it.
        var body = raw.TrimStart('≤', '≥', '<', '>', '＜', '＞', '≦', '≧').TrimStart();
        var figure = DateText().IsMatch(raw) ? Match.Empty : Figure().Match(body);
        if (figure.Success && SeveralFigures().IsMatch(figure.Groups["rest"].Value))
            return (null, $"「{raw}」含有多個數字；一格只能填一個數值（分項請編號，如「1.4 2.6」）。");
        if (figure.Success && decimal.TryParse(figure.Groups["number"].Value.Replace(",", ""), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return (new ReadValue(number, Remark(figure.Groups["rest"].Value), raw), null);
        // A status: one the product knows, or words a person wrote there (「配合資訊局…再評估適當之目標值。」).
        var status = Tidy(raw);
        if (ValueStatuses.Classify(status, hasNumber: false) != StatusMeaning.Other || status.Any(IsCjk))
            return (new ReadValue(null, status, raw), null);
        return (null, $"「{raw}」不是數字，也不是已知的狀態。");
    }

    /// <summary>A remark beside a figure, as the documents keep it: 「(已完成)」 is the status 已完成; other remarks keep their brackets, wrapped lines joined (「(104/8/31起計算)」).</summary>
    static string? Remark(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var s = RemarkGap().Replace(Tidy(text), "");
        var inner = s.Length > 2 && s[0] is '(' or '（' && s[^1] is ')' or '）' ? s[1..^1] : null;
        return inner is not null && ValueStatuses.Classify(inner, hasNumber: false) is not StatusMeaning.Other and not StatusMeaning.Qualifier ? inner : s;
    }

    // A line wrapped beside a date's separator: 「104/8 /31」, 「104. 10.」.
    [GeneratedRegex(@"\s+(?=/)|(?<=[/.])\s+")]
    private static partial Regex RemarkGap();

    /// <summary>An amount (budgets): a number cell, or text with separators and wrapped digits; null when empty or 「—」.</summary>
    public static (decimal? Amount, FormattableString? Error) Amount(GridCell? cell)
    {
        if (cell is null || cell.Text.Trim().Length == 0)
            return (null, null);
        if (cell.Number is { } n)
            return (n, null);
        var s = Squeeze(cell.Text).Replace(",", "");
        if (s is "—" or "-" or "－")
            return (null, null);
        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? (amount, null)
            : (null, $"「{cell.Text.Trim()}」不是金額（元）。");
    }

    /// <summary>
    /// A cell that lists numbered items, 「1.4 2.6 3.2」 or 「1. 篇數/年≥4篇 2. 則數/年≥6則」: the
    /// text of items 1…count, or null when the cell is not numbered so.
    /// </summary>
    public static IReadOnlyList<string>? Numbered(string text, int count)
    {
        var items = new List<string>();
        var at = 0;
        for (var k = 1; k <= count; k++)
        {
            var start = FindItem(text, k, at);
            if (start < 0)
                return null;
            if (k > 1)
                items.Add(text[at..start].Trim());
            at = start + k.ToString(CultureInfo.InvariantCulture).Length + 1;
        }
        items.Add(text[at..].Trim());
        return items;
    }

    static int FindItem(string text, int k, int from)
    {
        var marker = $"{k}.";
        for (var i = text.IndexOf(marker, from, StringComparison.Ordinal); i >= 0; i = text.IndexOf(marker, i + 1, StringComparison.Ordinal))
            if ((i == 0 || char.IsWhiteSpace(text[i - 1])) && (k > 1 || text[..i].Trim().Length == 0))
                return i;
        return -1;
    }

    /// <summary>「單位：篇數 則數」 split off a formula cell: the formula, and the unit text.</summary>
    public static (string Formula, string? Unit) FormulaAndUnit(string text)
    {
        // The last 「單位：」 (a formula may speak of 單位 itself), else the last 「單位」 starting a line or after a space.
        var at = Math.Max(text.LastIndexOf("單位：", StringComparison.Ordinal), text.LastIndexOf("單位:", StringComparison.Ordinal));
        if (at < 0)
            at = text.LastIndexOf("單位", StringComparison.Ordinal) is var i and > 0 && char.IsWhiteSpace(text[i - 1]) ? i : -1;
        if (at < 0)
            return (text.Trim(), null);
        var unit = text[(at + 2)..].TrimStart(' ', '：', ':', '\n').Trim();
        return (text[..at].Trim(), unit.Length == 0 ? null : unit);
    }

    /// <summary>Owners as a cell lists them: 「總務組」, 「總務組、文書組」; a line break inside a name is a wrap (「視察及\n動員組」).</summary>
    public static IReadOnlyList<string> Owners(string text) =>
        OwnerSeparator().Split(text).Select(Tidy).Where(s => s.Length > 0).ToList();

    [GeneratedRegex(@"[、,，;；]+")]
    private static partial Regex OwnerSeparator();

    /// <summary>
    /// A cell holding one figure per part, a line or a space apart (「20 5」, 「20\n5」): the pieces,
    /// each a figure or a status, at least one a figure. Null for a single value (「4,912 (調整計算方式)」).
    /// </summary>
    public static IReadOnlyList<string>? PartFigures(GridCell? cell)
    {
        if (cell is null || cell.Number is not null)
            return null;
        var text = cell.Text.Trim();
        var pieces = text.Contains('\n') ? text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (pieces.Length < 2)
            return null;
        // Only plain figures: 「100 已完成」 is one figure with its status.
        var values = pieces.Select(p => ValueText(p)).ToList();
        return values.All(v => v.Value is { Number: not null, Status: null }) ? pieces : null;
    }

    /// <summary>A part KPI's cell split into its parts' values: a line (or plain figure) each, an empty line for none, or one value for all (「無統計」).</summary>
    public static IReadOnlyList<string> PartValues(GridCell cell, int count)
    {
        if (PartFigures(cell) is { } figures)
            return figures;
        // An empty line is a part without a figure for that year.
        var lines = cell.Text.Split('\n', StringSplitOptions.TrimEntries);
        return lines.Length == count ? lines : Enumerable.Repeat(cell.Text, count).ToList();
    }

    /// <summary>A formula's statements with their comparisons: 「年度製作市政建設視覺圖片張數≥20張 年度製作市政建設視覺影片支數≥5支」 is two.</summary>
    public static IReadOnlyList<(string Name, string Formula, string Threshold)> Statements(string formula) =>
        Statement().Matches(formula).Select(m => (Tidy(m.Groups["name"].Value), Tidy(m.Value), Squeeze(m.Groups["threshold"].Value))).ToList();

    [GeneratedRegex(@"(?<name>[^≥≤≧≦\s][^≥≤≧≦]*?)\s*(?<threshold>(?:[≥≤≧≦]|至少)\s*[\d,.]+\s*[%\p{IsCJKUnifiedIdeographs}]{0,2})(?=\s|$)")]
    private static partial Regex Statement();
}
