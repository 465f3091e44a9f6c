using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace Scorecard.Interchange.Slides;

/// <summary>
/// The few things the decks are made of, written as a real PowerPoint file: 16:9 slides whose title
/// sits in the layout's title placeholder (so the outline view and the accessibility checker read it),
/// text in text boxes a presenter can edit, native tables and native charts with their figures in an
/// embedded workbook. Positions are in centimetres on a 33.867 × 19.05 cm slide. Elements are written in
/// the order the schema requires, so that OpenXmlValidator finds nothing.
/// </summary>
public sealed partial class SlideWriter
{
    const long Cm = 360_000;
    public const double Width = 33.867, Height = 19.05;
    const string LatinFont = "Arial", EastAsianFont = "微軟正黑體";

    /// <summary>Dark blue of the city's decks, a pale tint for header rows, the highlight for the theme a deck is about.</summary>
    public const string Navy = "1F4E79", Pale = "DEEAF6", Highlight = "FFE699", Grey = "595959", Red = "C00000";

    readonly List<SlideBuilder> slides = [];

    /// <summary>A slide with its title in the title placeholder; things are added to the slide returned.</summary>
    public SlideBuilder Slide(string title)
    {
        var slide = new SlideBuilder(title, cover: false);
        slides.Add(slide);
        return slide;
    }

    /// <summary>A cover or section slide: a centred title and subtitle lines (the title layout).</summary>
    public SlideBuilder Cover(string title, IReadOnlyList<string> subtitle)
    {
        var slide = new SlideBuilder(title, cover: true) { Subtitle = subtitle };
        slides.Add(slide);
        return slide;
    }

    public int Count => slides.Count;

    public byte[] ToBytes(string title)
    {
        using var stream = new MemoryStream();
        using (var doc = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = doc.AddPresentationPart();
            presentation.Presentation = new P.Presentation { SaveSubsetFonts = true };
            var master = presentation.AddNewPart<SlideMasterPart>("rIdMaster");
            var theme = master.AddNewPart<ThemePart>("rIdTheme");
            theme.Theme = Theme();
            presentation.AddPart(theme, "rIdTheme");
            var titleOnly = master.AddNewPart<SlideLayoutPart>("rIdLayout1");
            titleOnly.SlideLayout = Layout(P.SlideLayoutValues.TitleOnly, "僅標題", TitleOnlyShapes());
            titleOnly.AddPart(master, "rIdMaster");
            var titleSlide = master.AddNewPart<SlideLayoutPart>("rIdLayout2");
            titleSlide.SlideLayout = Layout(P.SlideLayoutValues.Title, "標題投影片", CoverShapes());
            titleSlide.AddPart(master, "rIdMaster");
            master.SlideMaster = Master();

            var ids = new P.SlideIdList();
            for (var i = 0; i < slides.Count; i++)
            {
                var part = presentation.AddNewPart<SlidePart>($"rIdSlide{i + 1}");
                slides[i].Write(part, slides[i].IsCover ? titleSlide : titleOnly);
                ids.Append(new P.SlideId { Id = (uint)(256 + i), RelationshipId = $"rIdSlide{i + 1}" });
            }
            presentation.Presentation.Append(
                new P.SlideMasterIdList(new P.SlideMasterId { Id = 2147483648U, RelationshipId = "rIdMaster" }),
                ids,
                new P.SlideSize { Cx = (int)(Width * Cm), Cy = (int)(Height * Cm) },
                new P.NotesSize { Cx = 6858000, Cy = 9144000 },
                DefaultTextStyle());
            doc.PackageProperties.Title = title;
            doc.PackageProperties.Creator = "Scorecard";
            presentation.Presentation.Save();
        }
        return stream.ToArray();
    }

    // ——— the master, its two layouts and the theme ———

    static P.SlideMaster Master() => new(
        new P.CommonSlideData(
            new P.Background(new P.BackgroundStyleReference(new A.SchemeColor { Val = A.SchemeColorValues.Background1 }) { Index = 1001U }),
            Tree(
                Placeholder(2, "標題", P.PlaceholderValues.Title, null, 1.2, 0.5, Width - 2.4, 2.0),
                Placeholder(3, "文字", P.PlaceholderValues.Body, 1U, 1.2, 3.0, Width - 2.4, Height - 4.0))),
        new P.ColorMap
        {
            Background1 = A.ColorSchemeIndexValues.Light1, Text1 = A.ColorSchemeIndexValues.Dark1,
            Background2 = A.ColorSchemeIndexValues.Light2, Text2 = A.ColorSchemeIndexValues.Dark2,
            Accent1 = A.ColorSchemeIndexValues.Accent1, Accent2 = A.ColorSchemeIndexValues.Accent2,
            Accent3 = A.ColorSchemeIndexValues.Accent3, Accent4 = A.ColorSchemeIndexValues.Accent4,
            Accent5 = A.ColorSchemeIndexValues.Accent5, Accent6 = A.ColorSchemeIndexValues.Accent6,
            Hyperlink = A.ColorSchemeIndexValues.Hyperlink, FollowedHyperlink = A.ColorSchemeIndexValues.FollowedHyperlink,
        },
        new P.SlideLayoutIdList(
            new P.SlideLayoutId { Id = 2147483649U, RelationshipId = "rIdLayout1" },
            new P.SlideLayoutId { Id = 2147483650U, RelationshipId = "rIdLayout2" }),
        new P.TextStyles(
            new P.TitleStyle(new A.Level1ParagraphProperties(new A.DefaultRunProperties(
                [new A.SolidFill(new A.RgbColorModelHex { Val = Navy }), .. Fonts()]) { FontSize = 2800, Bold = true }) { Alignment = A.TextAlignmentTypeValues.Left }),
            new P.BodyStyle(new A.Level1ParagraphProperties(new A.DefaultRunProperties(
                [new A.SolidFill(new A.SchemeColor { Val = A.SchemeColorValues.Text1 }), .. Fonts()]) { FontSize = 1800 })),
            new P.OtherStyle(new A.Level1ParagraphProperties(new A.DefaultRunProperties(Fonts()) { FontSize = 1800 }))));

    static P.SlideLayout Layout(P.SlideLayoutValues type, string name, OpenXmlElement[] shapes) =>
        new(new P.CommonSlideData(Tree(shapes)) { Name = name }, new P.ColorMapOverride(new A.MasterColorMapping())) { Type = type, Preserve = true };

    static OpenXmlElement[] TitleOnlyShapes() => [Placeholder(2, "標題", P.PlaceholderValues.Title, null, 1.2, 0.5, Width - 2.4, 2.0)];

    static OpenXmlElement[] CoverShapes() =>
    [
        Placeholder(2, "標題", P.PlaceholderValues.CenteredTitle, null, 2.5, 4.5, Width - 5.0, 4.0),
        Placeholder(3, "副標題", P.PlaceholderValues.SubTitle, 1U, 2.5, 9.0, Width - 5.0, 6.0),
    ];

    static P.Shape Placeholder(uint id, string name, P.PlaceholderValues type, uint? index, double x, double y, double cx, double cy) =>
        new(
            new P.NonVisualShapeProperties(
                new P.NonVisualDrawingProperties { Id = id, Name = name },
                new P.NonVisualShapeDrawingProperties(new A.ShapeLocks { NoGrouping = true }),
                new P.ApplicationNonVisualDrawingProperties(index is { } i ? new P.PlaceholderShape { Type = type, Index = i } : new P.PlaceholderShape { Type = type })),
            new P.ShapeProperties(Transform(x, y, cx, cy)),
            new P.TextBody(new A.BodyProperties(), new A.ListStyle(), new A.Paragraph(new A.EndParagraphRunProperties { Language = "zh-TW" })));

    internal static P.ShapeTree Tree(params OpenXmlElement[] shapes)
    {
        var tree = new P.ShapeTree(
            new P.NonVisualGroupShapeProperties(
                new P.NonVisualDrawingProperties { Id = 1U, Name = "" },
                new P.NonVisualGroupShapeDrawingProperties(),
                new P.ApplicationNonVisualDrawingProperties()),
            new P.GroupShapeProperties(new A.TransformGroup(
                new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = 0, Cy = 0 },
                new A.ChildOffset { X = 0, Y = 0 }, new A.ChildExtents { Cx = 0, Cy = 0 })));
        tree.Append(shapes);
        return tree;
    }

    internal static A.Transform2D Transform(double x, double y, double cx, double cy) =>
        new(new A.Offset { X = Emu(x), Y = Emu(y) }, new A.Extents { Cx = Emu(cx), Cy = Emu(cy) });

    internal static long Emu(double cm) => (long)Math.Round(cm * Cm);

    static OpenXmlElement[] Fonts() =>
        [new A.LatinFont { Typeface = LatinFont }, new A.EastAsianFont { Typeface = EastAsianFont }];

    static P.DefaultTextStyle DefaultTextStyle() =>
        new(new A.Level1ParagraphProperties(new A.DefaultRunProperties(Fonts()) { Language = "zh-TW", FontSize = 1800 }));

    static A.Theme Theme()
    {
        static A.SolidFill Scheme(A.SchemeColorValues v) => new(new A.SchemeColor { Val = v });
        static A.Outline Line(int width) => new(Scheme(A.SchemeColorValues.PhColor)) { Width = width };
        return new A.Theme(
            new A.ThemeElements(
                new A.ColorScheme(
                    new A.Dark1Color(new A.SystemColor { Val = A.SystemColorValues.WindowText, LastColor = "000000" }),
                    new A.Light1Color(new A.SystemColor { Val = A.SystemColorValues.Window, LastColor = "FFFFFF" }),
                    new A.Dark2Color(new A.RgbColorModelHex { Val = Navy }),
                    new A.Light2Color(new A.RgbColorModelHex { Val = "E7E6E6" }),
                    new A.Accent1Color(new A.RgbColorModelHex { Val = "2E75B6" }),
                    new A.Accent2Color(new A.RgbColorModelHex { Val = "C55A11" }),
                    new A.Accent3Color(new A.RgbColorModelHex { Val = "A5A5A5" }),
                    new A.Accent4Color(new A.RgbColorModelHex { Val = "FFC000" }),
                    new A.Accent5Color(new A.RgbColorModelHex { Val = "4472C4" }),
                    new A.Accent6Color(new A.RgbColorModelHex { Val = "70AD47" }),
                    new A.Hyperlink(new A.RgbColorModelHex { Val = "0563C1" }),
                    new A.FollowedHyperlinkColor(new A.RgbColorModelHex { Val = "954F72" })) { Name = "Scorecard" },
                new A.FontScheme(
                    new A.MajorFont(new A.LatinFont { Typeface = LatinFont }, new A.EastAsianFont { Typeface = EastAsianFont }, new A.ComplexScriptFont { Typeface = "" }),
                    new A.MinorFont(new A.LatinFont { Typeface = LatinFont }, new A.EastAsianFont { Typeface = EastAsianFont }, new A.ComplexScriptFont { Typeface = "" })) { Name = "Scorecard" },
                new A.FormatScheme(
                    new A.FillStyleList(Scheme(A.SchemeColorValues.PhColor), Scheme(A.SchemeColorValues.PhColor), Scheme(A.SchemeColorValues.PhColor)),
                    new A.LineStyleList(Line(6350), Line(12700), Line(19050)),
                    new A.EffectStyleList(new A.EffectStyle(new A.EffectList()), new A.EffectStyle(new A.EffectList()), new A.EffectStyle(new A.EffectList())),
                    new A.BackgroundFillStyleList(Scheme(A.SchemeColorValues.PhColor), Scheme(A.SchemeColorValues.PhColor), Scheme(A.SchemeColorValues.PhColor))) { Name = "Scorecard" }),
            new A.ObjectDefaults(),
            new A.ExtraColorSchemeList()) { Name = "Scorecard" };
    }
}
