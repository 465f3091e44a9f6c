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

    /// <summary>The running head on every page; the document's title where null, none where empty.</summary>
    public string? Header { get; init; }

    /// <summary>The words before the page number in every page's footer (「臺北市政府秘書處工作報告 22」); the number alone where null.</summary>
    public string? Footer { get; init; }

    /// <summary>The body text's size in points (the council report's 16); Word's 12 where null.</summary>
    public int? BodyPoints { get; init; }

    public void Heading(int level, string text) =>
        body.Append(new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = $"Heading{level}" }),
            TextRun(text)));

    public void Paragraph(string text, bool bold = false) =>
        body.Append(new Paragraph(TextRun(text, bold)));

    /// <summary>
    /// A paragraph of written text (<see cref="Reports.WrittenText"/>): a numbered one hangs its lines after its number, each
    /// depth of numbering one character further in; an unnumbered one starts two characters in, as the city's reports set it.
    /// </summary>
    public void Written(string? label, string text, int depth)
    {
        // In twips from the body's size: LibreOffice does not read Word's widths in characters (leftChars).
        var em = (BodyPoints ?? 12) * 20;
        var inset = Math.Max(0, depth - 1) * em;
        var hang = label is null ? 0 : Width(label) * em / 100;
        var indentation = label is null
            ? new Indentation { Left = inset.ToString(System.Globalization.CultureInfo.InvariantCulture), FirstLine = (2 * em).ToString(System.Globalization.CultureInfo.InvariantCulture) }
            : new Indentation { Left = (inset + hang).ToString(System.Globalization.CultureInfo.InvariantCulture), Hanging = hang.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        body.Append(new Paragraph(new ParagraphProperties(indentation), TextRun((label ?? "") + text)));
    }

    /// <summary>A label's width in hundredths of a character: an ideograph is one, a Latin letter, digit or bracket half.</summary>
    static int Width(string label) => label.Sum(c => c > 0x2E7F ? 100 : 50);

    public void PageBreak() =>
        body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));

    /// <summary>
    /// A table filling the page width. <paramref name="widths"/> are relative; a cell's lines become
    /// paragraphs. <paramref name="points"/> sets a smaller type for a wide table (the BSC's 15 columns).
    /// </summary>
    /// <param name="keepTogether">The whole table on one page (the map grid with its 主辦單位 row): each row kept with the next.</param>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<IReadOnlyList<string>>> rows, IReadOnlyList<int> widths, int? points = null, bool keepTogether = false)
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
        var all = rows.ToList();
        table.Append(Row(headers.Select(h => (IReadOnlyList<string>)[h]).ToList(), columns, header: true, points, keepTogether && all.Count > 0));
        for (var r = 0; r < all.Count; r++)
            table.Append(Row(all[r], columns, header: false, points, keepTogether && r < all.Count - 1));
        body.Append(table);
        body.Append(new Paragraph());   // Word needs a paragraph between two tables
    }

    static TableRow Row(IReadOnlyList<IReadOnlyList<string>> cells, List<int> columns, bool header, int? points, bool keepWithNext = false)
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
                var paragraph = new Paragraph(Held(glued).Select(piece => piece.Held
                    ? HeldRun(TextRun(piece.Text, header, points, half))
                    : TextRun(piece.Text, header, points, half)));
                if (keepWithNext) paragraph.PrependChild(new ParagraphProperties(new KeepNext()));
                cell.Append(paragraph);
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
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new Header(RunningHead(Header ?? title));
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(PageNumberLine(Footer));
            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = (UInt32Value)(Landscape ? 16838U : 11906U), Height = (UInt32Value)(Landscape ? 11906U : 16838U), Orient = Landscape ? PageOrientationValues.Landscape : PageOrientationValues.Portrait },
                new PageMargin { Top = Margin, Bottom = Margin, Left = (UInt32Value)(uint)Margin, Right = (UInt32Value)(uint)Margin, Header = 567U, Footer = 567U, Gutter = 0U }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The running head: small, at the right, so that a loose page says which document it belongs to.</summary>
    static Paragraph RunningHead(string text) => new(
        new ParagraphProperties(new Justification { Val = JustificationValues.Right }),
        TextRun(text, points: 9));

    /// <summary>The footer: its words and the page's number (a PAGE field, which Word and LibreOffice fill in), centred.</summary>
    static Paragraph PageNumberLine(string? words)
    {
        var line = new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        if (!string.IsNullOrEmpty(words))
            line.Append(TextRun(words + " ", points: 10));
        line.Append(new SimpleField(TextRun("1", points: 10)) { Instruction = " PAGE " });
        return line;
    }

    Styles Styles()
    {
        var bodySize = ((BodyPoints ?? 12) * 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fonts = () => new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = EastAsianFont, ComplexScript = LatinFont };
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(fonts(), new FontSize { Val = bodySize }, new FontSizeComplexScript { Val = bodySize }, new Languages { EastAsia = "zh-TW" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "60", Line = "300", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        var body = BodyPoints ?? 12;
        foreach (var (level, size) in new[] { (1, $"{2 * (body + 6)}"), (2, $"{2 * (body + 4)}"), (3, $"{2 * (body + 2)}") })
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
