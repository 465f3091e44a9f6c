using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;
using Scorecard.Interchange.Drawing;
using Scorecard.Interchange.Excel;
using Scorecard.Interchange.Reports;
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

    /// <summary>The kinds of report, as the route and the command line name them, with their Chinese names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>
    {
        ["policy"] = "施政報告", ["bsc"] = "平衡計分卡", ["council"] = "議會報告", ["results"] = "成果報告",
    };

    /// <summary>A report as an Office file (docx; also xlsx for the BSC table), for the API and the command line alike.</summary>
    /// <param name="words">The document's own words in the reader's language; the seeds' Chinese where null.</param>
    public async Task<ReportFile> FileAsync(string kind, string organisation, int rocYear, string? period, string format, ReportWords? words = null, CancellationToken ct = default)
    {
        CheckKind(kind);
        if (format != "docx" && !(kind == "bsc" && format == "xlsx"))
            throw new InvalidInputException("format", kind == "bsc" ? (FormattableString)$"格式「{format}」不是 docx、xlsx 或 html。" : $"格式「{format}」不是 docx 或 html。");
        switch (kind)
        {
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
        var report = ResultsReport.Build(new MapScoring(map), await MapQueries.LineageAsync(db, map.Kpis.Select(k => k.LineageId).ToList(), ct), words);
        // The leadership retreat reads the year's results with the next year's revision (seed 003).
        var nextId = await db.Maps.Where(m => m.OrganisationId == map.OrganisationId && m.Year == map.ViewYear + 1 && !m.IsDraft).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
        if (nextId is not { } id)
            return report;
        var next = await MapQueries.WithEverything(db.Maps.AsNoTrackingWithIdentityResolution()).FirstAsync(m => m.Id == id, ct);
        return report with { NextRevision = ResultsRevision.Of(map, next, await MapQueries.MovedAsync(db, next, map, ct)) };
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
