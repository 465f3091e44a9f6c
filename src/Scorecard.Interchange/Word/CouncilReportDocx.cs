using Scorecard.Interchange.Reports;

namespace Scorecard.Interchange.Word;

/// <summary>The council report's KPI section (seed 004) as a Word document: a heading per theme, a numbered paragraph per item.</summary>
public static class CouncilReportDocx
{
    public static byte[] Render(CouncilReport report, ReportWords? words = null)
    {
        words ??= ReportWords.Chinese;
        var w = new WordWriter();
        w.Heading(1, report.Title);
        w.Heading(1, words.Say(CouncilReport.SectionHeading));
        for (var t = 0; t < report.Themes.Count; t++)
        {
            var theme = report.Themes[t];
            w.Heading(2, words.Section(t + 1) + theme.Name);
            for (var i = 0; i < theme.Items.Count; i++)
                w.Paragraph(words.Item(i + 1) + theme.Items[i].Text);
        }
        if (report.Themes.Count == 0)
            w.Paragraph(words.Say(CouncilReport.NothingPublished));
        if (report.NotReported.Count > 0)
            w.Paragraph(words.Say(CouncilReport.NotReportedLine(report.NotReported)));
        return w.ToBytes(report.Title);
    }
}
