using Microsoft.AspNetCore.Http.HttpResults;
using Scorecard.Domain.Common;
using Scorecard.Interchange.Excel;
using Scorecard.Interchange.Word;

namespace Scorecard.Web.Features.Reports;

/// <summary>
/// GET /api/maps/{organisation}/{rocYear}/reports/{kind}?period=Q1&amp;format=docx|xlsx|html: the city's
/// documents made from published figures. Readable by anyone who may read the map.
/// </summary>
public static class ReportsApi
{
    const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/maps/{organisation}/{rocYear:int}/reports/{kind}", async (string organisation, int rocYear, string kind, string? period, string? format,
            MapReports reports, CancellationToken ct) =>
        {
            MapReports.CheckKind(kind);
            format = string.IsNullOrEmpty(format) ? "docx" : format;
            if (kind == "bsc")
            {
                var table = await reports.BscAsync(organisation, rocYear, ct);
                return format switch
                {
                    "docx" => Results.File(BscTableDocx.Render(table), Docx, MapReports.FileName(table.Title, ".docx")),
                    "xlsx" => Results.File(BscTableXlsx.Render(table), Xlsx, MapReports.FileName(table.Title, ".xlsx")),
                    "html" => new RazorComponentResult<BscTableDocument>(new { Table = table }),
                    _ => throw new InvalidInputException("format", $"格式「{format}」不是 docx、xlsx 或 html。"),
                };
            }
            var report = await reports.PolicyAsync(organisation, rocYear, period, ct);
            return format switch
            {
                "docx" => Results.File(PolicyReportDocx.Render(report), Docx, MapReports.FileName(report.Title, ".docx")),
                "html" => new RazorComponentResult<PolicyReportDocument>(new { Report = report }),
                _ => throw new InvalidInputException("format", $"格式「{format}」不是 docx 或 html。"),
            };
        }).WithTags("Reports")
          .WithSummary("The city's documents from published figures: policy (施政報告, ?period=Q1, default the latest with published figures) as docx or html; bsc (平衡計分卡) as docx, xlsx or html.");
    }
}
