using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Values;
using Scorecard.Interchange.Reports;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Reports;

/// <summary>A report asked for by kind, map and period, made from published figures (whoever may read the map may read it).</summary>
public sealed class MapReports(ScorecardDb db)
{
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
        await ReportMaps.LoadAsync(db, organisation, rocYear, ct)
        ?? throw new NotFoundException($"找不到「{organisation}」{rocYear} 年的策略地圖。");

    /// <summary>A file name staff recognise, e.g. 「臺北市政府107年1至3月施政報告.docx」.</summary>
    public static string FileName(string title, string extension) => title.Replace(" ", "") + extension;

    public static void CheckKind(string kind)
    {
        if (!Kinds.Contains(kind))
            throw new NotFoundException($"沒有「{kind}」這種報表；目前提供：policy（施政報告）、bsc（平衡計分卡）。");
    }
}
