using Microsoft.AspNetCore.Http.HttpResults;

namespace Scorecard.Web.Features.Reports;

/// <summary>
/// GET /api/maps/{organisation}/{rocYear}/reports/{kind}?period=Q1&amp;format=docx|html: the city's
/// documents made from published figures. Readable by anyone who may read the map.
/// </summary>
public static class ReportsApi
{
    const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/maps/{organisation}/{rocYear:int}/reports/{kind}", async (string organisation, int rocYear, string kind, string? period, string? format,
            MapReports reports, CancellationToken ct) =>
        {
            MapReports.CheckKind(kind);
            var report = await reports.PolicyAsync(organisation, rocYear, period, ct);
            return format switch
            {
                null or "" or "docx" => Results.File(MapReports.Docx(report), Docx, MapReports.FileName(report, ".docx")),
                "html" => new RazorComponentResult<PolicyReportDocument>(new { Report = report }),
                _ => throw new Scorecard.Domain.Common.InvalidInputException("format", $"格式「{format}」不是 docx 或 html。"),
            };
        }).WithTags("Reports")
          .WithSummary("施政報告 (policy) for a map and period (?period=Q1; default the latest with published figures) as Word (format=docx) or printable HTML (format=html).");
    }
}
