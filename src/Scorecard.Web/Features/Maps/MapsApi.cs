using Scorecard.Domain.Organisations;

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
                planYears = n.RocYears,
                children = n.Children.Select(Shape),
            };
            return Results.Ok((await reader.OrganisationTreeAsync(ct)).Select(Shape));
        }).WithTags("Organisations").WithSummary("The organisation tree with each organisation's plan years (ROC).");
    }
}
