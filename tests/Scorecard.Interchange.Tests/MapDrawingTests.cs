using Scorecard.Data;
using System.Globalization;
using System.Xml.Linq;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Scoring;
using Scorecard.Interchange.Drawing;
using Scorecard.Interchange.Reports;
using Scorecard.Testing;

namespace Scorecard.Interchange.Tests;

/// <summary>The drawn strategy map: every objective a box with its words, every link an arrow that crosses no box.</summary>
public class MapDrawingTests
{
    static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    static async Task<StrategyMap> CityThemeAAsync()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("city-107q1-A.json"), SeedData.PathOf("city-107q1-B.json"));
        await using var db = database.NewContext();
        return (await MapQueries.ReadAsync(db, "臺北市政府", 107))!;
    }

    [Fact]
    public async Task Each_objective_is_a_box_and_each_link_an_arrow_that_crosses_no_box()
    {
        var map = await CityThemeAAsync();
        // Links across rows, across themes, within a column, and upwards: the shapes a planner draws.
        (string, string)[] links = [("AL1", "AP1"), ("AP1", "AC1"), ("AF2", "AP2"), ("AP5", "BC1"), ("BL1", "AC3"), ("AC1", "AC2")];
        map.Links.AddRange(links.Select((l, i) => new ObjectiveLink { FromCode = l.Item1, ToCode = l.Item2, Ordinal = i }));

        var drawn = XDocument.Parse(MapDrawing.Svg(new MapScoring(map)));   // well-formed XML
        var boxes = drawn.Descendants(Svg + "g").Where(g => g.Attribute("data-objective") is not null)
            .ToDictionary(g => g.Attribute("data-objective")!.Value, g => g.Element(Svg + "rect")!);
        Assert.Equal(map.Objectives.Select(o => o.Code).Order(), boxes.Keys.Order());
        Assert.Contains("提升環境品質", drawn.Descendants(Svg + "g").Single(g => g.Attribute("data-objective")?.Value == "AC1").Value);

        var arrows = drawn.Descendants(Svg + "polyline").ToList();
        Assert.Equal(links.Select(l => $"{l.Item1}→{l.Item2}"), arrows.Select(a => a.Attribute("data-link")!.Value));
        foreach (var arrow in arrows)
        {
            var points = arrow.Attribute("points")!.Value.Split(' ').Select(p => p.Split(',').Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray()).ToList();
            var (from, to) = (arrow.Attribute("data-link")!.Value.Split('→')[0], arrow.Attribute("data-link")!.Value.Split('→')[1]);
            for (var i = 0; i + 1 < points.Count; i++)
                foreach (var (code, rect) in boxes)
                {
                    // The first and last segments touch their own boxes' sides; nothing may pass through a box.
                    var (x, y, w, h) = (D(rect, "x"), D(rect, "y"), D(rect, "width"), D(rect, "height"));
                    Assert.False(Crosses(points[i], points[i + 1], x, y, w, h),
                        $"The arrow {from}→{to} crosses the box of {code} between ({points[i][0]},{points[i][1]}) and ({points[i + 1][0]},{points[i + 1][1]}).");
                }
        }
    }

    static double D(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    /// <summary>Whether an axis-parallel segment passes through the inside of a box (touching its edge is not crossing).</summary>
    static bool Crosses(double[] a, double[] b, double x, double y, double w, double h)
    {
        const double inset = 0.5;
        var (left, right, top, bottom) = (x + inset, x + w - inset, y + inset, y + h - inset);
        var (minX, maxX, minY, maxY) = (Math.Min(a[0], b[0]), Math.Max(a[0], b[0]), Math.Min(a[1], b[1]), Math.Max(a[1], b[1]));
        return maxX > left && minX < right && maxY > top && minY < bottom;
    }

    [Fact]
    public async Task Statements_and_status_words_are_drawn_with_the_colours()
    {
        var map = await CityThemeAAsync();
        var svg = MapDrawing.Svg(new MapScoring(map));
        Assert.Contains("【使命】為市民服務，替城市創新", svg);
        Assert.Contains("營造永續環境(A)", svg);
        Assert.Matches("(全數達標|半數以上達標|未達標居多|尚無可判定資料)（\\d+/\\d+）", svg);
    }
}
