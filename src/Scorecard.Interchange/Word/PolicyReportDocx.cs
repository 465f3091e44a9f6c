using Scorecard.Interchange.Reports;

namespace Scorecard.Interchange.Word;

/// <summary>The 施政報告 (seed 000) as a Word document: a heading per theme, its agencies and counts, a table per objective.</summary>
public static class PolicyReportDocx
{
    public static byte[] Render(PolicyReport report)
    {
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
                w.Heading(2, "一、責任機關");
                w.Paragraph(theme.Agencies);
            }
            w.Heading(2, $"二、{report.RocYear}年度「{theme.Name}」策略地圖");
            foreach (var line in theme.MapLines)
                w.Paragraph(line);
            w.Heading(2, $"三、{report.RocYear}年度「{theme.Name}」策略關聯圖");
            if (theme.Links.Count == 0)
                w.Paragraph("（本主題未列策略關聯。）");
            foreach (var line in theme.Links)
                w.Paragraph(line);
            w.Heading(2, "四、策略目標、關鍵績效指標、行動計畫及成果");
            foreach (var line in theme.Summary)
                w.Paragraph(line);
            foreach (var objective in theme.Objectives)
            {
                w.Heading(3, $"{objective.Code} {objective.Name}");
                w.Table(
                    ["關鍵績效指標", "行動計畫", "指標公式及單位", "主責", report.TargetHeader, "本期實際值"],
                    objective.Kpis.Select(k => (IReadOnlyList<IReadOnlyList<string>>)
                    [
                        [$"{k.Code} {k.Name}", .. k.LowerIsBetter ? new[] { "（負向指標）" } : []],
                        k.Plans,
                        [.. k.Formula is null ? [] : new[] { k.Formula }, .. k.Unit is null ? [] : new[] { $"單位：{k.Unit}" }],
                        [k.Owners],
                        [k.Target],
                        [k.Actual],
                    ]),
                    [18, 22, 24, 8, 10, 12]);
            }
        }
        return w.ToBytes(report.Title);
    }
}
