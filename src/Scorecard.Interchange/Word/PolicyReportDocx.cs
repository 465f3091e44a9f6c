using Scorecard.Interchange.Reports;

namespace Scorecard.Interchange.Word;

/// <summary>The 施政報告 (seed 000) as a Word document: a heading per theme, its agencies and counts, a table per objective.</summary>
public static class PolicyReportDocx
{
    public static byte[] Render(PolicyReport report, ReportWords? words = null)
    {
        words ??= ReportWords.Chinese;
        var w = new WordWriter();
        w.Heading(1, report.Title);
        var first = true;
        foreach (var theme in report.Themes)
        {
            if (!first) w.PageBreak();   // each theme starts a page, as in the seed
            first = false;
            w.Heading(1, $"{theme.Name}({theme.Code})");
            if (theme.Agencies is not null)
            {
                w.Heading(2, words.Say(PolicyReport.AgenciesHeading));
                w.Paragraph(theme.Agencies);
            }
            w.Heading(2, words.Say(PolicyReport.MapHeading(report.RocYear, theme.Name)));
            foreach (var line in theme.MapLines)
                w.Paragraph(line);
            w.Heading(2, words.Say(PolicyReport.LinksHeading(report.RocYear, theme.Name)));
            if (theme.Links.Count == 0)
                w.Paragraph(words.Say(PolicyReport.NoLinks));
            foreach (var line in theme.Links)
                w.Paragraph(line);
            w.Heading(2, words.Say(PolicyReport.ObjectivesHeading));
            foreach (var line in theme.Summary)
                w.Paragraph(line);
            foreach (var objective in theme.Objectives)
            {
                w.Heading(3, $"{objective.Code} {objective.Name}");
                w.Table(
                    report.Columns,
                    objective.Kpis.SelectMany(k => k.Printed).Select(k => (IReadOnlyList<IReadOnlyList<string>>)
                    [
                        [$"{k.Code} {k.Name}", .. k.LowerIsBetter ? new[] { words.Say(PolicyReport.LowerIsBetter) } : []],
                        k.Plans,
                        [.. k.Formula is null ? [] : new[] { k.Formula }, .. PolicyReport.UnitLine(k.Unit, k.Weight) is { } unit ? new[] { words.Say(unit) } : []],
                        [k.Owners],
                        [k.Target],
                        [k.Actual],
                    ]),
                    [18, 22, 22, 8, 12, 12]);   // target and actual wide enough for 「7,000,000」 in the usual type
            }
        }
        return w.ToBytes(report.Title);
    }
}
