using Microsoft.AspNetCore.Http.HttpResults;
using Scorecard.Domain.Organisations;
using Scorecard.Domain.Scoring;

using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Maps;

public static class MapsApi
{
    public static void MapMapsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/organisations", async (MapReader reader, CancellationToken ct) =>
        {
            static OrganisationBranch Shape(MapReader.OrganisationNode n) => new(
                n.Organisation.Id, n.Organisation.Name, OrganisationTree.FormatLevel(n.Organisation.Level), n.PlanYears, n.RocYears,
                n.Children.Select(Shape).ToList());
            return TypedResults.Ok((await reader.OrganisationTreeAsync(ct)).Select(Shape).ToList());
        }).WithTags("Organisations").CacheOutput(Scorecard.Web.Infrastructure.Caching.PublicAnswers.Name).WithName("listOrganisations").WithSummary("The organisation tree").WithDescription("The organisation tree with each organisation's plan years (ROC), and its years: the plan years and the later years a plan is in force for.");

        app.MapGet("/api/maps/{organisation}/{rocYear:int}/rollups", async Task<Ok<MapRollUps>> (string organisation, int rocYear, MapReader reader, CancellationToken ct) =>
        {
            var scored = await reader.ScoredMapAsync(organisation, rocYear, ct);
            if (scored is null)
                throw new NotFoundException($"找不到「{organisation}」{rocYear} 年的策略地圖。");
            var map = scored.Map;
            return TypedResults.Ok(new MapRollUps(
                map.Organisation.Name, map.ViewRocYear, map.RocYear, Shape(scored.OrganisationRollUp),
                map.Themes.OrderBy(t => t.Ordinal).Select(t => new NamedRollUp(t.Code, t.Name, Shape(scored.ForTheme(t)))).ToList(),
                map.Objectives.OrderBy(o => o.Ordinal).Select(o => new NamedRollUp(o.Code, o.Name, Shape(scored.ForObjective(o)))).ToList()));
        }).WithTags("Scoring").Problems(StatusCodes.Status404NotFound).CacheOutput(Scorecard.Web.Infrastructure.Caching.PublicAnswers.Name).WithName("getMapRollUps").WithSummary("A map's roll-ups").WithDescription("Roll-ups of KPI standing per organisation, theme and objective for a map's year.");

        app.MapGet("/api/maps/{organisation}/{rocYear:int}/map.svg", async Task<ContentHttpResult> (string organisation, int rocYear, MapReader reader, CancellationToken ct) =>
        {
            var scored = await reader.ScoredMapAsync(organisation, rocYear, ct);
            return scored is null
                ? throw new NotFoundException($"找不到「{organisation}」{rocYear} 年的策略地圖。")
                : TypedResults.Text(Scorecard.Interchange.Drawing.MapDrawing.Svg(scored), "image/svg+xml; charset=utf-8");
        }).Produces<string>(StatusCodes.Status200OK, "image/svg+xml").WithTags("Maps").Problems(StatusCodes.Status404NotFound).CacheOutput(Scorecard.Web.Infrastructure.Caching.PublicAnswers.Name).WithName("drawMap").WithSummary("The strategy map as SVG").WithDescription("The strategy map drawn: themes as columns, perspectives as rows, objectives with their roll-up, links as arrows (SVG, A3 landscape).");

        app.MapGet("/api/rollups/{rocYear:int}", async Task<Ok<CityRollUps>> (int rocYear, MapReader reader, CancellationToken ct) =>
        {
            var year = (await reader.CityRollUpsAsync(rocYear, ct)).SingleOrDefault();
            return year is null
                ? throw new NotFoundException($"{rocYear} 年沒有任何策略地圖。")
                : TypedResults.Ok(new CityRollUps(year.RocYear, Shape(year.City),
                    year.Organisations.Select(o => new OrganisationRollUp(o.Organisation, Shape(o.RollUp))).ToList()));
        }).WithTags("Scoring").Problems(StatusCodes.Status404NotFound).CacheOutput(Scorecard.Web.Infrastructure.Caching.PublicAnswers.Name).WithName("getCityRollUps").WithSummary("The city's roll-up of a year").WithDescription("The whole city's roll-up for a year, and each organisation's, from each organisation's map in force for the year.");
    }

    /// <summary>A roll-up as every read route gives it.</summary>
    internal static RollUpCounts Shape(RollUp r) =>
        new(r.Achieved, r.NotAchieved, r.InProgress, r.NoData, r.NotApplicable, r.MeanAchievement, r.Band, r.Text, r.ProjectedMiss);
}

/// <summary>How many KPIs stand where, with their mean achievement (%), a colour band (good, mixed, poor, none) and the same in words;
/// projectedMiss: of those in progress, how many are projected to miss the year's target (預估未達標).</summary>
public sealed record RollUpCounts(int Achieved, int NotAchieved, int InProgress, int NoData, int NotApplicable, decimal? MeanAchievement, string Band, string Text, int ProjectedMiss);

/// <summary>An organisation with its plan years (ROC), every year a plan of it is in force, and its children.</summary>
public sealed record OrganisationBranch(Guid Id, string Name, string Level, IReadOnlyList<int> PlanYears, IReadOnlyList<int> Years, IReadOnlyList<OrganisationBranch> Children);

public sealed record NamedRollUp(string Code, string Name, RollUpCounts RollUp);

public sealed record MapRollUps(string Organisation, int Year, int PlanYear, RollUpCounts Total, IReadOnlyList<NamedRollUp> Themes, IReadOnlyList<NamedRollUp> Objectives);

public sealed record OrganisationRollUp(string Name, RollUpCounts RollUp);

public sealed record CityRollUps(int Year, RollUpCounts City, IReadOnlyList<OrganisationRollUp> Organisations);
