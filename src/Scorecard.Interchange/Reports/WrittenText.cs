using System.Text.RegularExpressions;

namespace Scorecard.Interchange.Reports;

/// <summary>
/// A section of a report that people write (the council report's opening address, 壹, 參, 肆), or the place of the
/// part made from data (貳): the document is its sections in this order.
/// </summary>
/// <param name="Title">The section's heading (「壹、106 年下半年重要業務執行成果」); none where empty (the opening address).</param>
/// <param name="Body">Its text in the plain markup <see cref="WrittenText"/> reads.</param>
/// <param name="MadeFromData">The place of the part made from the period's figures; its body is not printed.</param>
public sealed record WrittenSection(string Title, string Body, bool MadeFromData = false);

/// <summary>A piece of a written section: a heading, a paragraph (numbered or not) or a table.</summary>
public abstract record WrittenBlock;

/// <summary>「## 一、事務管理及研考」: a heading under the section's own (level 2, 3).</summary>
public sealed record WrittenHeading(int Level, string Text) : WrittenBlock;

/// <summary>
/// A paragraph. A numbered one keeps its number as typed (<paramref name="Label"/>: 「一、」, 「(一)」, 「1.」, 「(1)」) and hangs
/// its lines after it; <paramref name="Depth"/> is the numbering's depth in the city's order (一、 → (一) → 1. → (1)). An
/// unnumbered paragraph continues at the depth of the numbered one before it.
/// </summary>
public sealed record WrittenParagraph(string Text, string? Label, int Depth) : WrittenBlock;

/// <summary>A table typed as lines 「| 項次 | 業務內容 | 績效 |」; its first row is its header.</summary>
public sealed record WrittenTable(IReadOnlyList<IReadOnlyList<string>> Rows) : WrittenBlock;

/// <summary>
/// The markup planners type a section in, in a plain text box: a blank line ends a paragraph; a line starting with a
/// number (「一、」, 「(一)」, 「1.」, 「(1)」) starts a numbered one; 「## 」 and 「### 」 start a heading; lines starting with
/// 「|」 are a table's rows (a row of dashes between cells is skipped). Lines of one paragraph are joined without a space
/// between Chinese characters, so text pasted from a document's hard-wrapped lines reads as one paragraph.
/// </summary>
public static partial class WrittenText
{
    public static IReadOnlyList<WrittenBlock> Parse(string body)
    {
        var blocks = new List<WrittenBlock>();
        var lines = body.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var paragraph = new List<string>();
        string? label = null;
        var depth = 0;
        var continuing = 0;
        List<IReadOnlyList<string>>? table = null;

        void EndParagraph()
        {
            if (paragraph.Count == 0 && label is null) return;
            blocks.Add(new WrittenParagraph(Join(paragraph), label, label is null ? continuing : depth));
            if (label is not null) continuing = depth;
            paragraph.Clear();
            label = null;
        }
        void EndTable()
        {
            if (table is { Count: > 0 }) blocks.Add(new WrittenTable(table));
            table = null;
        }

        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0) { EndParagraph(); EndTable(); continue; }
            if (line.StartsWith('|'))
            {
                EndParagraph();
                var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToList();
                if (cells.All(c => Rule().IsMatch(c))) continue;   // |---|---|
                (table ??= []).Add(cells);
                continue;
            }
            EndTable();
            var heading = Heading().Match(line);
            if (heading.Success)
            {
                EndParagraph();
                blocks.Add(new WrittenHeading(Math.Max(2, heading.Groups[1].Length), heading.Groups[2].Value.Trim()));
                continue;
            }
            var number = Number().Match(line);
            if (number.Success)
            {
                EndParagraph();
                label = number.Value;
                depth = DepthOf(label);
                paragraph.Add(line[number.Length..].TrimStart());
                continue;
            }
            paragraph.Add(line);
        }
        EndParagraph();
        EndTable();
        return blocks;
    }

    /// <summary>The depth of a number in the city's order: 壹、 0, 一、 1, (一) 2, 1. 3, (1) 4.</summary>
    static int DepthOf(string label) => label[0] switch
    {
        '壹' or '貳' or '參' or '肆' or '伍' or '陸' or '柒' or '捌' or '玖' => 0,
        '(' or '（' when char.IsAsciiDigit(label[1]) => 4,
        '(' or '（' => 2,
        _ when char.IsAsciiDigit(label[0]) => 3,
        _ => 1,
    };

    /// <summary>Lines joined: with a space between two Latin words, with nothing between Chinese text.</summary>
    static string Join(List<string> lines)
    {
        var text = new System.Text.StringBuilder();
        foreach (var line in lines)
        {
            if (text.Length > 0 && IsLatin(text[^1]) && IsLatin(line[0]))
                text.Append(' ');
            text.Append(line);
        }
        return text.ToString();
    }

    static bool IsLatin(char c) => c < 0x2E80 && char.IsLetterOrDigit(c);

    /// <summary>Every line of a body as plain text, numbers kept (what a search or a comparison reads).</summary>
    public static IEnumerable<string> Lines(IReadOnlyList<WrittenBlock> blocks) => blocks.SelectMany(b => b switch
    {
        WrittenHeading h => [h.Text],
        WrittenParagraph p => [$"{p.Label}{p.Text}"],
        WrittenTable t => t.Rows.Select(r => string.Join(" ", r)),
        _ => Array.Empty<string>(),
    });

    [GeneratedRegex(@"^(#{1,3})\s+(.+)$")]
    private static partial Regex Heading();

    // 壹、 一、 (一) （一） 1. 1、 (1) （1）: a number at the start of a line, followed by its text.
    [GeneratedRegex(@"^(?:[壹貳參肆伍陸柒捌玖][、]|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、](?!\d)|[(（]\d{1,2}[)）])")]
    private static partial Regex Number();

    [GeneratedRegex(@"^:?-{2,}:?$")]
    private static partial Regex Rule();
}
