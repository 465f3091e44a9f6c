using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Scorecard.Testing;

/// <summary>A worksheet to write: rows of cells (text, or a number as a number cell) and merged ranges (「A5:A8」).</summary>
public sealed record WorksheetRows(string Name, IReadOnlyList<IReadOnlyList<object?>> Rows, IReadOnlyList<string>? Merges = null);

/// <summary>Real .xlsx files for import tests: written from rows as a clerk would type them, or an existing workbook with one cell changed.</summary>
public static class Workbooks
{
    public static byte[] Write(params WorksheetRows[] sheets)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new Workbook();
            var list = book.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var part = book.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < sheet.Rows.Count; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < sheet.Rows[r].Count; c++)
                        if (sheet.Rows[r][c] is { } value && !(value is string { Length: 0 }))
                            row.Append(Cell(Scorecard.Interchange.Excel.SheetGrid.Reference(r, c), value));
                    data.Append(row);
                }
                var worksheet = new Worksheet(data);
                if (sheet.Merges is { Count: > 0 } merges)
                    worksheet.Append(new MergeCells(merges.Select(m => new MergeCell { Reference = m })));
                part.Worksheet = worksheet;
                list.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = id++, Name = sheet.Name });
            }
            book.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The workbook with one cell's content replaced by text (as a clerk types over it).</summary>
    public static byte[] WithText(byte[] workbook, string sheetName, string reference, string text)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var doc = SpreadsheetDocument.Open(stream, true))
        {
            var book = doc.WorkbookPart!;
            var sheet = book.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
            var part = (WorksheetPart)book.GetPartById(sheet.Id!);
            var cell = part.Worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);
            cell.CellValue = null;
            cell.DataType = CellValues.InlineString;
            cell.InlineString = new InlineString(new Text(text));
            part.Worksheet.Save();
        }
        return stream.ToArray();
    }

    static Cell Cell(string reference, object value) => value switch
    {
        decimal or int or double => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)) },
        _ => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value.ToString()!) { Space = SpaceProcessingModeValues.Preserve }) },
    };
}
