using System.Xml.Linq;
using Scorecard.Interchange.Drawing;
using Scorecard.Interchange.Reports;

namespace Scorecard.Interchange.Tests;

/// <summary>The dashboard's sparkline: valid SVG whose accessible name carries the same figures, a gap where a year has none.</summary>
public class SparklineTests
{
    static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_figures_are_its_name_and_a_year_without_a_figure_breaks_the_line()
    {
        var points = new List<TrendPoint> { new(106, 50, 48), new(107, 51, null), new(108, 52, 53.5m), new(109, 53, 54) };
        var svg = XElement.Parse(Sparkline.Svg(points));
        Assert.Equal("img", svg.Attribute("role")!.Value);
        Assert.Equal("目標值 106 年 50、107 年 51、108 年 52、109 年 53；實際值 106 年 48、107 年 無資料、108 年 53.5、109 年 54", svg.Attribute("aria-label")!.Value);
        Assert.Equal(svg.Attribute("aria-label")!.Value, svg.Element(Svg + "title")!.Value);
        var lines = svg.Elements(Svg + "polyline").ToList();
        // Targets: one dashed line through four years. Actuals: 106 alone (a dot), then 108–109.
        Assert.Equal(2, lines.Count);
        Assert.Equal("3 2", lines[0].Attribute("stroke-dasharray")!.Value);
        Assert.Equal(4, lines[0].Attribute("points")!.Value.Split(' ').Length);
        Assert.Equal(2, lines[1].Attribute("points")!.Value.Split(' ').Length);
        Assert.Equal(3, svg.Elements(Svg + "circle").Count());   // a dot for each actual
    }

    [Fact]
    public void Nothing_to_draw_gives_no_chart()
    {
        Assert.Equal("", Sparkline.Svg([new TrendPoint(107, null, null)]));
        var single = XElement.Parse(Sparkline.Svg([new TrendPoint(108, 6, 7.05m)]));
        Assert.Equal(2, single.Elements(Svg + "circle").Count());   // one target, one actual: dots, no lines
        Assert.Empty(single.Elements(Svg + "polyline"));
    }
}
