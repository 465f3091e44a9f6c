using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Scorecard.Interchange.Word;

/// <summary>
/// A column chart as a native Word chart: staff can restyle it, and edit its figures in the small
/// workbook embedded with it (as Word itself does). The chart also carries its figures as a cache,
/// which is what Word and LibreOffice draw from.
/// </summary>
public sealed partial class WordWriter
{
    sealed record PendingChart(string RelationshipId, C.ChartSpace Chart, IReadOnlyList<string> Categories, IReadOnlyList<(string Name, IReadOnlyList<decimal?> Values)> Series);

    readonly List<PendingChart> charts = [];

    /// <summary>A clustered column chart, one series per name, a column per category; a missing figure is a gap.</summary>
    public void ColumnChart(string title, IReadOnlyList<string> categories, IReadOnlyList<(string Name, IReadOnlyList<decimal?> Values)> series)
    {
        var n = charts.Count + 1;
        var id = $"rIdChart{n}";
        charts.Add(new PendingChart(id, ChartSpace(title, categories, series), categories, series));
        const long Width = 5_400_000, Height = 2_700_000;   // EMU: 15 × 7.5 cm
        var inline = new DW.Inline(
            new DW.Extent { Cx = Width, Cy = Height },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = (UInt32Value)(uint)n, Name = $"圖表 {n}", Description = title },
            new DW.NonVisualGraphicFrameDrawingProperties(),
            new A.Graphic(new A.GraphicData(new C.ChartReference { Id = id }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
        {
            DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U,
        };
        body.Append(new W.Paragraph(new W.Run(new W.Drawing(inline))));
    }

    void AddCharts(MainDocumentPart main)
    {
        foreach (var chart in charts)
        {
            var part = main.AddNewPart<ChartPart>(chart.RelationshipId);
            var workbook = part.AddEmbeddedPackagePart(EmbeddedPackagePartType.Xlsx);
            using (var data = new MemoryStream(Workbook(chart.Categories, chart.Series)))
                workbook.FeedData(data);
            chart.Chart.Append(new C.ExternalData(new C.AutoUpdate { Val = false }) { Id = part.GetIdOfPart(workbook) });
            part.ChartSpace = chart.Chart;
        }
    }

    /// <summary>The chart itself, shared with the decks' charts (Slides).</summary>
    internal static C.ChartSpace ChartSpace(string title, IReadOnlyList<string> categories, IReadOnlyList<(string Name, IReadOnlyList<decimal?> Values)> series)
    {
        const uint CategoryAxis = 48650112, ValueAxis = 48672768;
        string[] colours = ["A6A6A6", "2E75B6", "C55A11"];
        var bars = new C.BarChart(
            new C.BarDirection { Val = C.BarDirectionValues.Column },
            new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
            new C.VaryColors { Val = false });
        for (var s = 0; s < series.Count; s++)
        {
            var column = ColumnName(s + 1);
            var (name, values) = series[s];
            bars.Append(new C.BarChartSeries(
                new C.Index { Val = (uint)s },
                new C.Order { Val = (uint)s },
                new C.SeriesText(new C.StringReference(new C.Formula($"Sheet1!${column}$1"), StringCache([name]))),
                new C.ChartShapeProperties(new A.SolidFill(new A.RgbColorModelHex { Val = colours[s % colours.Length] })),
                new C.InvertIfNegative { Val = false },
                new C.DataLabels(
                    new C.ShowLegendKey { Val = false }, new C.ShowValue { Val = true }, new C.ShowCategoryName { Val = false },
                    new C.ShowSeriesName { Val = false }, new C.ShowPercent { Val = false }, new C.ShowBubbleSize { Val = false }),
                new C.CategoryAxisData(new C.StringReference(new C.Formula($"Sheet1!$A$2:$A${categories.Count + 1}"), StringCache(categories))),
                new C.Values(new C.NumberReference(new C.Formula($"Sheet1!${column}$2:${column}${categories.Count + 1}"), NumberCache(values)))));
        }
        bars.Append(new C.GapWidth { Val = 80 }, new C.AxisId { Val = CategoryAxis }, new C.AxisId { Val = ValueAxis });

        var plot = new C.PlotArea(
            new C.Layout(),
            bars,
            new C.CategoryAxis(
                new C.AxisId { Val = CategoryAxis },
                new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
                new C.Delete { Val = false },
                new C.AxisPosition { Val = C.AxisPositionValues.Bottom },
                new C.MajorTickMark { Val = C.TickMarkValues.None },
                new C.MinorTickMark { Val = C.TickMarkValues.None },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                new C.CrossingAxis { Val = ValueAxis },
                new C.Crosses { Val = C.CrossesValues.AutoZero },
                new C.AutoLabeled { Val = true },
                new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
                new C.LabelOffset { Val = 100 }),
            new C.ValueAxis(
                new C.AxisId { Val = ValueAxis },
                // Columns start at zero, so that their heights compare truly (an automatic axis may start at 3.5).
                series.SelectMany(s => s.Values).Any(v => v < 0)
                    ? new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax })
                    : new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }, new C.MinAxisValue { Val = 0 }),
                new C.Delete { Val = false },
                new C.AxisPosition { Val = C.AxisPositionValues.Left },
                new C.MajorGridlines(),
                new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
                new C.MajorTickMark { Val = C.TickMarkValues.Outside },
                new C.MinorTickMark { Val = C.TickMarkValues.None },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                new C.CrossingAxis { Val = CategoryAxis },
                new C.Crosses { Val = C.CrossesValues.AutoZero },
                new C.CrossBetween { Val = C.CrossBetweenValues.Between }));

        var chart = new C.Chart(
            new C.Title(
                new C.ChartText(new C.RichText(
                    new A.BodyProperties(),
                    new A.ListStyle(),
                    new A.Paragraph(
                        new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = 1200, Bold = true }),
                        new A.Run(new A.RunProperties { Language = "zh-TW", FontSize = 1200, Bold = true }, new A.Text(title))))),
                new C.Overlay { Val = false }),
            new C.AutoTitleDeleted { Val = false },
            plot,
            new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }),
            new C.PlotVisibleOnly { Val = true },
            new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap });
        return new C.ChartSpace(
            new C.Date1904 { Val = false },
            new C.EditingLanguage { Val = "zh-TW" },
            new C.RoundedCorners { Val = false },
            chart);
    }

    static C.StringCache StringCache(IReadOnlyList<string> texts)
    {
        var cache = new C.StringCache(new C.PointCount { Val = (uint)texts.Count });
        for (var i = 0; i < texts.Count; i++)
            cache.Append(new C.StringPoint(new C.NumericValue(texts[i])) { Index = (uint)i });
        return cache;
    }

    static C.NumberingCache NumberCache(IReadOnlyList<decimal?> values)
    {
        var cache = new C.NumberingCache(new C.FormatCode("General"), new C.PointCount { Val = (uint)values.Count });
        for (var i = 0; i < values.Count; i++)
            if (values[i] is { } v)   // a year without a figure is left out: a gap, not a zero
                cache.Append(new C.NumericPoint(new C.NumericValue(v.ToString(CultureInfo.InvariantCulture))) { Index = (uint)i });
        return cache;
    }

    static string ColumnName(int index) => ((char)('A' + index)).ToString();

    /// <summary>The chart's figures as the workbook Word opens on 「編輯資料」: categories down column A, a column per series.</summary>
    internal static byte[] Workbook(IReadOnlyList<string> categories, IReadOnlyList<(string Name, IReadOnlyList<decimal?> Values)> series)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new Workbook();
            var sheet = book.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var header = new Row { RowIndex = 1U };
            for (var s = 0; s < series.Count; s++)
                header.Append(TextCell($"{ColumnName(s + 1)}1", series[s].Name));
            data.Append(header);
            for (var r = 0; r < categories.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 2) };
                row.Append(TextCell($"A{r + 2}", categories[r]));
                for (var s = 0; s < series.Count; s++)
                    if (series[s].Values[r] is { } v)
                        row.Append(new Cell { CellReference = $"{ColumnName(s + 1)}{r + 2}", DataType = CellValues.Number, CellValue = new CellValue(v.ToString(CultureInfo.InvariantCulture)) });
                data.Append(row);
            }
            sheet.Worksheet = new Worksheet(data);
            book.Workbook.AppendChild(new Sheets(new Sheet { Id = book.GetIdOfPart(sheet), SheetId = 1U, Name = "Sheet1" }));
            book.Workbook.Save();
        }
        return stream.ToArray();
    }

    static Cell TextCell(string reference, string text) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
}
