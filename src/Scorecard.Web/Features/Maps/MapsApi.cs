using Scorecard.Domain.Organisations;
using Scorecard.Domain.Scoring;

namespace Scorecard.Web.Features.Maps;

public static class MapsApi
{
    public static void MapMapsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/organisations", async (MapReader reader, CancellationToken ct) =>
        {
            static object Shape(MapReader.OrganisationNode n) => new
            {
                id = n.Organisation.Id,
                name = n.Organisation.Name,
                level = OrganisationTree.FormatLevel(n.Organisation.Level),
                planYears = n.PlanYears,
                years = n.RocYears,
                children = n.Children.Select(Shape),
            };
            return Results.Ok((await reader.OrganisationTreeAsync(ct)).Select(Shape));
        }).WithTags("Organisations").WithSummary("The organisation tree with each organisation's plan years (ROC), and its years: the plan years and the later years a plan is in force for.");

        app.MapGet("/api/maps/{organisation}/{rocYear:int}/rollups", async (string organisation, int rocYear, MapReader reader, CancellationToken ct) =>
        {
            var scored = await reader.ScoredMapAsync(organisation, rocYear, ct);
            if (scored is null)
                return Results.Problem(title: $"找不到「{organisation}」{rocYear} 年的策略地圖。", statusCode: StatusCodes.Status404NotFound);
            var map = scored.Map;
            return Results.Ok(new
            {
                organisation = map.Organisation.Name,
                year = map.ViewRocYear,
                planYear = map.RocYear,
                total = Shape(scored.OrganisationRollUp),
                themes = map.Themes.OrderBy(t => t.Ordinal).Select(t => new { code = t.Code, name = t.Name, rollUp = Shape(scored.ForTheme(t)) }),
                objectives = map.Objectives.OrderBy(o => o.Ordinal).Select(o => new { code = o.Code, name = o.Name, rollUp = Shape(scored.ForObjective(o)) }),
            });
        }).WithTags("Scoring").WithSummary("Roll-ups of KPI standing per organisation, theme and objective for a map's year.");

        app.MapGet("/api/maps/{organisation}/{rocYear:int}/map.svg", async (string organisation, int rocYear, MapReader reader, CancellationToken ct) =>
        {
            var scored = await reader.ScoredMapAsync(organisation, rocYear, ct);
            return scored is null
                ? Results.Problem(title: $"找不到「{organisation}」{rocYear} 年的策略地圖。", statusCode: StatusCodes.Status404NotFound)
                : Results.Text(Scorecard.Interchange.Drawing.MapDrawing.Svg(scored), "image/svg+xml; charset=utf-8");
        }).WithTags("Maps").WithSummary("The strategy map drawn: themes as columns, perspectives as rows, objectives with their roll-up, links as arrows (SVG, A3 landscape).");

        app.MapGet("/api/rollups/{rocYear:int}", async (int rocYear, MapReader reader, CancellationToken ct) =>
        {
            var year = (await reader.CityRollUpsAsync(rocYear, ct)).SingleOrDefault();
            return year is null
                ? Results.Problem(title: $"{rocYear} 年沒有任何策略地圖。", statusCode: StatusCodes.Status404NotFound)
                : Results.Ok(new
                {
                    year = year.RocYear,
                    city = Shape(year.City),
                    organisations = year.Organisations.Select(o => new { name = o.Organisation, rollUp = Shape(o.RollUp) }),
                });
        }).WithTags("Scoring").WithSummary("The whole city's roll-up for a year, and each organisation's, from each organisation's map in force for the year.");
    }

    /// <summary>A roll-up as every read route gives it.</summary>
    internal static object Shape(RollUp r) => new
    {
        achieved = r.Achieved,
        notAchieved = r.NotAchieved,
        inProgress = r.InProgress,
        noData = r.NoData,
        notApplicable = r.NotApplicable,
        meanAchievement = r.MeanAchievement,
        band = r.Band,
        text = r.Text,
    };
}
