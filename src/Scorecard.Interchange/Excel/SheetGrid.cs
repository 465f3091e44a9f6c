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

    /// <summary>A workbook unzips to at most this much: a real BSC form is a few hundred kilobytes; more is a zip bomb.</summary>
    public const long MaxUnzippedBytes = 100L * 1024 * 1024;
    /// <summary>Rows and columns a sheet may fill: a BSC form has a few hundred rows and twenty columns.</summary>
    public const int MaxRows = 10_000, MaxColumns = 256;
    /// <summary>Cells a sheet may hold, merged copies counted: what keeps a huge merged range from filling memory.</summary>
    public const int MaxCells = 500_000;

    /// <summary>(row, column) of 「F12」, or null for a reference that names no cell a sheet can have.</summary>
    static (int Row, int Column)? Parse(string reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && i < 4 && reference[i] is >= 'A' and <= 'Z' or >= 'a' and <= 'z'; i++)
            column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        if (column == 0 || column > 16_384 || !int.TryParse(reference.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out var row) || row is < 1 or > 1_048_576)
            return null;
        return (row - 1, column - 1);
    }

    /// <summary>
    /// Every worksheet of a workbook, in tab order, read as a stream of cells so that a sheet of a
    /// million rows is refused at its 10,001st rather than loaded. Beyond the limits above, throws
    /// <see cref="SheetLimitException"/> naming the sheet or cell.
    /// </summary>
    public static IReadOnlyList<SheetGrid> ReadWorkbook(Stream content)
    {
        if (!content.CanSeek)
        {
            var copy = new MemoryStream();
            content.CopyTo(copy);
            copy.Position = 0;
            content = copy;
        }
        RefuseZipBomb(content);
        using var doc = SpreadsheetDocument.Open(content, false);
        var book = doc.WorkbookPart ?? throw new InvalidDataException("活頁簿沒有工作表。");
        var shared = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var percentStyles = PercentStyles(book.WorkbookStylesPart?.Stylesheet);
        var grids = new List<SheetGrid>();
        foreach (var sheet in book.Workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Id?.Value is not { } id || book.GetPartById(id) is not WorksheetPart part)
                continue;
            var name = sheet.Name?.Value ?? $"工作表{grids.Count + 1}";
            grids.Add(new SheetGrid(name, ReadCells(part, name, shared, percentStyles)));
        }
        return grids;
    }

    static void RefuseZipBomb(Stream content)
    {
        using (var zip = new System.IO.Compression.ZipArchive(content, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true))
        {
            var unzipped = zip.Entries.Sum(e => e.Length);
            if (unzipped > MaxUnzippedBytes)
                throw new SheetLimitException("活頁簿", $"解壓縮後有 {unzipped / 1024 / 1024} MB，超過上限 {MaxUnzippedBytes / 1024 / 1024} MB；平衡計分卡的活頁簿不會這麼大，請確認檔案。");
        }
        content.Position = 0;
    }

    static Dictionary<(int, int), GridCell> ReadCells(WorksheetPart part, string sheetName, List<string> shared, HashSet<uint> percentStyles)
    {
        var cells = new Dictionary<(int, int), GridCell>();
        var merges = new List<string>();
        var rows = 0;
        using (var reader = OpenXmlReader.Create(part))
        {
            // Loading an element moves the reader past it, onto the next; any other element is stepped over with Read.
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.IsStartElement && reader.ElementType == typeof(MergeCell))
                {
                    if (reader.LoadCurrentElement() is MergeCell { Reference.Value: { } range })
                        merges.Add(range);
                }
                else if (reader.IsStartElement && reader.ElementType == typeof(Cell))
                {
                    if (reader.LoadCurrentElement() is Cell { CellReference.Value: { } reference } cell && ReadCell(cell, reference, shared, percentStyles) is { } read)
                    {
                        var at = Parse(reference) ?? throw new SheetLimitException(sheetName, $"工作表「{sheetName}」的儲存格位置「{reference}」無效。");
                        if (at.Row >= MaxRows || at.Column >= MaxColumns)
                            throw new SheetLimitException($"{sheetName}!{reference}", $"儲存格超出可讀的範圍（最多 {MaxRows} 列、{MaxColumns} 欄）。");
                        cells[at] = read;
                    }
                }
                else
                {
                    if (reader.IsStartElement && reader.ElementType == typeof(Row) && ++rows > MaxRows)
                        throw new SheetLimitException(sheetName, $"工作表「{sheetName}」超過 {MaxRows} 列；平衡計分卡一張表不會這麼多列，請確認檔案。");
                    reader.Read();
                }
            }
        }
        if (cells.Count == 0)
            return cells;
        // A merged range counts only over the cells the sheet fills: 「A1:XFD1048576」 is the used area.
        var (lastRow, lastColumn) = (cells.Keys.Max(k => k.Item1), cells.Keys.Max(k => k.Item2));
        foreach (var range in merges)
        {
            if (range.Split(':') is not [var from, var to] || Parse(from) is not var (r0, c0) || Parse(to) is not var (r1, c1))
                throw new SheetLimitException(sheetName, $"工作表「{sheetName}」的合併儲存格「{range}」無效。");
            if (!cells.TryGetValue((r0, c0), out var origin))
                continue;
            for (var r = r0; r <= Math.Min(r1, lastRow); r++)
                for (var c = c0; c <= Math.Min(c1, lastColumn); c++)
                    if ((r, c) != (r0, c0))
                    {
                        cells[(r, c)] = origin with { Reference = Reference(r, c), MergedCopy = true };
                        if (cells.Count > MaxCells)
                            throw new SheetLimitException(sheetName, $"工作表「{sheetName}」的儲存格超過 {MaxCells} 格（含合併範圍）；請確認檔案。");
                    }
        }
        return cells;
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

/// <summary>A workbook beyond what <see cref="SheetGrid"/> reads, at a sheet or cell; the reader names the file.</summary>
public sealed class SheetLimitException(string place, FormattableString reason) : Exception(Domain.Common.Said.Chinese(reason))
{
    public string Place { get; } = place;
    public FormattableString Reason { get; } = reason;
}
