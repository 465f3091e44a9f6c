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
    public static byte[] Render(ResultsReport report, ReportWords? words = null)
    {
        words ??= ReportWords.Chinese;
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
                Card(w, card, words);
            }
        }
        if (report.WithoutResults.Count > 0)
        {
            w.Heading(1, words.Say(ResultsReport.WithoutResultsHeading));
            w.Paragraph(string.Join("、", report.WithoutResults));
        }
        if (report.NextRevision is { } revision)
            Revision(w, revision, words);
        return w.ToBytes(report.Title);
    }

    static void Card(WordWriter w, ResultsCard card, ReportWords words)
    {
        w.Heading(2, card.Heading);
        var about = new[] { card.Objective is null ? null : words.Say(ResultsReport.ObjectiveLine(card.Objective)), card.Owners.Length == 0 ? null : words.Say(ResultsReport.OwnersLine(card.Owners)) }.OfType<string>();
        if (about.Any()) w.Paragraph(string.Join("／", about));
        w.Table(
            [.. ResultsReport.ScoreColumns.Select(words.Say)],
            [[[card.Target], [card.Actual], [card.Achievement], [card.Innovation], [card.Challenge], [card.Contribution], [card.Total], [card.Light]]],
            [12, 12, 14, 10, 10, 10, 12, 12]);
        foreach (var (label, text) in card.Narratives)
            w.Paragraph(label + words.Colon + text);
        if (card.Trend.Any(p => p.Target is not null || p.Actual is not null))
        {
            var chart = words.Chart;
            w.ColumnChart(words.Say(card.TrendTitle), card.Trend.Select(p => chart.Axis(p.RocYear)).ToList(),
                [(chart.Target, card.Trend.Select(p => p.Target).ToList()), (chart.Actual, card.Trend.Select(p => p.Actual).ToList())]);
            w.Table([chart.YearHeading, chart.Target, chart.Actual],
                card.Trend.Select(p => (IReadOnlyList<IReadOnlyList<string>>)[[chart.Year(p.RocYear)], [Figure(p.Target)], [Figure(p.Actual)]]),
                [10, 10, 10]);
        }
        if (card.Missed)
        {
            w.Heading(3, words.Say(ResultsReport.MissedHeading));
            w.Paragraph(words.Say(ResultsReport.SituationAnalysis) + words.Colon, bold: true);
            foreach (var line in card.SituationAnalysis) w.Paragraph(line);
            w.Paragraph(words.Say(ResultsReport.Countermeasures) + words.Colon, bold: true);
            foreach (var line in card.Countermeasures) w.Paragraph(line);
        }
        if (card.Warning is not null)
            w.Paragraph($"※{card.Warning}");
    }

    static void Revision(WordWriter w, ResultsRevision r, ReportWords words)
    {
        w.PageBreak();
        w.Heading(1, words.Say(ResultsReport.RevisionHeading(r)));
        foreach (var note in r.Reading.Notes) w.Paragraph($"※{words.Say(note)}");
        w.Table([.. ResultsReport.CountColumns.Select(words.Say)],
            r.Counts.Select(c => (IReadOnlyList<IReadOnlyList<string>>)
            [
                [words.Word(Domain.Revisions.RevisionDiff.PerspectiveLabel(c.Perspective))],
                Before(c.Objectives, words), After(r, c.Perspective, "objectives", c.Objectives, words),
                Before(c.Kpis, words), After(r, c.Perspective, "kpis", c.Kpis, words),
                Before(c.ActionPlans, words), After(r, c.Perspective, "actionPlans", c.ActionPlans, words),
            ]),
            [16, 10, 14, 10, 14, 10, 14]);
        w.Paragraph(words.Say(ResultsReport.CountNote));
        if (r.Changes.Count == 0)
            w.Paragraph(words.Say(ResultsReport.NoChanges));
        else
            w.Table([.. ResultsReport.ChangeColumns.Select(words.Say)],
                r.Changes.Select(c => (IReadOnlyList<IReadOnlyList<string>>)[[words.Word(c.Label), .. Marks(c, words)], [c.Code], [c.Before ?? ""], [c.After ?? ""], [c.Reason ?? words.Say(ResultsReport.NoReason)]]),
                [12, 10, 22, 22, 34]);
    }

    /// <summary>The before-count: unknown said as such, and the document's own where it stands in for an incomplete version.</summary>
    static IReadOnlyList<string> Before(Domain.Revisions.CountPair pair, ReportWords words) =>
        pair.Before is not { } n ? [words.Say(ResultsReport.Unknown)]
        : pair.BeforeIsDocuments ? [$"{n}", words.Say(ResultsReport.AsPrinted)] : [$"{n}"];

    /// <summary>The computed after-count, with the document's own beside it where it prints one (flagged where they differ).</summary>
    static IReadOnlyList<string> After(ResultsRevision r, string perspective, string what, Domain.Revisions.CountPair pair, ReportWords words)
    {
        var printed = r.Printed.FirstOrDefault(p => p.Perspective == perspective && p.What == what);
        var count = pair.Printed ?? words.Say(ResultsReport.Unknown);
        return printed is null ? [count] : [count, printed.Words];
    }

    /// <summary>Under a change's kind: the document's statement, and what goes with it.</summary>
    static IEnumerable<string> Marks(Domain.Revisions.ReasonedChange c, ReportWords words) =>
        (c.ByDocument ? [words.Say(ResultsReport.StatedByDocument)] : Array.Empty<string>())
            .Concat(c.GoesWith.Select(w => words.Say(ResultsReport.GoesWith(words.Word(w.Label), w.Code, w.Summary))));

    static string Figure(decimal? n) => n is { } v ? ValueWords.Number(v) : "—";
}
