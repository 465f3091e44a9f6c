using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Scorecard.Interchange.Reports;

namespace Scorecard.Interchange.Excel;

/// <summary>
/// The 平衡計分卡 (seed 001) as an Excel workbook in the form staff fill in and print: first a sheet 「策略地圖」 with the map
/// grid, then 「平衡計分卡」 with the title, the header row as the form words it, a section row per perspective and a row per
/// KPI and further action plan; figures as numbers (amounts with thousands separators), statuses as their words. Each
/// prints as the form: ruled cells, wrapped text, A4 landscape one page wide, the header rows on every page, page numbers.
/// </summary>
public static class BscTableXlsx
{
    const uint Plain = 0, Bold = 1, Boxed = 2, Thousands = 3, BoldBoxed = 4, BoxedNumber = 5;

    public static byte[] Render(BscTable table, ReportWords? words = null)
    {
        words ??= ReportWords.Chinese;
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            doc.PackageProperties.Title = table.Title;
            doc.PackageProperties.Creator = "Scorecard";
            var book = doc.AddWorkbookPart();
            book.Workbook = new Workbook();
            book.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = book.Workbook.AppendChild(new Sheets());

            // The map sheet first, as the form is printed; each sheet prints as the form: landscape, one page wide, header rows on every page.
            var grid = new List<IReadOnlyList<(string Text, uint Style)>> { Line(table.MapTitle, Bold) };
            grid.AddRange(table.Grid.Statements.Select(s => Line(s, Plain)));
            grid.Add([(words.Say(BscTable.ThemesHeading), BoldBoxed), .. table.Grid.Themes.Select(t => (t, BoldBoxed))]);
            grid.AddRange(table.Grid.Rows.Select(r => Line(r.Perspective, BoldBoxed).Concat(r.Cells.Select(c => (c, Boxed))).ToList()));
            grid.Add([(words.Say(BscTable.LeadUnitsHeading), BoldBoxed), .. table.Grid.LeadUnits.Select(u => (u, Boxed))]);
            AddSheet(book, sheets, 1, words.Say(BscTable.MapSheet), grid, [12, .. table.Grid.Themes.Select(_ => 20.0)], headerRows: null, table.MapTitle);

            var rows = new List<IReadOnlyList<(string Text, uint Style)>> { Line(table.Title, Bold) };
            rows.Add(table.Headers.Select(h => (h, BoldBoxed)).ToList());
            foreach (var row in table.Rows)
                rows.Add(row.Section is not null
                    ? [(row.Section, BoldBoxed), .. Enumerable.Repeat(("", BoldBoxed), table.Headers.Count - 1)]
                    : row.Cells.Select((c, i) => (c, i is >= 11 and <= 13 ? Thousands : Boxed)).ToList());
            rows.Add([(words.Say(BscTable.InstructionsHeading), Bold)]);
            rows.AddRange(table.Instructions.Select(i => Line(i, Plain)));
            AddSheet(book, sheets, 2, words.Say(BscTable.TableSheet), rows, [16, 18, 22, 9, 9, 9, 9, 9, 9, 10, 24, 12, 12, 12, 12], headerRows: 2, table.Title);
            // The header rows repeat on every printed page (Excel's 列印標題).
            book.Workbook.Append(new DefinedNames(new DefinedName($"'{words.Say(BscTable.TableSheet)}'!$1:$2") { Name = "_xlnm.Print_Titles", LocalSheetId = 1U }));
            book.Workbook.Save();
        }
        return stream.ToArray();
    }

    static IReadOnlyList<(string Text, uint Style)> Line(string text, uint style) => [(text, style)];

    /// <param name="headerRows">The rows printed at the top of every page; none where null.</param>
    static void AddSheet(WorkbookPart book, Sheets sheets, uint id, string name, List<IReadOnlyList<(string Text, uint Style)>> rows, IReadOnlyList<double> widths,
        int? headerRows, string title)
    {
        var part = book.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            if (Height(rows[r], widths) is { } height)
            {
                row.Height = height;
                row.CustomHeight = true;
            }
            for (var c = 0; c < rows[r].Count; c++)
            {
                var (text, style) = rows[r][c];
                if (text.Length == 0 && style is not (Boxed or BoldBoxed)) continue;
                row.Append(Cell(SheetGrid.Reference(r, c), text, style));
            }
            data.Append(row);
        }
        var columns = new Columns(widths.Select((w, i) => new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true }));
        part.Worksheet = new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            columns, data,
            new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
            new PageSetup { PaperSize = 9U, Orientation = OrientationValues.Landscape, FitToWidth = 1U, FitToHeight = 0U },   // A4, one page wide
            new HeaderFooter(new OddHeader($"&R{title.Replace("&", "&&")}"), new OddFooter("&C&P / &N")));
        sheets.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = id, Name = name });
    }

    /// <summary>
    /// A boxed row's height for its longest wrapped cell: LibreOffice keeps a row one line high when it opens a file
    /// whose row says nothing, so the text of a wrapped cell would be cut. Widths in characters, an ideograph two.
    /// </summary>
    static double? Height(IReadOnlyList<(string Text, uint Style)> row, IReadOnlyList<double> widths)
    {
        var lines = 0;
        for (var c = 0; c < row.Count && c < widths.Count; c++)
        {
            if (row[c].Style is not (Boxed or BoldBoxed)) continue;
            var usable = Math.Max(1, widths[c] - 1);
            lines = Math.Max(lines, row[c].Text.Split('\n').Sum(line => Math.Max(1, (int)Math.Ceiling(line.Sum(ch => ch > 0x2E7F ? 2.0 : 1.0) / usable))));
        }
        return lines <= 1 ? null : lines * 14.5 + 2;
    }

    /// <summary>A figure (「549,542」, 「40.7」) becomes a number; anything else stays the words it is (「未統計」).</summary>
    static Cell Cell(string reference, string text, uint style)
    {
        if (decimal.TryParse(text.Replace(",", ""), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && !text.Contains('\n'))
            return new Cell { CellReference = reference, StyleIndex = style == Thousands ? Thousands : style is Boxed or BoldBoxed ? BoxedNumber : Plain, CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture)), DataType = CellValues.Number };
        return new Cell { CellReference = reference, StyleIndex = style, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }) };
    }


    static Stylesheet Styles()
    {
        static Border Thin() => new(
            new LeftBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin }, new RightBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin }, new BottomBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        var top = () => new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top };
        return new(
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "新細明體" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "新細明體" })),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), Thin()),
            new CellFormats(
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0 },
                new CellFormat(top()) { FontId = 1, FillId = 0, BorderId = 0, ApplyFont = true, ApplyAlignment = true },
                new CellFormat(top()) { FontId = 0, FillId = 0, BorderId = 1, ApplyAlignment = true, ApplyBorder = true },
                new CellFormat(top()) { FontId = 0, FillId = 0, BorderId = 1, NumberFormatId = 3, ApplyNumberFormat = true, ApplyAlignment = true, ApplyBorder = true },
                new CellFormat(top()) { FontId = 1, FillId = 0, BorderId = 1, ApplyFont = true, ApplyAlignment = true, ApplyBorder = true },
                new CellFormat(top()) { FontId = 0, FillId = 0, BorderId = 1, ApplyAlignment = true, ApplyBorder = true }));
    }
}
