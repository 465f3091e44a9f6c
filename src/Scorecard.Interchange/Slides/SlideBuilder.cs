using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Scorecard.Interchange.Word;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using P = DocumentFormat.OpenXml.Presentation;

namespace Scorecard.Interchange.Slides;

/// <summary>A cell of a slide's table: its lines, and a fill where the cell stands out (a header, the theme highlighted).</summary>
public sealed record SlideCell(IReadOnlyList<string> Lines, string? Fill = null, bool Bold = false)
{
    public static implicit operator SlideCell(string text) => new([text]);
}

/// <summary>One slide being made: its title, then text boxes, shapes, tables and charts placed in centimetres.</summary>
public sealed class SlideBuilder
{
    readonly List<Func<SlidePart, OpenXmlElement>> items = [];
    uint nextId = 3;   // 1 is the tree, 2 the title

    internal SlideBuilder(string title, bool cover)
    {
        Title = title;
        IsCover = cover;
    }

    public string Title { get; }
    internal bool IsCover { get; }
    internal IReadOnlyList<string> Subtitle { get; init; } = [];

    /// <summary>
    /// An editable text box; the type shrinks from <paramref name="points"/> down to 9 pt until the lines fit the box
    /// (an estimate: CJK characters one em wide, Latin about half).
    /// </summary>
    public SlideBuilder Text(double x, double y, double cx, double cy, IReadOnlyList<string> lines, int points = 18, bool bold = false,
        string? colour = null, string? fill = null, bool centred = false, string? outline = null)
    {
        var id = nextId++;
        var size = Fit(lines, cx - 0.5, cy - 0.3, points);
        items.Add(_ => new P.Shape(
            new P.NonVisualShapeProperties(
                new P.NonVisualDrawingProperties { Id = id, Name = $"文字方塊 {id}" },
                new P.NonVisualShapeDrawingProperties { TextBox = true },
                new P.ApplicationNonVisualDrawingProperties()),
            ShapeProperties(x, y, cx, cy, fill, outline),
            Body(lines, size, bold, colour, centred, anchorMiddle: fill is not null)));
        return this;
    }

    /// <summary>A box with its text (an objective on the drawn map); returns its id for the arrows between boxes.</summary>
    public uint Box(double x, double y, double cx, double cy, IReadOnlyList<string> lines, string fill, string outline, int points = 14, bool bold = false)
    {
        var id = nextId++;
        var size = Fit(lines, cx - 0.3, cy - 0.2, points);
        items.Add(_ => new P.Shape(
            new P.NonVisualShapeProperties(
                new P.NonVisualDrawingProperties { Id = id, Name = $"圖案 {id}", Description = string.Join(" ", lines) },
                new P.NonVisualShapeDrawingProperties(),
                new P.ApplicationNonVisualDrawingProperties()),
            ShapeProperties(x, y, cx, cy, fill, outline, A.ShapeTypeValues.RoundRectangle),
            Body(lines, size, bold, null, centred: true, anchorMiddle: true)));
        return id;
    }

    /// <summary>An arrow from one box to another, glued to them (connection sites: 0 top, 1 left, 2 bottom, 3 right).</summary>
    public SlideBuilder Arrow(uint from, int fromSite, uint to, int toSite, (double X, double Y) start, (double X, double Y) end)
    {
        var id = nextId++;
        items.Add(_ =>
        {
            var transform = Transform(Math.Min(start.X, end.X), Math.Min(start.Y, end.Y), Math.Abs(end.X - start.X), Math.Abs(end.Y - start.Y));
            if (end.X < start.X) transform.HorizontalFlip = true;
            if (end.Y < start.Y) transform.VerticalFlip = true;
            return new P.ConnectionShape(
                new P.NonVisualConnectionShapeProperties(
                    new P.NonVisualDrawingProperties { Id = id, Name = $"箭頭 {id}" },
                    new P.NonVisualConnectorShapeDrawingProperties(new A.StartConnection { Id = from, Index = (uint)fromSite }, new A.EndConnection { Id = to, Index = (uint)toSite }),
                    new P.ApplicationNonVisualDrawingProperties()),
                new P.ShapeProperties(transform,
                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.StraightConnector1 },
                    new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = "404040" }), new A.TailEnd { Type = A.LineEndValues.Triangle }) { Width = 19050 }));
        });
        return this;
    }

    /// <summary>
    /// A native table; <paramref name="widths"/> are relative. The header row is filled; a cell's own fill wins.
    /// Row heights are the least the lines need at <paramref name="points"/>; the caller splits long tables across slides.
    /// </summary>
    public SlideBuilder Table(double x, double y, double cx, IReadOnlyList<SlideCell>? headers, IReadOnlyList<IReadOnlyList<SlideCell>> rows, IReadOnlyList<double> widths, int points = 12)
    {
        var id = nextId++;
        var total = widths.Sum();
        var columns = widths.Select(w => cx * w / total).ToList();
        var all = (headers is null ? [] : new[] { headers }).Concat(rows).ToList();
        var heights = all.Select(r => RowHeight(r, columns, points)).ToList();
        items.Add(_ =>
        {
            var table = new A.Table(
                new A.TableProperties { FirstRow = headers is not null, BandRow = false },
                new A.TableGrid(columns.Select(c => new A.GridColumn { Width = Emu(c) })));
            for (var r = 0; r < all.Count; r++)
            {
                var row = new A.TableRow { Height = Emu(heights[r]) };
                for (var c = 0; c < columns.Count; c++)
                {
                    var cell = c < all[r].Count ? all[r][c] : new SlideCell([""]);
                    var header = headers is not null && r == 0;
                    row.Append(Cell(cell, points, header));
                }
                table.Append(row);
            }
            return new P.GraphicFrame(
                new P.NonVisualGraphicFrameProperties(
                    new P.NonVisualDrawingProperties { Id = id, Name = $"表格 {id}" },
                    new P.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoGrouping = true }),
                    new P.ApplicationNonVisualDrawingProperties()),
                new P.Transform(new A.Offset { X = Emu(x), Y = Emu(y) }, new A.Extents { Cx = Emu(cx), Cy = Emu(heights.Sum()) }),
                new A.Graphic(new A.GraphicData(table) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/table" }));
        });
        return this;
    }

    /// <summary>The height a table of these rows takes (cm), for placing what comes under it.</summary>
    public static double TableHeight(IReadOnlyList<SlideCell>? headers, IReadOnlyList<IReadOnlyList<SlideCell>> rows, double cx, IReadOnlyList<double> widths, int points = 12)
    {
        var total = widths.Sum();
        var columns = widths.Select(w => cx * w / total).ToList();
        return (headers is null ? [] : new[] { headers }).Concat(rows).Sum(r => RowHeight(r, columns, points));
    }

    /// <summary>A native clustered column chart, its figures in its own workbook (「編輯資料」) and in its cache.</summary>
    public SlideBuilder Chart(double x, double y, double cx, double cy, string title, IReadOnlyList<string> categories, IReadOnlyList<(string Name, IReadOnlyList<decimal?> Values)> series)
    {
        var id = nextId++;
        items.Add(slide =>
        {
            var part = slide.AddNewPart<ChartPart>($"rIdChart{id}");
            var workbook = part.AddEmbeddedPackagePart(EmbeddedPackagePartType.Xlsx);
            using (var data = new MemoryStream(WordWriter.Workbook(categories, series)))
                workbook.FeedData(data);
            var chart = WordWriter.ChartSpace(title, categories, series);
            chart.Append(new C.ExternalData(new C.AutoUpdate { Val = false }) { Id = part.GetIdOfPart(workbook) });
            part.ChartSpace = chart;
            return new P.GraphicFrame(
                new P.NonVisualGraphicFrameProperties(
                    new P.NonVisualDrawingProperties { Id = id, Name = $"圖表 {id}", Description = title },
                    new P.NonVisualGraphicFrameDrawingProperties(),
                    new P.ApplicationNonVisualDrawingProperties()),
                new P.Transform(new A.Offset { X = Emu(x), Y = Emu(y) }, new A.Extents { Cx = Emu(cx), Cy = Emu(cy) }),
                new A.Graphic(new A.GraphicData(new C.ChartReference { Id = $"rIdChart{id}" }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }));
        });
        return this;
    }

    internal void Write(SlidePart part, SlideLayoutPart layout)
    {
        part.AddPart(layout);
        var shapes = new List<OpenXmlElement> { TitleShape() };
        if (IsCover)
            shapes.Add(SubtitleShape());
        shapes.AddRange(items.Select(i => i(part)));
        part.Slide = new P.Slide(new P.CommonSlideData(SlideWriter.Tree([.. shapes])), new P.ColorMapOverride(new A.MasterColorMapping()));
    }

    P.Shape TitleShape()
    {
        var size = IsCover ? Fit([Title], SlideWriter.Width - 5.5, 3.8, 40) : Fit([Title], SlideWriter.Width - 2.9, 1.8, 28);
        return new P.Shape(
            new P.NonVisualShapeProperties(
                new P.NonVisualDrawingProperties { Id = 2U, Name = "標題 1" },
                new P.NonVisualShapeDrawingProperties(new A.ShapeLocks { NoGrouping = true }),
                new P.ApplicationNonVisualDrawingProperties(new P.PlaceholderShape { Type = IsCover ? P.PlaceholderValues.CenteredTitle : P.PlaceholderValues.Title })),
            new P.ShapeProperties(),
            Body([Title], size, bold: true, colour: null, centred: IsCover, anchorMiddle: true));
    }

    P.Shape SubtitleShape() => new(
        new P.NonVisualShapeProperties(
            new P.NonVisualDrawingProperties { Id = nextId++, Name = "副標題 2" },
            new P.NonVisualShapeDrawingProperties(new A.ShapeLocks { NoGrouping = true }),
            new P.ApplicationNonVisualDrawingProperties(new P.PlaceholderShape { Type = P.PlaceholderValues.SubTitle, Index = 1U })),
        new P.ShapeProperties(),
        Body(Subtitle, Fit(Subtitle, SlideWriter.Width - 5.5, 5.7, 28), bold: false, colour: SlideWriter.Grey, centred: true, anchorMiddle: false));

    static P.ShapeProperties ShapeProperties(double x, double y, double cx, double cy, string? fill, string? outline, A.ShapeTypeValues? shape = null)
    {
        var properties = new P.ShapeProperties(Transform(x, y, cx, cy), new A.PresetGeometry(new A.AdjustValueList()) { Preset = shape ?? A.ShapeTypeValues.Rectangle });
        properties.Append(fill is null ? new A.NoFill() : new A.SolidFill(new A.RgbColorModelHex { Val = fill }));
        if (outline is not null)
            properties.Append(new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = outline })) { Width = 12700 });
        return properties;
    }

    static P.TextBody Body(IReadOnlyList<string> lines, int points, bool bold, string? colour, bool centred, bool anchorMiddle)
    {
        var body = new P.TextBody(
            new A.BodyProperties(new A.NoAutoFit()) { Wrap = A.TextWrappingValues.Square, LeftInset = 91440, RightInset = 91440, TopInset = 45720, BottomInset = 45720, Anchor = anchorMiddle ? A.TextAnchoringTypeValues.Center : A.TextAnchoringTypeValues.Top },
            new A.ListStyle());
        foreach (var line in lines.Count == 0 ? [""] : lines)
            body.Append(Paragraph(line, points, bold, colour, centred));
        return body;
    }

    static A.Paragraph Paragraph(string line, int points, bool bold, string? colour, bool centred)
    {
        var run = new A.RunProperties { Language = "zh-TW", AlternativeLanguage = "en-US", FontSize = points * 100, Bold = bold, Dirty = false };
        if (colour is not null)
            run.Append(new A.SolidFill(new A.RgbColorModelHex { Val = colour }));
        var paragraph = new A.Paragraph();
        if (centred)
            paragraph.Append(new A.ParagraphProperties { Alignment = A.TextAlignmentTypeValues.Center });
        if (line.Length > 0)
            paragraph.Append(new A.Run(run, new A.Text(line)));
        paragraph.Append(new A.EndParagraphRunProperties { Language = "zh-TW", FontSize = points * 100 });
        return paragraph;
    }

    static A.TableCell Cell(SlideCell cell, int points, bool header)
    {
        var body = new A.TextBody(new A.BodyProperties(), new A.ListStyle());
        foreach (var line in cell.Lines.Count == 0 ? [""] : cell.Lines)
            body.Append(Paragraph(line, points, header || cell.Bold, header ? "FFFFFF" : null, centred: false));   // header fills are dark
        T Border<T>(T l) where T : A.LinePropertiesType
        {
            l.Width = 9525;
            l.Append(new A.SolidFill(new A.RgbColorModelHex { Val = "7F7F7F" }));
            return l;
        }
        var properties = new A.TableCellProperties(
            Border(new A.LeftBorderLineProperties()), Border(new A.RightBorderLineProperties()),
            Border(new A.TopBorderLineProperties()), Border(new A.BottomBorderLineProperties()))
        { LeftMargin = 64800, RightMargin = 64800, TopMargin = 36000, BottomMargin = 36000, Anchor = A.TextAnchoringTypeValues.Center };
        var fill = cell.Fill ?? (header ? SlideWriter.Navy : null);
        properties.Append(fill is null ? new A.NoFill() : new A.SolidFill(new A.RgbColorModelHex { Val = fill }));
        return new A.TableCell(body, properties);
    }

    static A.Transform2D Transform(double x, double y, double cx, double cy) => SlideWriter.Transform(x, y, cx, cy);
    static long Emu(double cm) => SlideWriter.Emu(cm);

    // ——— how much room text takes ———

    const double PointCm = 0.03528;

    /// <summary>The width of a line in ems: a CJK or full-width character one em, anything else about half.</summary>
    static double Ems(string line) => line.Sum(c => c >= 0x2E80 ? 1.0 : c == ' ' ? 0.3 : 0.55);

    static int LinesAt(IReadOnlyList<string> lines, double width, int points) =>
        lines.Sum(l => Math.Max(1, (int)Math.Ceiling(Ems(l) * points * PointCm / Math.Max(0.5, width))));

    /// <summary>The largest size from <paramref name="max"/> down to 9 pt at which the lines fit the box.</summary>
    internal static int Fit(IReadOnlyList<string> lines, double width, double height, int max)
    {
        for (var points = max; points > 9; points--)
            if (LinesAt(lines, width, points) * points * PointCm * 1.25 <= height)
                return points;
        return 9;
    }

    static double RowHeight(IReadOnlyList<SlideCell> row, List<double> columns, int points) =>
        0.3 + row.Select((cell, i) => i < columns.Count ? LinesAt(cell.Lines.Count == 0 ? [""] : cell.Lines, columns[i] - 0.4, points) : 1).DefaultIfEmpty(1).Max() * points * PointCm * 1.3;
}
