using Scorecard.Interchange.Reports;

namespace Scorecard.Interchange.Word;

/// <summary>The council report's KPI section (seed 004) as a Word document: a heading per theme, a numbered paragraph per item.</summary>
public static class CouncilReportDocx
{
    public static byte[] Render(CouncilReport report)
    {
        var w = new WordWriter();
        w.Heading(1, report.Title);
        w.Heading(1, CouncilReport.SectionHeading);
        for (var t = 0; t < report.Themes.Count; t++)
        {
            var theme = report.Themes[t];
            w.Heading(2, $"{ChineseNumbers.Of(t + 1)}、{theme.Name}");
            for (var i = 0; i < theme.Items.Count; i++)
                w.Paragraph($"({ChineseNumbers.Of(i + 1)}){theme.Items[i].Text}");
        }
        if (report.Themes.Count == 0)
            w.Paragraph("本期尚無已發布的執行情形。");
        if (report.NotReported.Count > 0)
            w.Paragraph($"本期尚未提報之 KPI：{string.Join("、", report.NotReported)}。");
        return w.ToBytes(report.Title);
    }
}
