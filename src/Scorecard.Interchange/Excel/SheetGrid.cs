using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Scorecard.Interchange.Excel;

/// <summary>
/// One cell as a person sees it: its text (a percent-formatted 0.75 reads 「75%」), the number it
/// holds if it is a number cell, and whether it is a copy of a merged range's top-left cell.
/// </summary>
public sealed record GridCell(string Reference, string Text, decimal? Number, bool Percent, bool MergedCopy);

/// <summary>
/// A worksheet as a grid of what it shows: merged ranges repeat their top-left cell over every
/// cell they cover (a 構面 merged over four rows is read on each), full-width digits and Latin
/// letters read as ASCII (「１０５年」 is 「105年」), and a number keeps its number format's meaning.
/// Rows and columns are 0-based here; <see cref="GridCell.Reference"/> names the cell as Excel does.
/// </summary>
public sealed class SheetGrid
{
    readonly Dictionary<(int Row, int Column), GridCell> cells;

    SheetGrid(string name, Dictionary<(int, int), GridCell> cells)
    {
        Name = name;
        this.cells = cells;
        RowCount = cells.Count == 0 ? 0 : cells.Keys.Max(k => k.Item1) + 1;
        ColumnCount = cells.Count == 0 ? 0 : cells.Keys.Max(k => k.Item2) + 1;
    }

    public string Name { get; }
    public int RowCount { get; }
    public int ColumnCount { get; }

    public GridCell? this[int row, int column] => cells.GetValueOrDefault((row, column));

    public string Text(int row, int column) => this[row, column]?.Text ?? "";

    /// <summary>The cells of a row that hold something, left to right.</summary>
    public IEnumerable<(int Column, GridCell Cell)> Row(int row) =>
        Enumerable.Range(0, ColumnCount).Select(c => (c, this[row, c])).Where(x => x.Item2 is { Text.Length: > 0 }).Select(x => (x.c, x.Item2!));

    /// <summary>「平衡計分卡!F12」.</summary>
    public string Locate(int row, int column) => $"{Name}!{Reference(row, column)}";

    /// <summary>「F12」 for row 11, column 5 (0-based).</summary>
    public static string Reference(int row, int column) => $"{ColumnName(column)}{row + 1}";

    /// <summary>「A」, 「Z」, 「AA」 for columns 0, 25, 26.</summary>
    public static string ColumnName(int column)
    {
        var letters = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
            letters = (char)('A' + (c - 1) % 26) + letters;
        return letters;
    }

    /// <summary>A cell that only repeats its left neighbour's merged text: a heading merged across columns is one heading.</summary>
    public bool ContinuesLeft(int row, int column) =>
        column > 0 && this[row, column] is { MergedCopy: true } cell && this[row, column - 1]?.Text == cell.Text;

    static (int Row, int Column) Parse(string reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsLetter(reference[i]); i++)
            column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        return (int.Parse(reference.AsSpan(i), CultureInfo.InvariantCulture) - 1, column - 1);
    }

    /// <summary>Every worksheet of a workbook, in tab order.</summary>
    public static IReadOnlyList<SheetGrid> ReadWorkbook(Stream content)
    {
        using var doc = SpreadsheetDocument.Open(content, false);
        var book = doc.WorkbookPart ?? throw new InvalidDataException("活頁簿沒有工作表。");
        var shared = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var percentStyles = PercentStyles(book.WorkbookStylesPart?.Stylesheet);
        var grids = new List<SheetGrid>();
        foreach (var sheet in book.Workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Id?.Value is not { } id || book.GetPartById(id) is not WorksheetPart part)
                continue;
            var cells = new Dictionary<(int, int), GridCell>();
            foreach (var cell in part.Worksheet.Descendants<Cell>())
            {
                if (cell.CellReference?.Value is not { } reference)
                    continue;
                var read = ReadCell(cell, reference, shared, percentStyles);
                if (read is not null)
                    cells[Parse(reference)] = read;
            }
            foreach (var merge in part.Worksheet.Descendants<MergeCell>())
            {
                if (merge.Reference?.Value?.Split(':') is not [var from, var to])
                    continue;
                var (r0, c0) = Parse(from);
                var (r1, c1) = Parse(to);
                if (!cells.TryGetValue((r0, c0), out var origin))
                    continue;
                for (var r = r0; r <= r1; r++)
                    for (var c = c0; c <= c1; c++)
                        if ((r, c) != (r0, c0))
                            cells[(r, c)] = origin with { Reference = Reference(r, c), MergedCopy = true };
            }
            grids.Add(new SheetGrid(sheet.Name?.Value ?? $"工作表{grids.Count + 1}", cells));
        }
        return grids;
    }

    static GridCell? ReadCell(Cell cell, string reference, List<string> shared, HashSet<uint> percentStyles)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        string? text;
        if (type == CellValues.SharedString)
            text = int.TryParse(raw, out var i) && i >= 0 && i < shared.Count ? shared[i] : null;
        else if (type == CellValues.InlineString)
            text = cell.InlineString?.InnerText;
        else if (type == CellValues.String || type == CellValues.Boolean || type == CellValues.Error)
            text = raw;
        else if (raw is not null && decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // Excel stores 0.917 as 0.91700000000000004: what it shows has at most 10 decimals.
            number = Math.Round(number, 10);
            var percent = cell.StyleIndex?.Value is { } s && percentStyles.Contains(s);
            if (percent)
                number = Math.Round(number * 100, 8);
            number /= 1.000000000000000000000000000000000m;   // drop trailing zeros
            var shown = number.ToString(CultureInfo.InvariantCulture) + (percent ? "%" : "");
            return new GridCell(reference, shown, number, percent, false);
        }
        else
            text = raw;
        if (text is null)
            return null;
        return new GridCell(reference, Domain.Common.HalfWidth.Of(text), null, false, false);
    }

    /// <summary>Cell styles whose number format shows a percentage (0%, 0.00% or a custom format with %).</summary>
    static HashSet<uint> PercentStyles(Stylesheet? styles)
    {
        var custom = styles?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.FormatCode?.Value?.Contains('%') == true)
            .Select(f => f.NumberFormatId!.Value).ToHashSet() ?? [];
        var result = new HashSet<uint>();
        var formats = styles?.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        for (var i = 0; i < formats.Count; i++)
            if (formats[i].NumberFormatId?.Value is { } id && (id is 9 or 10 || custom.Contains(id)))
                result.Add((uint)i);
        return result;
    }
}
