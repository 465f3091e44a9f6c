using Scorecard.Domain.Values;
using Scorecard.Interchange.Reports;
using Scorecard.Interchange.Word;

namespace Scorecard.Interchange.Slides;

/// <summary>
/// 首長領航共識營 (seed 003) as PowerPoint, in the seed's order: cover; 第一部份 with the city map (the theme
/// highlighted), the theme's map, its KPIs with their marks and the counts, a slide per KPI card with its chart, the
/// explanation of each missed KPI; 第二部份 with the next year's city map, the count table, the changes with their
/// reasons, the key success factors, and per objective its three years of targets and the monthly key work.
/// </summary>
public static class RetreatDeckPptx
{
    const double Left = 0.9, Top = 2.8, Bottom = 18.4, Full = SlideWriter.Width - 2 * Left;

    public static byte[] Render(RetreatDeck deck, ReportWords? words = null)
    {
        words ??= ReportWords.Chinese;
        var w = new SlideWriter();
        w.Cover(deck.Title, deck.Subtitle);
        w.Cover(words.Say(RetreatDeck.PartOne), [words.Say(RetreatDeck.PartOneTitle(deck.RocYear, deck.ThemeCode))]);
        MapSlides.Grid(w, deck.Grid, deck.ThemeCode);
        MapSlides.ThemeMap(w, deck.ThemeMap);
        KpiLists(w, deck, words);
        Counts(w, deck, words);
        foreach (var card in deck.Cards)
            Card(w, deck, card, words);
        foreach (var card in deck.Cards.Where(c => c.Card.Missed))
            Missed(w, card, words);
        if (deck.WithoutResults.Count > 0)
            w.Slide(words.Say(ResultsReport.WithoutResultsHeading)).Text(Left, Top, Full, Bottom - Top, deck.WithoutResults, 16);

        if (deck.NextRocYear is { } next)
        {
            w.Cover(words.Say(RetreatDeck.PartTwo), [words.Say(RetreatDeck.PartTwoTitle(next, deck.ThemeCode))]);
            if (deck.NextGrid is { } grid)
                MapSlides.Grid(w, grid, deck.ThemeCode);
            if (deck.Revision is { } revision)
                Revision(w, deck, revision, words);
            Ksf(w, deck, words);
            foreach (var plan in deck.Plans)
                Plan(w, plan, next, words);
        }
        w.Cover(words.Say(RetreatDeck.End), []);
        return w.ToBytes(deck.Title);
    }

    static void KpiLists(SlideWriter w, RetreatDeck deck, ReportWords words)
    {
        foreach (var (perspective, kpis) in deck.KpiLists)
            foreach (var (page, part) in Pages(kpis, 14))
                w.Slide(words.Say(RetreatDeck.KpiListTitle(perspective, kpis.Count)) + Part(page, part))
                    .Text(Left, Top, Full, Bottom - Top, page.Select(k => $"{k.Code} {k.Name} ({k.Mark})").ToList(), 20);
    }

    /// <summary>「8 項 策略目標」 by perspective and 「18項 關鍵績效指標（KPI）」, with the year's verdict.</summary>
    static void Counts(SlideWriter w, RetreatDeck deck, ReportWords words)
    {
        var objectives = deck.ObjectivesWithResults.Sum(o => o.Objectives.Count);
        var slide = w.Slide(words.Say(RetreatDeck.PartOneTitle(deck.RocYear, deck.ThemeCode)));
        slide.Text(Left, Top, 14, 1.6, [words.Say(RetreatDeck.ObjectiveCount(objectives))], 28, bold: true, colour: SlideWriter.Navy);
        var x = Left;
        var width = Math.Min(10, 15.5 / Math.Max(1, deck.ObjectivesWithResults.Count));
        foreach (var (perspective, list) in deck.ObjectivesWithResults)
        {
            slide.Text(x, Top + 2, width - 0.3, 1.2, [words.Say(RetreatDeck.PerspectiveObjectives(perspective, list.Count))], 16, bold: true, fill: SlideWriter.Pale, centred: true);
            slide.Text(x, Top + 3.4, width - 0.3, 9, list, 16);
            x += width;
        }
        slide.Text(17.5, Top, Full - 16.6, 1.6, [words.Say(RetreatDeck.KpiCountLine(deck.KpiCount))], 28, bold: true, colour: SlideWriter.Navy);
        slide.Text(17.5, Top + 2, Full - 16.6, 10, deck.KpiLists.Select(l => words.Say(RetreatDeck.KpiListTitle(l.Perspective, l.Kpis.Count))).ToList(), 18);
        slide.Text(Left, Bottom - 2.2, Full, 2, [deck.Verdict], 18, bold: true, colour: SlideWriter.Red);
    }

    static void Card(SlideWriter w, RetreatDeck deck, RetreatCard c, ReportWords words)
    {
        var card = c.Card;
        var slide = w.Slide(card.Heading);
        var about = new[] { c.ObjectiveHeading, card.Owners.Length == 0 ? null : words.Say(ResultsReport.OwnersLine(card.Owners)), c.Negative ? words.Say(RetreatDeck.Negative) : null }.OfType<string>();
        slide.Text(Left, 2.4, Full, 1, [string.Join("／", about)], 16, colour: SlideWriter.Grey);
        IReadOnlyList<string> achievement = c.AchievementAsPrinted is null ? [card.Achievement] : [card.Achievement, words.Say(RetreatDeck.AsPrinted(c.AchievementAsPrinted))];
        slide.Table(Left, 3.5, Full, [.. ResultsReport.ScoreColumns.Select(h => (SlideCell)words.Say(h))],
            [[c.Target, c.Actual, new SlideCell(achievement), card.Innovation, card.Challenge, card.Contribution, card.Total, new SlideCell([card.Light], Bold: true)]],
            [14, 14, 14, 10, 10, 10, 12, 12], 16);
        var y = 6.6;
        var hasTrend = card.Trend.Any(p => p.Target is not null || p.Actual is not null);
        var textWidth = hasTrend ? 15.2 : Full;
        if (hasTrend)
        {
            var chart = words.Chart;
            var rows = card.Trend.Select(p => (IReadOnlyList<SlideCell>)[chart.Year(p.RocYear), Figure(p.Target), Figure(p.Actual)]).ToList();
            slide.Table(Left, y, 7.5, [chart.YearHeading, chart.Target, chart.Actual], rows, [10, 10, 10], 14);
            slide.Chart(16.6, y - 0.2, Full - 15.7, 10.2, words.Say(card.TrendTitle), card.Trend.Select(p => chart.Axis(p.RocYear)).ToList(),
                [(chart.Target, card.Trend.Select(p => p.Target).ToList()), (chart.Actual, card.Trend.Select(p => p.Actual).ToList())]);
            y += SlideBuilder.TableHeight([""], rows, 7.5, [10, 10, 10], 14) + 0.4;
        }
        var lines = card.Narratives.Select(n => n.Label + words.Colon + n.Text).ToList();
        if (card.Warning is not null) lines.Add($"※{card.Warning}");
        if (lines.Count > 0)
            slide.Text(Left, y, textWidth, Bottom - 1.2 - y, lines, 16);
        slide.Text(Left, Bottom - 1.1, Full, 1.1, [deck.RatingRule], 10, colour: SlideWriter.Grey);
    }

    /// <summary>未達目標值KPI之補充說明: the KPI, its target and actual, its 狀況分析 and 對策 verbatim.</summary>
    static void Missed(SlideWriter w, RetreatCard c, ReportWords words)
    {
        var card = c.Card;
        var slide = w.Slide(words.Say(ResultsReport.MissedHeading));
        slide.Text(Left, 2.4, Full - 12, 1.2, [$"{card.Code}{card.Name}{(c.Negative ? words.Say(RetreatDeck.Negative) : "")}"], 20, bold: true, colour: SlideWriter.Navy);
        slide.Text(Full - 10.6, 2.4, 11.5, 1.2, [$"{words.Say(ResultsReport.ScoreColumns[0])} {c.Target}　{words.Say(RetreatDeck.Actual)} {c.Actual}"], 18, bold: true, fill: SlideWriter.Pale, centred: true);
        var half = (Full - 0.6) / 2;
        slide.Text(Left, 4.0, half, 1, [words.Say(ResultsReport.SituationAnalysis)], 18, bold: true, fill: SlideWriter.Navy, colour: "FFFFFF", centred: true);
        slide.Text(Left, 5.1, half, Bottom - 5.1, card.SituationAnalysis.Count > 0 ? card.SituationAnalysis : ["—"], 16, outline: SlideWriter.Navy);
        slide.Text(Left + half + 0.6, 4.0, half, 1, [words.Say(ResultsReport.Countermeasures)], 18, bold: true, fill: SlideWriter.Navy, colour: "FFFFFF", centred: true);
        slide.Text(Left + half + 0.6, 5.1, half, Bottom - 5.1, card.Countermeasures.Count > 0 ? card.Countermeasures : ["—"], 16, outline: SlideWriter.Navy);
    }

    static void Revision(SlideWriter w, RetreatDeck deck, ResultsRevision r, ReportWords words)
    {
        var slide = w.Slide(words.Say(RetreatDeck.CountTitle(r.RocYear, deck.ThemeName, deck.ThemeCode)));
        var rows = r.Counts.Select(c => (IReadOnlyList<SlideCell>)
        [
            new SlideCell([words.Word(Domain.Revisions.RevisionDiff.PerspectiveLabel(c.Perspective))], c.Perspective == "total" ? SlideWriter.Pale : null, Bold: true),
            Before(c.Objectives, words), After(r, c.Perspective, "objectives", c.Objectives, words),
            Before(c.Kpis, words), After(r, c.Perspective, "kpis", c.Kpis, words),
            Before(c.ActionPlans, words), After(r, c.Perspective, "actionPlans", c.ActionPlans, words),
        ]).ToList();
        SlideCell[] heads = [.. ResultsReport.CountColumns.Select(h => (SlideCell)words.Say(h))];
        double[] widths = [16, 10, 14, 10, 14, 10, 14];
        slide.Table(Left, Top, Full, heads, rows, widths, 15);
        var notes = r.Reading.Notes.Select(n => $"※{words.Say(n)}").Prepend(words.Say(ResultsReport.CountNote)).ToList();
        var below = Top + SlideBuilder.TableHeight(heads, rows, Full, widths, 15) + 0.4;
        slide.Text(Left, below, Full, Bottom - below, notes, 14, colour: SlideWriter.Grey);

        var changes = r.Changes.Select(c => (IReadOnlyList<SlideCell>)
        [
            new SlideCell([words.Word(c.Label), .. Marks(c, words)]), c.Code, c.Before ?? "", c.After ?? "", c.Reason ?? words.Say(ResultsReport.NoReason),
        ]).ToList();
        if (changes.Count == 0)
        {
            w.Slide(words.Say(RetreatDeck.ChangesTitle(r.RocYear, deck.ThemeName, deck.ThemeCode))).Text(Left, Top, Full, 2, [words.Say(ResultsReport.NoChanges)], 18);
            return;
        }
        double[] changeWidths = [12, 9, 20, 20, 39];
        foreach (var (page, part) in Fitting(changes, Full, changeWidths, 13))
            w.Slide(words.Say(RetreatDeck.ChangesTitle(r.RocYear, deck.ThemeName, deck.ThemeCode)) + Part(page, part))
                .Table(Left, Top, Full, [.. ResultsReport.ChangeColumns.Select(h => (SlideCell)words.Say(h))], page, changeWidths, 13);
    }

    static void Ksf(SlideWriter w, RetreatDeck deck, ReportWords words)
    {
        if (deck.Plans.Count == 0) return;
        var rows = deck.Plans.Select(p => (IReadOnlyList<SlideCell>)[p.Objective, p.KeySuccessFactor ?? "—", new SlideCell(p.Kpis)]).ToList();
        double[] widths = [22, 34, 44];
        foreach (var (page, part) in Fitting(rows, Full, widths, 13))
            w.Slide(words.Say(RetreatDeck.KsfTitle) + Part(page, part))
                .Table(Left, Top, Full, [.. RetreatDeck.KsfColumns.Select(h => (SlideCell)words.Say(h))], page, widths, 13);
    }

    /// <summary>An objective's three years of targets and its key work by month, as the seed's slide per objective.</summary>
    static void Plan(SlideWriter w, ObjectivePlan plan, int year, ReportWords words)
    {
        var title = $"{plan.Objective} {plan.Perspective}構面";
        SlideCell[] targetHeads = [words.Say(RetreatDeck.KpiColumn), .. Enumerable.Range(year, 3).Select(y => (SlideCell)words.Say(RetreatDeck.TargetsColumn(y))), words.Say(RetreatDeck.OwnersColumn)];
        var targets = plan.Targets.Select(t => (IReadOnlyList<SlideCell>)[t.Kpi, .. t.Targets.Select(x => (SlideCell)x), t.Owners]).ToList();
        double[] targetWidths = [40, 13, 13, 13, 21];
        var slide = w.Slide(title);
        slide.Table(Left, Top, Full, targetHeads, targets, targetWidths, 16);
        var y = Top + SlideBuilder.TableHeight(targetHeads, targets, Full, targetWidths, 16) + 0.6;
        if (plan.Tasks.Count == 0) return;

        SlideCell[] taskHeads = [words.Say(RetreatDeck.TasksColumn(year)), .. Enumerable.Range(1, 12).Select(m => (SlideCell)words.Say(RetreatDeck.Month(m)))];
        var taskRows = new List<IReadOnlyList<SlideCell>>();
        foreach (var group in plan.Tasks.GroupBy(t => t.Plan))
        {
            taskRows.Add([new SlideCell([group.Key], SlideWriter.Pale, Bold: true), .. Enumerable.Range(1, 12).Select(_ => new SlideCell([""], SlideWriter.Pale))]);
            foreach (var task in group)
                taskRows.Add([task.Name, .. Enumerable.Range(1, 12).Select(m => task.Months?.Contains(m) == true ? new SlideCell([""], SlideWriter.Navy) : new SlideCell([""]))]);
        }
        double[] taskWidths = [40, .. Enumerable.Repeat(5.0, 12)];
        var unknown = plan.Tasks.Any(t => t.Months is null);
        var room = Bottom - (unknown ? 1.0 : 0) - y;
        if (SlideBuilder.TableHeight(taskHeads, taskRows, Full, taskWidths, 12) > room)
        {
            y = Top;
            room = Bottom - (unknown ? 1.0 : 0) - y;
            slide = null;
        }
        foreach (var (page, part) in Fitting(taskRows, Full, taskWidths, 12, room))
        {
            slide ??= w.Slide(title + Part(page, part));
            slide.Table(Left, y, Full, taskHeads, page, taskWidths, 12);
            if (unknown)
                slide.Text(Left, Bottom - 1.0, Full, 1.0, [words.Say(RetreatDeck.MonthsUnknown)], 12, colour: SlideWriter.Grey);
            slide = null;
            y = Top;
        }
    }

    /// <summary>The before-count: unknown said as such, and the document's own where it stands in for an incomplete version.</summary>
    /// <summary>The before-count; where it is the document's (the earlier version incomplete) the note under the table says so once, not each cell.</summary>
    static SlideCell Before(Domain.Revisions.CountPair pair, ReportWords words) =>
        new(pair.Before is not { } n ? [words.Say(ResultsReport.Unknown)] : [$"{n}"]);

    /// <summary>The computed after-count; the document's own beside it only where the two differ, flagged, as a slide has no room for agreement.</summary>
    static SlideCell After(ResultsRevision r, string perspective, string what, Domain.Revisions.CountPair pair, ReportWords words)
    {
        var printed = r.Printed.FirstOrDefault(p => p.Perspective == perspective && p.What == what);
        var count = pair.Printed ?? words.Say(ResultsReport.Unknown);
        return printed is { Disagrees: true } ? new([count, printed.Words], SlideWriter.Highlight) : new([count]);
    }

    static IEnumerable<string> Marks(Domain.Revisions.ReasonedChange c, ReportWords words) =>
        (c.ByDocument ? [words.Say(ResultsReport.StatedByDocument)] : Array.Empty<string>())
            .Concat(c.GoesWith.Select(g => words.Say(ResultsReport.GoesWith(words.Word(g.Label), g.Code, g.Summary))));

    static string Figure(decimal? n) => n is { } v ? ValueWords.Number(v) : "—";

    /// <summary>「--1/2」 after a title whose table goes on over several slides, as the seed marks them.</summary>
    internal static string Part(object page, (int Index, int Of) part) => part.Of <= 1 ? "" : $"--{part.Index}/{part.Of}";

    internal static IEnumerable<(IReadOnlyList<T> Page, (int Index, int Of) Part)> Pages<T>(IReadOnlyList<T> items, int size)
    {
        var pages = items.Chunk(size).ToList();
        for (var i = 0; i < pages.Count; i++)
            yield return (pages[i], (i + 1, pages.Count));
    }

    /// <summary>Rows split into slides so that each slide's table fits the room under its title.</summary>
    internal static IEnumerable<(IReadOnlyList<IReadOnlyList<SlideCell>> Page, (int Index, int Of) Part)> Fitting(
        IReadOnlyList<IReadOnlyList<SlideCell>> rows, double width, IReadOnlyList<double> widths, int points, double room = Bottom - Top)
    {
        var pages = new List<List<IReadOnlyList<SlideCell>>> { new() };
        foreach (var row in rows)
        {
            var page = pages[^1];
            if (page.Count > 0 && SlideBuilder.TableHeight([""], [.. page, row], width, widths, points) > room)
                pages.Add(page = []);
            page.Add(row);
        }
        for (var i = 0; i < pages.Count; i++)
            yield return (pages[i], (i + 1, pages.Count));
    }
}
