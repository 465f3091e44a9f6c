using Scorecard.Domain.Values;
using Scorecard.Interchange.Reports;

namespace Scorecard.Interchange.Word;

/// <summary>
/// The 成果報告 (seed 003) as a Word document: a page per KPI card with its figures and scores, the
/// score narratives, a native chart of the last three years with its figures in a table beside, and
/// for a KPI that missed its target the 狀況分析 and 對策.
/// </summary>
public static class ResultsReportDocx
{
    public static byte[] Render(ResultsReport report)
    {
        var w = new WordWriter();
        w.Heading(1, report.Title);
        w.Paragraph(report.RatingRule);
        foreach (var theme in report.Themes)
        {
            w.PageBreak();
            w.Heading(1, theme.Code.Length == 0 ? theme.Name : $"{theme.Name}({theme.Code})");
            var first = true;
            foreach (var card in theme.Cards)
            {
                if (!first) w.PageBreak();   // a card a page, as the seed's slides
                first = false;
                Card(w, card);
            }
        }
        if (report.WithoutResults.Count > 0)
        {
            w.Heading(1, "尚無年度成果之 KPI");
            w.Paragraph(string.Join("、", report.WithoutResults));
        }
        if (report.NextRevision is { } revision)
            Revision(w, revision);
        return w.ToBytes(report.Title);
    }

    static void Card(WordWriter w, ResultsCard card)
    {
        w.Heading(2, card.Heading);
        var about = new[] { card.Objective is null ? null : $"策略目標：{card.Objective}", card.Owners.Length == 0 ? null : $"主責：{card.Owners}" }.OfType<string>();
        if (about.Any()) w.Paragraph(string.Join("／", about));
        w.Table(
            ["目標值", "達成值", "達成度", "創新度", "挑戰度", "貢獻度", "加權平均", "自評燈號"],
            [[[card.Target], [card.Actual], [card.Achievement], [card.Innovation], [card.Challenge], [card.Contribution], [card.Total], [card.Light]]],
            [12, 12, 14, 10, 10, 10, 12, 12]);
        foreach (var (label, text) in card.Narratives)
            w.Paragraph($"{label}：{text}");
        if (card.Trend.Any(p => p.Target is not null || p.Actual is not null))
        {
            w.ColumnChart(card.TrendTitle, card.Trend.Select(p => $"{p.RocYear}").ToList(),
                [("目標值", card.Trend.Select(p => p.Target).ToList()), ("達成值", card.Trend.Select(p => p.Actual).ToList())]);
            w.Table(["年度", "目標值", "達成值"],
                card.Trend.Select(p => (IReadOnlyList<IReadOnlyList<string>>)[[$"{p.RocYear} 年"], [Figure(p.Target)], [Figure(p.Actual)]]),
                [10, 10, 10]);
        }
        if (card.Missed)
        {
            w.Heading(3, "未達目標值 KPI 之補充說明");
            w.Paragraph("狀況分析：", bold: true);
            foreach (var line in card.SituationAnalysis) w.Paragraph(line);
            w.Paragraph("對策：", bold: true);
            foreach (var line in card.Countermeasures) w.Paragraph(line);
        }
        if (card.Warning is not null)
            w.Paragraph($"※{card.Warning}");
    }

    static void Revision(WordWriter w, ResultsRevision r)
    {
        w.PageBreak();
        w.Heading(1, $"{r.RocYear} 年度修正內容（與 {r.PreviousRocYear} 年比較）");
        w.Table(["構面", "策略目標 修訂前", "修訂後", "KPI 修訂前", "修訂後", "行動計畫 修訂前", "修訂後"],
            r.Counts.Select(c => (IReadOnlyList<IReadOnlyList<string>>)
            [
                [Domain.Revisions.RevisionDiff.PerspectiveLabel(c.Perspective)],
                [$"{c.Objectives.Before}"], After(r, c.Perspective, "objectives", c.Objectives),
                [$"{c.Kpis.Before}"], After(r, c.Perspective, "kpis", c.Kpis),
                [$"{c.ActionPlans.Before}"], After(r, c.Perspective, "actionPlans", c.ActionPlans),
            ]),
            [16, 10, 14, 10, 14, 10, 14]);
        w.Paragraph("註：( )內表示策略目標、KPI及行動方案之數字調整。");
        if (r.Changes.Count == 0)
            w.Paragraph("與前一版相同，沒有修正。");
        else
            w.Table(["類別", "代碼", "修訂前", "修訂後", "修正方向/原因"],
                r.Changes.Select(c => (IReadOnlyList<IReadOnlyList<string>>)[[c.Label], [c.Code], [c.Before ?? ""], [c.After ?? ""], [c.Reason ?? "（未填）"]]),
                [12, 10, 22, 22, 34]);
    }

    /// <summary>The computed after-count, with the document's own beside it where it prints one (flagged where they differ).</summary>
    static IReadOnlyList<string> After(ResultsRevision r, string perspective, string what, Domain.Revisions.CountPair pair)
    {
        var printed = r.Printed.FirstOrDefault(p => p.Perspective == perspective && p.What == what);
        return printed is null ? [pair.Printed]
            : [pair.Printed, printed.Words];
    }

    static string Figure(decimal? n) => n is { } v ? ValueWords.Number(v) : "—";
}
