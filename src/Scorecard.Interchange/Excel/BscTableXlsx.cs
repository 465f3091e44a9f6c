using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Scorecard.Interchange.Reports;

namespace Scorecard.Interchange.Excel;

/// <summary>
/// The 平衡計分卡 (seed 001) as an Excel workbook in the form staff fill in: a sheet 「平衡計分卡」
/// with the title, the header row as the form words it, a section row per perspective and a row per
/// KPI and further action plan; figures as numbers (amounts with thousands separators), statuses as
/// their words; a sheet 「策略地圖」 with the map grid.
/// </summary>
public static class BscTableXlsx
{
    const uint Plain = 0, Bold = 1, Wrap = 2, Thousands = 3;

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

            var rows = new List<IReadOnlyList<(string Text, uint Style)>> { Line(table.Title, Bold) };
            rows.Add(table.Headers.Select(h => (h, Bold)).ToList());
            foreach (var row in table.Rows)
                rows.Add(row.Section is not null
                    ? [(row.Section, Bold)]
                    : row.Cells.Select((c, i) => (c, i is >= 11 and <= 13 ? Thousands : Wrap)).ToList());
            rows.Add([(words.Say(BscTable.InstructionsHeading), Bold)]);
            rows.AddRange(table.Instructions.Select(i => Line(i, Plain)));
            AddSheet(book, sheets, 1, words.Say(BscTable.TableSheet), rows, [16, 18, 22, 9, 9, 9, 9, 9, 9, 10, 24, 12, 12, 12, 12]);

            var grid = new List<IReadOnlyList<(string Text, uint Style)>> { Line(table.MapTitle, Bold) };
            grid.AddRange(table.Grid.Statements.Select(s => Line(s, Plain)));
            grid.Add([(words.Say(BscTable.ThemesHeading), Bold), .. table.Grid.Themes.Select(t => (t, Bold))]);
            grid.AddRange(table.Grid.Rows.Select(r => Line(r.Perspective, Bold).Concat(r.Cells.Select(c => (c, Wrap))).ToList()));
            grid.Add([(words.Say(BscTable.LeadUnitsHeading), Bold), .. table.Grid.LeadUnits.Select(u => (u, Wrap))]);
            AddSheet(book, sheets, 2, words.Say(BscTable.MapSheet), grid, [12, .. table.Grid.Themes.Select(_ => 20.0)]);
            book.Workbook.Save();
        }
        return stream.ToArray();
    }

    static IReadOnlyList<(string Text, uint Style)> Line(string text, uint style) => [(text, style)];

    static void AddSheet(WorkbookPart book, Sheets sheets, uint id, string name, List<IReadOnlyList<(string Text, uint Style)>> rows, IReadOnlyList<double> widths)
    {
        var part = book.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Count; c++)
            {
                var (text, style) = rows[r][c];
                if (text.Length == 0) continue;
                row.Append(Cell(SheetGrid.Reference(r, c), text, style));
            }
            data.Append(row);
        }
        var columns = new Columns(widths.Select((w, i) => new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true }));
        part.Worksheet = new Worksheet(columns, data);
        sheets.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = id, Name = name });
    }

    /// <summary>A figure (「549,542」, 「40.7」) becomes a number; anything else stays the words it is (「未統計」).</summary>
    static Cell Cell(string reference, string text, uint style)
    {
        if (decimal.TryParse(text.Replace(",", ""), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && !text.Contains('\n'))
            return new Cell { CellReference = reference, StyleIndex = style == Thousands ? Thousands : Plain, CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture)), DataType = CellValues.Number };
        return new Cell { CellReference = reference, StyleIndex = style, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }) };
    }


    static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "新細明體" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "新細明體" })),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())),
        new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0 },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 1, FillId = 0, BorderId = 0, ApplyFont = true, ApplyAlignment = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 0, FillId = 0, BorderId = 0, ApplyAlignment = true },
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 3, ApplyNumberFormat = true }));
}
