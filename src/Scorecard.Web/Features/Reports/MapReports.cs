using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Values;
using Scorecard.Interchange.Excel;
using Scorecard.Interchange.Reports;
using Scorecard.Interchange.Word;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Reports;

/// <summary>An Office file of a report, ready to hand over.</summary>
public sealed record ReportFile(byte[] Content, string ContentType, string FileName, string Title, int KpiCount);

/// <summary>A report asked for by kind, map and period, made from published figures (whoever may read the map may read it).</summary>
public sealed class MapReports(ScorecardDb db)
{
    const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A report as an Office file (docx; xlsx for the BSC table), for the API and the command line alike.</summary>
    public async Task<ReportFile> FileAsync(string kind, string organisation, int rocYear, string? period, string format, CancellationToken ct = default)
    {
        CheckKind(kind);
        if (kind == "bsc")
        {
            var table = await BscAsync(organisation, rocYear, ct);
            return format switch
            {
                "docx" => new(BscTableDocx.Render(table), Docx, FileName(table.Title, ".docx"), table.Title, table.KpiCount),
                "xlsx" => new(BscTableXlsx.Render(table), Xlsx, FileName(table.Title, ".xlsx"), table.Title, table.KpiCount),
                _ => throw new InvalidInputException("format", $"格式「{format}」不是 docx、xlsx 或 html。"),
            };
        }
        var report = await PolicyAsync(organisation, rocYear, period, ct);
        return format == "docx"
            ? new(PolicyReportDocx.Render(report), Docx, FileName(report.Title, ".docx"), report.Title, report.KpiCount)
            : throw new InvalidInputException("format", $"格式「{format}」不是 docx 或 html。");
    }

    /// <summary>The kinds there are so far; the others of issue 7 follow.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["policy", "bsc"];

    public async Task<PolicyReport> PolicyAsync(string organisation, int rocYear, string? period, CancellationToken ct = default)
    {
        var map = await MapAsync(organisation, rocYear, ct);
        Period p;
        try { p = string.IsNullOrWhiteSpace(period) ? PolicyReport.LatestPeriod(map) : Periods.Parse(period.Trim()); }
        catch (DomainException e) { throw new InvalidInputException("period", e.Message); }
        return PolicyReport.Build(map, p);
    }

    public async Task<BscTable> BscAsync(string organisation, int rocYear, CancellationToken ct = default) =>
        BscTable.Build(await MapAsync(organisation, rocYear, ct));

    async Task<Domain.Maps.StrategyMap> MapAsync(string organisation, int rocYear, CancellationToken ct) =>
        await MapQueries.ReadAsync(db, organisation, rocYear, ct)
        ?? throw new NotFoundException($"找不到「{organisation}」{rocYear} 年的策略地圖。");

    /// <summary>A file name staff recognise, e.g. 「臺北市政府107年1至3月施政報告.docx」.</summary>
    static string FileName(string title, string extension) => title.Replace(" ", "") + extension;

    public static void CheckKind(string kind)
    {
        if (!Kinds.Contains(kind))
            throw new NotFoundException($"沒有「{kind}」這種報表；目前提供：policy（施政報告）、bsc（平衡計分卡）。");
    }
}
