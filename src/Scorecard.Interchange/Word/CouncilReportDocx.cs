using Scorecard.Interchange.Reports;

namespace Scorecard.Interchange.Word;

/// <summary>
/// The council report (seed 004) as a Word document: the sections people write (the opening address, 壹, 參, 肆) in their order,
/// with section 貳 made from the period's figures in its place — a heading per theme, a numbered paragraph per item. Without
/// written sections, 貳 stands alone. Body text at 16 points and every page's footer 「臺北市政府秘書處工作報告 22」, as the seed.
/// </summary>
public static class CouncilReportDocx
{
    public static byte[] Render(CouncilReport report, IReadOnlyList<WrittenSection>? sections = null, ReportWords? words = null)
    {
        words ??= ReportWords.Chinese;
        var w = new WordWriter { BodyPoints = 16, Footer = words.Say(CouncilReport.Footer(report.Organisation)) };
        w.Heading(1, report.Title);
        if (sections is not { Count: > 0 })
            sections = [new WrittenSection("", "", MadeFromData: true)];
        foreach (var section in sections)
        {
            if (section.MadeFromData)
            {
                KpiSection(w, report, section.Title, words);
                continue;
            }
            if (section.Title.Length > 0)
                w.Heading(1, section.Title);
            Blocks(w, WrittenText.Parse(section.Body));
        }
        return w.ToBytes(report.Title);
    }

    /// <summary>貳: its heading (the section's title where the planner gave one), a heading per theme, an item a paragraph.</summary>
    static void KpiSection(WordWriter w, CouncilReport report, string title, ReportWords words)
    {
        w.Heading(1, title.Length > 0 ? title : words.Say(CouncilReport.SectionHeading));
        for (var t = 0; t < report.Themes.Count; t++)
        {
            var theme = report.Themes[t];
            w.Heading(2, words.Section(t + 1) + theme.Name);
            for (var i = 0; i < theme.Items.Count; i++)
                w.Written(words.Item(i + 1), theme.Items[i].Text, 2);
        }
        if (report.Themes.Count == 0)
            w.Paragraph(words.Say(CouncilReport.NothingPublished));
    }

    /// <summary>A written section's body: its headings, paragraphs and tables typed by hand.</summary>
    internal static void Blocks(WordWriter w, IReadOnlyList<WrittenBlock> blocks)
    {
        foreach (var block in blocks)
            switch (block)
            {
                case WrittenHeading h:
                    w.Heading(h.Level, h.Text);
                    break;
                case WrittenParagraph p:
                    w.Written(p.Label, p.Text, p.Depth);
                    break;
                case WrittenTable t:
                    var columns = t.Rows.Max(r => r.Count);
                    w.Table([.. t.Rows[0], .. Enumerable.Repeat("", columns - t.Rows[0].Count)],
                        t.Rows.Skip(1).Select(r => (IReadOnlyList<IReadOnlyList<string>>)r.Select(c => (IReadOnlyList<string>)[c]).ToList()),
                        Enumerable.Repeat(1, columns).ToList(), points: 12);
                    break;
            }
    }
}
