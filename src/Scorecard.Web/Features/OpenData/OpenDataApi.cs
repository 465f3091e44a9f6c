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
        var group = app.MapGroup("/api/open-data").WithTags("Open data");
        group.MapGet("/{rocYear:int}.{format}", async (int rocYear, string format, OpenDataRows rows, CancellationToken ct) =>
            Answer(await rows.ForYearAsync(rocYear, null, ct), format, $"scorecard-{rocYear}"))
            .WithSummary("Every organisation's published KPI figures for a year (ROC), from the map in force: .csv (UTF-8 with BOM) or .json.");
        group.MapGet("/{rocYear:int}/{organisation}.{format}", async (int rocYear, string organisation, string format, OpenDataRows rows, CancellationToken ct) =>
        {
            var found = await rows.ForYearAsync(rocYear, organisation, ct);
            return found.Count == 0
                ? throw new NotFoundException($"「{organisation}」{rocYear} 年沒有已發布的數值。")
                : Answer(found, format, $"scorecard-{rocYear}-{organisation}");
        }).WithSummary("One organisation's published KPI figures for a year (ROC): .csv or .json.");
    }

    static IResult Answer(IReadOnlyList<OpenDataRow> rows, string format, string name) => format switch
    {
        "csv" => Results.File(OpenDataRows.Csv(rows), "text/csv; charset=utf-8", $"{name}.csv"),
        "json" => Results.Json(rows.Select(r => new
        {
            year = r.Year, organisation = r.Organisation, planYear = r.PlanYear, theme = r.Theme, objective = r.Objective, perspective = r.Perspective,
            code = r.Code, name = r.Name, unit = r.Unit, direction = r.Direction, period = r.Period,
            target = r.Target, actual = r.Actual, status = r.Status, achievement = r.Achievement, verdict = r.Verdict, rule = r.Rule,
        })),
        _ => throw new NotFoundException($"開放資料格式「{format}」不存在：請用 .csv 或 .json。"),
    };
}
