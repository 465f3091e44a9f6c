using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Scorecard.Interchange.Word;

/// <summary>
/// The few things the city's reports are made of, written as a real Word document: A4 pages,
/// headings as Word heading styles (so the navigation pane works), paragraphs, and tables whose
/// header row repeats on every page. Text is set in 標楷體 (the city's usual face) with
/// Times New Roman for Latin text; a machine without 標楷體 falls back to its own CJK font.
/// Elements are written in the order the schema requires, so that OpenXmlValidator finds nothing.
/// </summary>
public sealed partial class WordWriter
{
    const string EastAsianFont = "標楷體";
    const string LatinFont = "Times New Roman";
    readonly Body body = new();

    public bool Landscape { get; init; }

    public void Heading(int level, string text) =>
        body.Append(new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = $"Heading{level}" }),
            TextRun(text)));

    public void Paragraph(string text, bool bold = false) =>
        body.Append(new Paragraph(TextRun(text, bold)));

    public void PageBreak() =>
        body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));

    /// <summary>
    /// A table filling the page width. <paramref name="widths"/> are relative; a cell's lines become
    /// paragraphs. <paramref name="points"/> sets a smaller type for a wide table (the BSC's 15 columns).
    /// </summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<IReadOnlyList<string>>> rows, IReadOnlyList<int> widths, int? points = null)
    {
        var pageWidth = (Landscape ? 16838 : 11906) - 2 * Margin;
        var total = widths.Sum();
        var columns = widths.Select(w => pageWidth * w / total).ToList();
        var border = new Func<BorderType>[]
        {
            () => new TopBorder(), () => new LeftBorder(), () => new BottomBorder(),
            () => new RightBorder(), () => new InsideHorizontalBorder(), () => new InsideVerticalBorder(),
        };
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = pageWidth.ToString(), Type = TableWidthUnitValues.Dxa },
                new TableBorders(border.Select(b =>
                {
                    var e = b();
                    e.Val = BorderValues.Single;
                    e.Size = 4;
                    return (OpenXmlElement)e;
                })),
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(columns.Select(c => new GridColumn { Width = c.ToString() })));
        table.Append(Row(headers.Select(h => (IReadOnlyList<string>)[h]).ToList(), columns, header: true, points));
        foreach (var row in rows)
            table.Append(Row(row, columns, header: false, points));
        body.Append(table);
        body.Append(new Paragraph());   // Word needs a paragraph between two tables
    }

    static TableRow Row(IReadOnlyList<IReadOnlyList<string>> cells, List<int> columns, bool header, int? points)
    {
        var row = new TableRow();
        if (header)
            row.Append(new TableRowProperties(new CantSplit(), new TableHeader()));
        else
            row.Append(new TableRowProperties(new CantSplit()));
        for (var i = 0; i < columns.Count; i++)
        {
            var lines = i < cells.Count && cells[i].Count > 0 ? cells[i] : [""];
            var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = columns[i].ToString(), Type = TableWidthUnitValues.Dxa }));
            foreach (var line in lines)
            {
                var glued = Glue(line);
                var half = FittingHalfPoints(glued, columns[i], points ?? 12);
                cell.Append(new Paragraph(Held(glued).Select(piece => piece.Held
                    ? HeldRun(TextRun(piece.Text, header, points, half))
                    : TextRun(piece.Text, header, points, half))));
            }
            row.Append(cell);
        }
        return row;
    }

    static Run TextRun(string text, bool bold = false, int? points = null, int? halfPoints = null)
    {
        var run = new Run();
        var size = halfPoints ?? points * 2;
        if (bold || size is not null)
        {
            var properties = new RunProperties();
            if (bold) properties.Append(new Bold());
            if (size is { } p) properties.Append(new FontSize { Val = p.ToString() }, new FontSizeComplexScript { Val = p.ToString() });
            run.Append(properties);
        }
        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    const int Margin = 1134;   // 2 cm

    public byte[] ToBytes(string title)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            doc.PackageProperties.Title = title;
            doc.PackageProperties.Creator = "Scorecard";
            var main = doc.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            AddCharts(main);
            AddImages(main);
            body.Append(new SectionProperties(
                new PageSize { Width = (UInt32Value)(Landscape ? 16838U : 11906U), Height = (UInt32Value)(Landscape ? 11906U : 16838U), Orient = Landscape ? PageOrientationValues.Landscape : PageOrientationValues.Portrait },
                new PageMargin { Top = Margin, Bottom = Margin, Left = (UInt32Value)(uint)Margin, Right = (UInt32Value)(uint)Margin, Header = 567U, Footer = 567U, Gutter = 0U }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    static Styles Styles()
    {
        var fonts = () => new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = EastAsianFont, ComplexScript = LatinFont };
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(fonts(), new FontSize { Val = "24" }, new FontSizeComplexScript { Val = "24" }, new Languages { EastAsia = "zh-TW" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "60", Line = "300", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        foreach (var (level, size) in new[] { (1, "36"), (2, "32"), (3, "28") })
            styles.Append(new Style(
                new StyleName { Val = $"heading {level}" },
                new BasedOn { Val = "Normal" },
                new NextParagraphStyle { Val = "Normal" },
                new PrimaryStyle(),
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" }, new OutlineLevel { Val = level - 1 }),
                new StyleRunProperties(fonts(), new Bold(), new FontSize { Val = size }, new FontSizeComplexScript { Val = size }))
            { Type = StyleValues.Paragraph, StyleId = $"Heading{level}" });
        return styles;
    }
}
