using System.Text;
using System.Text.RegularExpressions;
using Scorecard.Testing;
using Xunit.Abstractions;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 35's measure: every figure and KPI line a seed prints, looked for in the document the product makes of the demo data,
/// as LibreOffice prints it (PDF, then its text). Seed 004: section 貳's items, each with its figures, 100%. Seed 001: each KPI
/// row's code and name, and the figures of its six years and three budgets in that row (words placed by pdftotext -bbox into the
/// form's columns), at least 98%. Each test prints what it found of what the seed prints, and the misses. The first pages'
/// words all lie inside the page (no table runs off it); their images are left in the temp folder to look at.
/// </summary>
[Collection(ServersCollection.Name)]
public partial class SeedFidelityMeasurements(Servers servers, ITestOutputHelper output)
{
    const string Secretariat = "/api/maps/臺北市政府秘書處";

    static string SeedText(string prefix) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(SeedData.Folder, "..", "seeds"), prefix + "_*.txt").Single()).Normalize(NormalizationForm.FormC);

    static string Compact(string text) => string.Concat(text.Normalize(NormalizationForm.FormC).Where(c => !char.IsWhiteSpace(c)));

    /// <summary>The seed's figures in a compacted text: a number with its groups, 萬, decimals and unit (「54萬9,542元」, 「1.38天/件」, 「100%」).</summary>
    static IEnumerable<string> Figures(string compact) => Figure().Matches(compact).Select(m => m.Value);

    [Fact]
    public async Task The_council_reports_section_II_prints_every_figure_and_item_of_seed_004()
    {
        var server = await servers.DemoAsync("sqlite");
        using var client = server.CreateClient();
        var docx = await client.GetByteArrayAsync($"{Secretariat}/106/reports/council?period=H2&format=docx");
        var pdf = await OfficeFiles.PdfViaLibreOfficeAsync(docx, ".docx");
        var (text, words) = await OfficeFiles.ReadPdfAsync(pdf, lastPage: 4);

        // The seed's 貳, its page footer out; the document's, its running head and footers out.
        var seed = Compact(Regex.Replace(SeedText("004"), @"臺北市政府秘書處工作報告\s*\d+", ""));
        seed = Between(seed, "貳、策略目標與關鍵績效指標(KPI)之執行情形", "參、創新作為");
        var lines = text.Split('\n').Where(l => !Regex.IsMatch(l.Trim(), @"^(臺北市政府秘書處工作報告\s*\d+|臺北市政府秘書處 106 年 7 至 12 月議會工作報告)$"));
        var document = Between(Compact(string.Join("\n", lines)), "貳、策略目標與關鍵績效指標(KPI)之執行情形", "參、創新作為");

        var seedItems = Items(seed);
        var documentItems = Items(document).ToDictionary(i => i.Name, i => i.Text);
        Assert.Equal(28, seedItems.Count);
        var printed = 0;
        var misses = new List<string>();
        foreach (var (name, itemText) in seedItems)
        {
            printed++;   // the item's line: its number and name
            if (!documentItems.TryGetValue(name, out var mine))
            {
                misses.Add($"item 「{name}」 not in the document");
                printed += Figures(itemText).Count();
                misses.AddRange(Figures(itemText).Select(f => $"{name}: 「{f}」"));
                continue;
            }
            foreach (var figure in Figures(itemText))
            {
                printed++;
                if (!mine.Contains(figure, StringComparison.Ordinal)) misses.Add($"{name}: 「{figure}」");
            }
        }
        Report("004 section 貳", printed, misses);
        Assert.Empty(misses);   // 100%
        AssertInsidePages(words);
        output.WriteLine(string.Join("\n", await OfficeFiles.PageImagesAsync(pdf, Path.Combine(Path.GetTempPath(), "scorecard-pages"), "council-106-H2", 4)));
    }

    [Fact]
    public async Task The_bsc_form_prints_at_least_98_percent_of_the_figures_and_KPI_lines_of_seed_001_in_their_rows()
    {
        var server = await servers.DemoAsync("sqlite");
        using var client = server.CreateClient();
        var docx = await client.GetByteArrayAsync($"{Secretariat}/105/reports/bsc?format=docx");
        var pdf = await OfficeFiles.PdfViaLibreOfficeAsync(docx, ".docx");
        var (_, words) = await OfficeFiles.ReadPdfAsync(pdf);

        // The form's 15 columns on A4 landscape with 2 cm margins, in the writer's relative widths (BscTableDocx).
        int[] widths = [8, 9, 10, 5, 5, 5, 5, 5, 5, 5, 11, 6, 6, 6, 6];
        const double Margin = 56.7, Usable = 841.89 - 2 * Margin;
        var edges = widths.Select((w, i) => Margin + Usable * widths.Take(i).Sum() / widths.Sum()).Append(Margin + Usable).ToArray();
        int ColumnOf(OfficeFiles.PdfWord w) => Array.FindLastIndex(edges, e => e <= w.XMin + 0.5);
        var tableWords = words.Where(w => w.PageWidth > w.PageHeight).ToList();   // landscape pages
        // Where each KPI code starts in the KPI column: page and height.
        var codeAt = tableWords.Where(w => ColumnOf(w) == 1 && Code().IsMatch(w.Text))
            .Select(w => (Code: Code().Match(w.Text).Value, w.Page, w.YMin)).ToList();

        var printed = 0;
        var misses = new List<string>();
        var rows = SeedRows(SeedText("001"));
        Assert.Equal(36, rows.Count);                        // BC1's three KPIs and BL1's two are a row each
        Assert.Equal(39, rows.Sum(r => r.Kpis.Count));
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            // The row in the document: from its first code to the next row's.
            var start = codeAt.FindIndex(c => c.Code == row.Kpis[0].Code);
            var next = rows.Skip(r + 1).Select(n => codeAt.FindIndex(c => c.Code == n.Kpis[0].Code)).FirstOrDefault(i => i > start, -1);
            string Cell(int column) => start < 0 ? "" : Compact(string.Concat(tableWords
                .Where(w => ColumnOf(w) == column && After(w, codeAt[start]) && (next < 0 || Before(w, codeAt[next])))
                .OrderBy(w => w.Page).ThenBy(w => Math.Round(w.YMin)).ThenBy(w => w.XMin).Select(w => w.Text)));
            foreach (var (code, name) in row.Kpis)
            {
                printed++;
                if (!Cell(1).Contains(code + name, StringComparison.Ordinal)) misses.Add($"{code}: KPI line 「{code} {name}」, the document has 「{Cell(1)}」");
            }
            foreach (var (column, figure) in row.Figures)
            {
                printed++;
                var cell = Cell(column);
                if (!cell.Contains(figure, StringComparison.Ordinal)) misses.Add($"{row.Kpis[0].Code} column {column + 1}: 「{figure}」, the document has 「{cell}」");
            }
        }
        Report("001 BSC form (Word)", printed, misses);
        Assert.True(misses.Count <= printed * 0.02, $"{misses.Count} of {printed} missed");
        AssertInsidePages(words.Where(w => w.Page <= 4));

        // Notes kept on figures, and rows printed together, read the same in the Excel form's cells.
        var xlsx = await client.GetByteArrayAsync($"{Secretariat}/105/reports/bsc?format=xlsx");
        using var book = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var cells = book.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>())
            .Select(c => Compact(c.InnerText)).ToHashSet();
        foreach (var note in new[] { "275件(104/8/31起計算)", "1.42.63.2", "1.22.無統計", "1.32.2(104.10.開始)" })
            Assert.Contains(note, cells);
        output.WriteLine(string.Join("\n", await OfficeFiles.PageImagesAsync(pdf, Path.Combine(Path.GetTempPath(), "scorecard-pages"), "bsc-105", 4)));
    }

    void Report(string document, int printed, List<string> misses)
    {
        output.WriteLine($"{document}: found {printed - misses.Count} of {printed} printed ({100.0 * (printed - misses.Count) / printed:0.0}%)");
        foreach (var miss in misses) output.WriteLine("  missing " + miss);
    }

    /// <summary>No word of the first pages lies outside its page: a table that ran off it would.</summary>
    static void AssertInsidePages(IEnumerable<OfficeFiles.PdfWord> words)
    {
        var outside = words.Where(w => w.XMin < 0 || w.XMax > w.PageWidth + 0.5 || w.YMax > w.PageHeight + 0.5).Select(w => $"p{w.Page} 「{w.Text}」 x {w.XMin:0}–{w.XMax:0} of {w.PageWidth:0}").ToList();
        Assert.True(outside.Count == 0, string.Join("\n", outside.Take(20)));
    }

    static bool After(OfficeFiles.PdfWord w, (string Code, int Page, double YMin) at) => w.Page > at.Page || (w.Page == at.Page && w.YMin >= at.YMin - 2);
    static bool Before(OfficeFiles.PdfWord w, (string Code, int Page, double YMin) at) => w.Page < at.Page || (w.Page == at.Page && w.YMin < at.YMin - 2);

    static string Between(string text, string from, string to)
    {
        var start = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, $"「{from}」 not found");
        var end = text.IndexOf(to, start, StringComparison.Ordinal);
        return text[start..(end < 0 ? text.Length : end)];
    }

    /// <summary>Section 貳's items, 「(一)縮短職舍配住日數：…」, each to the next item or theme heading.</summary>
    static List<(string Name, string Text)> Items(string section)
    {
        var starts = Item().Matches(section).ToList();
        return starts.Select((m, i) => (m.Groups["name"].Value,
            Regex.Replace(section[m.Index..(i + 1 < starts.Count ? starts[i + 1].Index : section.Length)], @"[一二三四五六七八九十]{1,2}、[^()（）：:]{2,12}$", ""))).ToList();
    }

    /// <summary>A row of seed 001's form: its KPI codes and names, and its figures (column index, compacted text): six years and three budgets.</summary>
    sealed record SeedRow(IReadOnlyList<(string Code, string Name)> Kpis, IReadOnlyList<(int Column, string Figure)> Figures);

    static List<SeedRow> SeedRows(string seed)
    {
        var rows = new List<SeedRow>();
        var table = seed[seed.IndexOf("臺北市府 秘書處 平衡計分卡", StringComparison.Ordinal)..];
        foreach (var line in table.Split('\n'))
        {
            var cells = line.Split('\t');
            if (cells.Length < 14 || cells[0].StartsWith("策略目標", StringComparison.Ordinal)) continue;
            // The seed prints AP1's codes as 「API」, 「API.1」: the letter I for the digit 1.
            var kpiCell = Compact(cells[1]).Replace("API.", "AP1.");
            var codes = Code().Matches(kpiCell).ToList();
            if (codes.Count == 0) continue;
            var kpis = codes.Select((m, i) => (m.Value, kpiCell[(m.Index + m.Length)..(i + 1 < codes.Count ? codes[i + 1].Index : kpiCell.Length)])).ToList();
            var figures = new List<(int, string)>();
            foreach (var column in new[] { 3, 4, 5, 6, 7, 8, 11, 12, 13 })
                if (column < cells.Length && Compact(cells[column]) is { Length: > 0 } figure)
                    figures.Add((column, figure));
            rows.Add(new SeedRow(kpis, figures));
        }
        return rows;
    }

    [GeneratedRegex(@"[A-H][CPLF]\d\.\d(?!\.)")]
    private static partial Regex Code();

    [GeneratedRegex(@"\((?<n>[一二三四五六七八九十]{1,2})\)(?<name>[^：:()（）]{2,30})：")]
    private static partial Regex Item();

    [GeneratedRegex(@"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:萬(?:\d{1,3}(?:,\d{3})+|\d+)?)?(?:%|天/件|日|次|件|則|張|支|人|元|項|場|小時)?")]
    private static partial Regex Figure();
}
