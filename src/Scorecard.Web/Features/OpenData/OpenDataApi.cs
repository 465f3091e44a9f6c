using System.Text;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.OpenData;

/// <summary>
/// 開放資料 at stable addresses, for anyone, signed in or not: a year's published figures of every
/// organisation, or of one, as CSV (UTF-8 with BOM) or JSON. The fields are described on /open-data.
/// </summary>
public static class OpenDataApi
{
    public static void MapOpenDataApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/open-data").WithTags("Open data").Problems(StatusCodes.Status404NotFound);
        group.MapGet("/{rocYear:int}.{format}", async (int rocYear, string format, OpenDataRows rows, CancellationToken ct) =>
            Answer(await rows.ForYearAsync(rocYear, null, ct), format, $"scorecard-{rocYear}"))
            .Produces<IReadOnlyList<OpenDataRow>>(StatusCodes.Status200OK, "application/json").Produces<Stream>(StatusCodes.Status200OK, "text/csv")
            .CacheOutput(Scorecard.Web.Infrastructure.Caching.PublicAnswers.Name).WithName("getOpenData").WithSummary("Open data of a year").WithDescription("Every organisation's published KPI figures for a year (ROC), from the map in force: .csv (UTF-8 with BOM) or .json.");
        group.MapGet("/{rocYear:int}/{organisation}.{format}", async (int rocYear, string organisation, string format, OpenDataRows rows, CancellationToken ct) =>
        {
            var found = await rows.ForYearAsync(rocYear, organisation, ct);
            return found.Count == 0
                ? throw new NotFoundException($"「{organisation}」{rocYear} 年沒有已發布的數值。")
                : Answer(found, format, $"scorecard-{rocYear}-{organisation}");
        }).Produces<IReadOnlyList<OpenDataRow>>(StatusCodes.Status200OK, "application/json").Produces<Stream>(StatusCodes.Status200OK, "text/csv")
          .CacheOutput(Scorecard.Web.Infrastructure.Caching.PublicAnswers.Name).WithName("getOrganisationOpenData").WithSummary("Open data of an organisation").WithDescription("One organisation's published KPI figures for a year (ROC): .csv or .json.");
    }

    static IResult Answer(IReadOnlyList<OpenDataRow> rows, string format, string name) => format switch
    {
        "csv" => TypedResults.File(OpenDataRows.Csv(rows), "text/csv; charset=utf-8", $"{name}.csv"),
        "json" => TypedResults.Json(rows),
        _ => throw new NotFoundException($"開放資料格式「{format}」不存在：請用 .csv 或 .json。"),
    };
}
