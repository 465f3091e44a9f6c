using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;
using SVG = DocumentFormat.OpenXml.Office2019.Drawing.SVG;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Scorecard.Interchange.Word;

/// <summary>
/// A vector drawing (the strategy map) placed as an SVG picture, scaled to the page width. Word 2016
/// and later read it through the svgBlip extension, LibreOffice through the picture itself, which is
/// the same SVG (there is no raster copy: nothing here draws SVG into pixels, so Word 2013 and
/// earlier show no picture, and the picture's description says what it shows).
/// </summary>
public sealed partial class WordWriter
{
    sealed record PendingImage(string Id, string Svg);

    readonly List<PendingImage> images = [];

    public void Svg(string svg, string description)
    {
        var n = images.Count + 1;
        var image = new PendingImage($"rIdSvg{n}", svg);
        images.Add(image);
        var (width, height) = SizeOf(svg);
        var pageWidth = (Landscape ? 16838 : 11906) - 2 * Margin;   // twentieths of a point
        var cx = (long)pageWidth * 635;                              // EMU
        var cy = (long)(cx * height / width);
        var id = (UInt32Value)(uint)(1000 + n);
        var picture = new PIC.Picture(
            new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = id, Name = $"map{n}.svg", Description = description }, new PIC.NonVisualPictureDrawingProperties()),
            new PIC.BlipFill(
                new A.Blip(new A.BlipExtensionList(new A.BlipExtension(new SVG.SVGBlip { Embed = image.Id }) { Uri = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}" })) { Embed = image.Id },
                new A.Stretch(new A.FillRectangle())),
            new PIC.ShapeProperties(
                new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }));
        var inline = new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = id, Name = $"策略地圖 {n}", Description = description },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(picture) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U,
        };
        body.Append(new W.Paragraph(new W.Run(new W.Drawing(inline))));
    }

    void AddImages(MainDocumentPart main)
    {
        foreach (var image in images)
        {
            var part = main.AddImagePart(ImagePartType.Svg, image.Id);
            using var data = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(image.Svg));
            part.FeedData(data);
        }
    }

    /// <summary>The drawing's size from its viewBox (or width and height).</summary>
    static (double Width, double Height) SizeOf(string svg)
    {
        var box = Regex.Match(svg, @"viewBox=""[-\d.]+\s+[-\d.]+\s+([\d.]+)\s+([\d.]+)""");
        if (box.Success)
            return (double.Parse(box.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(box.Groups[2].Value, CultureInfo.InvariantCulture));
        var w = Regex.Match(svg, @"\bwidth=""([\d.]+)""");
        var h = Regex.Match(svg, @"\bheight=""([\d.]+)""");
        return (double.Parse(w.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(h.Groups[1].Value, CultureInfo.InvariantCulture));
    }
}
