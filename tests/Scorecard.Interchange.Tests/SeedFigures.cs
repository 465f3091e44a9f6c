using System.Text.RegularExpressions;
using Scorecard.Testing;

namespace Scorecard.Interchange.Tests;

/// <summary>
/// A figure a seed prints, with where in the deck it must be found: on a page that holds one of <see cref="Codes"/>
/// (the KPIs of the seed's slide it comes from) and every one of <see cref="Words"/>.
/// </summary>
public sealed record SeedFigure(string Figure, string Where, IReadOnlyList<string> Codes, IReadOnlyList<string> Words)
{
    /// <summary>The figure as printed, not part of a longer number, nor with a unit the seed does not print.</summary>
    public bool IsIn(string page) => Regex.IsMatch(page, $@"(?<![\d.,]){Regex.Escape(Figure)}(?![\d.,%])");

    public bool FoundIn(IReadOnlyList<string> pages) =>
        pages.Any(p => (Codes.Count == 0 || Codes.Any(p.Contains)) && Words.All(p.Contains) && IsIn(p));
}

/// <summary>
/// The figures seeds 002 and 003 print in the parts a deck reproduces, read from the seed text (not from our JSON):
/// the 003 KPI cards (目標值, 達成值, 達成度, the four scores, the missed KPI's 目標值/實際值), its revision count table
/// and its three years of targets; every figure of 002's per-theme tables.
/// </summary>
public static partial class SeedFigures
{
    static string Seed(string prefix) => File.ReadAllText(Directory.GetFiles(Path.Combine(SeedData.Folder, "..", "seeds"), prefix + "_*.txt").Single());

    [GeneratedRegex(@"D[CPLF]\d\.\d(?![\d.])")] private static partial Regex KpiCode();
    [GeneratedRegex(@"^[\d,]+(\.\d+)?%?$|^[\d]+\(-\d\)$")] private static partial Regex FigureToken();

    public static IReadOnlyList<SeedFigure> Retreat()
    {
        var text = Seed("003");
        var partTwo = text.IndexOf("第二部份", StringComparison.Ordinal);
        var cards = text[text.IndexOf("其餘KPI已達成年度目標值", StringComparison.Ordinal)..partTwo];
        var figures = new List<SeedFigure>();

        // The card slides: each ends with the 【自評標準】 line; the missed KPI's slide comes after the last one.
        foreach (var slide in cards.Split("【自評標準】"))
        {
            var codes = KpiCode().Matches(slide).Select(m => m.Value).Distinct().ToList();
            if (codes.Count == 0) continue;
            var lines = slide.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i] is "目標值" or "達成值" or "達成度" or "實際值" && i + 1 < lines.Count)
                    figures.AddRange(lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(t => FigureToken().IsMatch(t))
                        .Select(t => new SeedFigure(t, $"003 {string.Join("/", codes)} {lines[i]}", codes, [])));
                else if (Regex.Match(lines[i], @"^(\d+) (\d+) (\d+) ([\d.]+|-)( |$)") is { Success: true } scores)
                    figures.AddRange(scores.Groups.Values.Skip(1).Take(4).Select(g => g.Value).Where(t => t != "-")
                        .Select(t => new SeedFigure(t, $"003 {string.Join("/", codes)} 自評分數", codes, [])));
            }
        }

        var revision = text[partTwo..];
        foreach (Match row in Regex.Matches(revision, @"^(顧客購面|內部流程構面|學習成長構面|財務構面|合計) ((?:[\d()+-]+ ?){6})$", RegexOptions.Multiline))
            figures.AddRange(row.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(t => new SeedFigure(t, $"003 修訂前/修訂後 {row.Groups[1].Value}", [], ["修訂前", row.Groups[1].Value.Replace("購", "構")])));
        foreach (Match row in Regex.Matches(revision, @"^(D[CPLF]\d\.\d) ?\S.*? ([\d,.]+|３) ([\d,.]+|３) ([\d,.]+|３) +(勞動局|產業局|資訊局)", RegexOptions.Multiline))
            figures.AddRange(new[] { row.Groups[2], row.Groups[3], row.Groups[4] }
                .Select((g, i) => new SeedFigure(g.Value, $"003 {row.Groups[1].Value} 目標值 {i + 1}", [row.Groups[1].Value], ["目標值"])));
        return figures;
    }

    /// <summary>Every figure of seed 002's per-theme tables, to be found on a slide of its theme (「(A)」).</summary>
    public static IReadOnlyList<SeedFigure> Briefing()
    {
        var figures = new List<SeedFigure>();
        var theme = (string?)null;
        foreach (var line in Seed("002").Split('\n').Select(l => l.Trim()))
        {
            if (Regex.Match(line, @"^策略主題：\s*\(([A-Z])\)") is { Success: true } heading)
                theme = heading.Groups[1].Value;
            else if (theme is not null)
                figures.AddRange(line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => FigureToken().IsMatch(t))
                    .Select(t => new SeedFigure(t, $"002 ({theme}) 「{line}」", [], [$"({theme})"])));
        }
        return figures;
    }

    /// <summary>The figures found and those missed, each miss with where the seed prints it.</summary>
    public static (int Found, IReadOnlyList<SeedFigure> Missed) Compare(IReadOnlyList<SeedFigure> figures, string pdfText)
    {
        var pages = pdfText.Split('\f');
        var missed = figures.Where(f => !f.FoundIn(pages)).ToList();
        return (figures.Count - missed.Count, missed);
    }
}
