using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Scorecard.Web.Features.Language;

using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Reports;

/// <summary>
/// GET /api/maps/{organisation}/{rocYear}/reports/{policy|bsc|council|results|retreat}?period=Q1&amp;theme=D&amp;format=docx|xlsx|pptx|html: the city's
/// documents made from published figures. Readable by anyone who may read the map.
/// </summary>
public static class ReportsApi
{
    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/maps/{organisation}/{rocYear:int}/reports/{kind}", async (string organisation, int rocYear, string kind, string? period, string? format, string? theme,
            MapReports reports, IStringLocalizer<Ui> t, CancellationToken ct) =>
        {
            var words = t.Report();   // ?lang=en or Accept-Language: the documents' headings in English
            MapReports.CheckKind(kind);
            if (format != "html")
            {
                var file = await reports.FileAsync(kind, organisation, rocYear, period, string.IsNullOrEmpty(format) ? kind is "retreat" or "briefing" ? "pptx" : "docx" : format, words, ct, theme);
                return Results.File(file.Content, file.ContentType, file.FileName);
            }
            switch (kind)
            {
                case "retreat" or "briefing":
                    throw new Scorecard.Domain.Common.InvalidInputException("format", kind == "retreat" ? (FormattableString)$"格式「{format}」不是 pptx。" : $"格式「{format}」不是 pptx 或 docx。");
                case "bsc":
                    var bsc = await reports.BscAsync(organisation, rocYear, words, ct);
                    return new RazorComponentResult<BscTableDocument>(new { bsc.Table, bsc.MapDrawing, Words = words });
                case "council":
                    var (council, sections) = await reports.CouncilAsync(organisation, rocYear, period, words, ct);
                    return new RazorComponentResult<CouncilReportDocument>(new { Report = council, Sections = sections, Words = words });
                case "results":
                    return new RazorComponentResult<ResultsReportDocument>(new { Report = await reports.ResultsAsync(organisation, rocYear, words, ct), Words = words });
                default:
                    return new RazorComponentResult<PolicyReportDocument>(new { Report = await reports.PolicyAsync(organisation, rocYear, period, words, ct), Words = words });
            }
        }).WithMetadata(new Infrastructure.Security.SecurityHeaders.InlineStyles())
          .WithTags("Reports").Problems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
          .Produces<Stream>(StatusCodes.Status200OK, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MapReports.Pptx)
          .Produces<string>(StatusCodes.Status200OK, "text/html")
          .CacheOutput(Scorecard.Web.Infrastructure.Caching.PublicAnswers.Name).WithName("getReport").WithSummary("A report document").WithDescription("The city's documents from published figures: policy (施政報告, ?period=Q1, default the latest with published figures), council (議會報告, ?period, default the year), results (成果報告) as docx or html; bsc (平衡計分卡, with the drawn map) as docx, xlsx or html; retreat (首長領航共識營, ?theme=D: the year's results and the next year's revision of a theme) as pptx; briefing (策略地圖與平衡計分卡, a district's map and per-theme table) as pptx or docx.");
    }
}
