using Scorecard.Interchange.Reports;

namespace Scorecard.Interchange.Word;

/// <summary>The 平衡計分卡 (seed 001) as a landscape Word document: the map grid, the 15-column table, the 填表說明.</summary>
public static class BscTableDocx
{
    /// <param name="mapDrawing">The strategy map drawn (<see cref="Drawing.MapDrawing"/>), placed after the grid; none where null.</param>
    public static byte[] Render(BscTable table, string? mapDrawing = null, ReportWords? words = null)
    {
        words ??= ReportWords.Chinese;
        var w = new WordWriter { Landscape = true };
        w.Heading(1, table.MapTitle);
        w.Paragraph(string.Join("　", table.Grid.Statements));   // one line, as the form's header row: the grid and its 主辦單位 row keep to the first page
        var gridRows = table.Grid.Rows.Select(r => (IReadOnlyList<IReadOnlyList<string>>)[[r.Perspective], .. r.Cells.Select(Lines)]).ToList();
        gridRows.Add([[words.Say(BscTable.LeadUnitsHeading)], .. table.Grid.LeadUnits.Select(Lines)]);
        w.Table([words.Say(BscTable.ThemesHeading), .. table.Grid.Themes], gridRows, [5, .. table.Grid.Themes.Select(_ => 10)], points: 9, keepTogether: true);
        if (mapDrawing is not null)
        {
            w.PageBreak();
            w.Heading(2, table.DrawingTitle);
            w.Svg(mapDrawing, words.Say(BscTable.DrawingDescription(table.MapTitle)));
        }

        w.PageBreak();
        w.Heading(1, table.Title);
        w.Table(table.Headers,
            table.Rows.Select(r => r.Section is not null
                ? (IReadOnlyList<IReadOnlyList<string>>)[[r.Section]]
                : r.Cells.Select(Lines).ToList()),
            [8, 9, 10, 5, 5, 5, 5, 5, 5, 5, 11, 6, 6, 6, 6], points: 8);
        w.Paragraph(words.Say(BscTable.InstructionsHeading), bold: true);
        foreach (var line in table.Instructions)
            w.Paragraph(line);
        return w.ToBytes(table.Title);
    }

    static IReadOnlyList<string> Lines(string cell) => cell.Split('\n');
}
