using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;
using Scorecard.Interchange.Drawing;
using Scorecard.Interchange.Excel;
using Scorecard.Interchange.Reports;
using Scorecard.Interchange.Slides;
using Scorecard.Interchange.Word;
using Scorecard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Scorecard.Web.Features.Reports;

/// <summary>An Office file of a report, ready to hand over; <paramref name="Count"/> says what it holds (「303 項 KPI」).</summary>
public sealed record ReportFile(byte[] Content, string ContentType, string FileName, string Title, string Count);

/// <summary>The BSC table with the strategy map drawn, as the BSC report shows them together.</summary>
public sealed record BscReport(BscTable Table, string MapDrawing);

/// <summary>The council report: its part made from data, and the sections people wrote around it (none where no edition was started).</summary>
public sealed record CouncilDocument(CouncilReport Report, IReadOnlyList<WrittenSection>? Sections);

/// <summary>A report asked for by kind, map and period, made from published figures (whoever may read the map may read it).</summary>
public sealed class MapReports(ScorecardDb db)
{
    const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    /// <summary>The kinds of report, as the route and the command line name them, with their Chinese names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>
    {
        ["policy"] = "施政報告", ["bsc"] = "平衡計分卡", ["council"] = "議會報告", ["results"] = "成果報告",
        ["retreat"] = "首長領航共識營簡報", ["briefing"] = "策略地圖與平衡計分卡簡報",
    };

    /// <summary>A report as an Office file (docx; also xlsx for the BSC table; pptx for a deck), for the API and the command line alike.</summary>
    /// <param name="words">The document's own words in the reader's language; the seeds' Chinese where null.</param>
    /// <param name="theme">The theme a retreat deck is for (「D」); may be left out where the map has one theme.</param>
    public async Task<ReportFile> FileAsync(string kind, string organisation, int rocYear, string? period, string format, ReportWords? words = null, CancellationToken ct = default, string? theme = null)
    {
        CheckKind(kind);
        if (kind switch { "retreat" => format != "pptx", "briefing" => format is not ("pptx" or "docx"), _ => format != "docx" && !(kind == "bsc" && format == "xlsx") })
            throw new InvalidInputException("format", kind switch
            {
                "bsc" => (FormattableString)$"格式「{format}」不是 docx、xlsx 或 html。",
                "retreat" => $"格式「{format}」不是 pptx。",
                "briefing" => $"格式「{format}」不是 pptx 或 docx。",
                _ => $"格式「{format}」不是 docx 或 html。",
            });
        switch (kind)
        {
            case "briefing":
                var briefing = await BriefingAsync(organisation, rocYear, words, ct);
                return format == "pptx"
                    ? new(BriefingDeckPptx.Render(briefing, words), Pptx, FileName(briefing.Title, ".pptx", words), briefing.Title, $"{briefing.KpiCount} 項 KPI")
                    : new(BriefingDeckPptx.RenderDocx(briefing, words), Docx, FileName(briefing.Title, ".docx", words), briefing.Title, $"{briefing.KpiCount} 項 KPI");
            case "retreat":
                var deck = await RetreatAsync(organisation, rocYear, theme, words, ct);
                var deckName = $"{deck.Title}{deck.Subtitle[0]}{deck.Subtitle[^1]}";
                return new(RetreatDeckPptx.Render(deck, words), Pptx, FileName(deckName, ".pptx", words), deck.Title, $"{deck.CardCount} 項 KPI 成果");
            case "bsc":
                var bsc = await BscAsync(organisation, rocYear, words, ct);
                var table = bsc.Table;
                return format == "xlsx"
                    ? new(BscTableXlsx.Render(table, words), Xlsx, FileName(table.Title, ".xlsx", words), table.Title, $"{table.KpiCount} 項 KPI")
                    : new(BscTableDocx.Render(table, bsc.MapDrawing, words), Docx, FileName(table.Title, ".docx", words), table.Title, $"{table.KpiCount} 項 KPI");
            case "council":
                var (council, sections) = await CouncilAsync(organisation, rocYear, period, words, ct);
                return new(CouncilReportDocx.Render(council, sections, words), Docx, FileName(council.Title, ".docx", words), council.Title, $"{council.ItemCount} 項執行情形");
            case "results":
                var results = await ResultsAsync(organisation, rocYear, words, ct);
                return new(ResultsReportDocx.Render(results, words), Docx, FileName(results.Title, ".docx", words), results.Title, $"{results.CardCount} 項 KPI 成果");
            default:
                var policy = await PolicyAsync(organisation, rocYear, period, words, ct);
                return new(PolicyReportDocx.Render(policy, words), Docx, FileName(policy.Title, ".docx", words), policy.Title, $"{policy.KpiCount} 項 KPI");
        }
    }

    public async Task<PolicyReport> PolicyAsync(string organisation, int rocYear, string? period, ReportWords? words = null, CancellationToken ct = default)
    {
        var map = await MapAsync(organisation, rocYear, ct);
        return PolicyReport.Build(map, ParsePeriod(period, () => PolicyReport.LatestPeriod(map)), words);
    }

    public async Task<BscReport> BscAsync(string organisation, int rocYear, ReportWords? words = null, CancellationToken ct = default)
    {
        var map = await MapAsync(organisation, rocYear, ct);
        return new(BscTable.Build(map, words), MapDrawing.Svg(new MapScoring(map), standing: false));   // the form plans; it judges nothing
    }

    /// <summary>
    /// 議會報告 of a period (default the year): the narratives published for it, and for a period closing the year the year-end
    /// results; with the sections the organisation's planners wrote for that edition.
    /// </summary>
    public async Task<CouncilDocument> CouncilAsync(string organisation, int rocYear, string? period, ReportWords? words = null, CancellationToken ct = default)
    {
        var map = await MapAsync(organisation, rocYear, ct);
        var p = ParsePeriod(period, () => Period.Y);
        var kpis = map.Kpis.Select(k => k.Id).ToList();
        var narratives = await db.Submissions.AsNoTracking()
            .Where(s => kpis.Contains(s.KpiId) && s.Year == map.ViewYear && s.Period == p && s.State == SubmissionState.Published && s.Narrative != null)
            .ToDictionaryAsync(s => s.KpiId, ct);
        return new(CouncilReport.Build(new MapScoring(map), p, narratives, words),
            await WrittenSections.ReportEditions.SectionsAsync(db, map.OrganisationId, "council", map.ViewYear, p, ct));
    }

    /// <summary>成果報告 of the year, with each KPI's trend over the three years ending with it.</summary>
    public async Task<ResultsReport> ResultsAsync(string organisation, int rocYear, ReportWords? words = null, CancellationToken ct = default)
    {
        var map = await MapAsync(organisation, rocYear, ct);
        var report = await ResultsOfAsync(map, words, ct);
        // The leadership retreat reads the year's results with the next year's revision (seed 003).
        if (await NextAsync(map, ct) is not { } next)
            return report;
        return report with { NextRevision = ResultsRevision.Of(map, next, await MapQueries.MovedAsync(db, next, map, ct)) };
    }

    /// <summary>首長領航共識營 of one theme: the year's results and the next year's revision of that theme (seed 003).</summary>
    public async Task<RetreatDeck> RetreatAsync(string organisation, int rocYear, string? theme, ReportWords? words = null, CancellationToken ct = default)
    {
        var map = await MapAsync(organisation, rocYear, ct);
        var code = string.IsNullOrWhiteSpace(theme)
            ? map.Themes.Count == 1 ? map.Themes[0].Code : throw new InvalidInputException("theme", $"請指定策略主題（theme），例如 {Said.List(map.Themes.OrderBy(t => t.Ordinal).Select(t => (FormattableString)$"{t.Code}")) }。")
            : theme.Trim().ToUpperInvariant();
        if (map.Themes.All(t => t.Code != code))
            throw new NotFoundException($"「{organisation}」{rocYear} 年的策略地圖沒有策略主題「{code}」。");
        var report = await ResultsOfAsync(map, words, ct);
        var next = await NextAsync(map, ct);
        ResultsRevision? revision = null;
        if (next is not null && next.Themes.Any(t => t.Code == code))
        {
            var before = RetreatDeck.ThemeOnly(map, code);
            var after = RetreatDeck.ThemeOnly(next, code);
            revision = ResultsRevision.Of(before, after, await MapQueries.MovedAsync(db, next, map, ct));
        }
        return RetreatDeck.Build(report, map, code, next, revision, words);
    }

    /// <summary>A district office's briefing deck (seed 002): its map and its parent's, and per theme the 8-column table.</summary>
    public async Task<BriefingDeck> BriefingAsync(string organisation, int rocYear, ReportWords? words = null, CancellationToken ct = default)
    {
        var map = await MapAsync(organisation, rocYear, ct);
        var parentName = await db.Organisations.Where(o => o.Id == map.OrganisationId).Select(o => o.Parent == null ? null : o.Parent.Name).FirstOrDefaultAsync(ct);
        var parent = parentName is null ? null : await MapQueries.ReadAsync(db, parentName, rocYear, ct);
        return BriefingDeck.Build(map, parent, words);
    }

    async Task<ResultsReport> ResultsOfAsync(StrategyMap map, ReportWords? words, CancellationToken ct) =>
        ResultsReport.Build(new MapScoring(map), await MapQueries.LineageAsync(db, map.Kpis.Select(k => k.LineageId).ToList(), ct), words);

    /// <summary>The next plan year's published map, whole, if there is one.</summary>
    async Task<StrategyMap?> NextAsync(StrategyMap map, CancellationToken ct)
    {
        var nextId = await db.Maps.Where(m => m.OrganisationId == map.OrganisationId && m.Year == map.ViewYear + 1 && !m.IsDraft).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
        return nextId is { } id ? await MapQueries.WithEverything(db.Maps.AsNoTrackingWithIdentityResolution()).FirstAsync(m => m.Id == id, ct) : null;
    }

    static Period ParsePeriod(string? period, Func<Period> otherwise)
    {
        try { return string.IsNullOrWhiteSpace(period) ? otherwise() : Periods.Parse(period.Trim()); }
        catch (DomainException e) { throw new InvalidInputException("period", e.Text); }
    }

    async Task<StrategyMap> MapAsync(string organisation, int rocYear, CancellationToken ct) =>
        await MapQueries.ReadAsync(db, organisation, rocYear, ct)
        ?? throw new NotFoundException($"找不到「{organisation}」{rocYear} 年的策略地圖。");

    /// <summary>A file name staff recognise, e.g. 「臺北市政府107年1至3月施政報告.docx」; English keeps its spaces as 「_」.</summary>
    static string FileName(string title, string extension, ReportWords? words) =>
        (words?.InChinese is false ? title.Replace(' ', '_') : title.Replace(" ", "")) + extension;

    public static void CheckKind(string kind)
    {
        if (!Kinds.ContainsKey(kind))
            throw new NotFoundException($"沒有「{kind}」這種報表；目前提供：{Said.List(Kinds.Select(k => (FormattableString)$"{k.Key}（{k.Value}）"))}。");
    }
}
