using Scorecard.Data;
using Scorecard.Interchange.Json;

namespace Scorecard.Web.Features.Interchange;

/// <summary>POST /api/imports and GET /api/maps/{organisation}/{rocYear}: the JSON interchange format over HTTP.</summary>
public static class InterchangeApi
{
    public static void MapInterchangeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Interchange");

        api.MapPost("/imports", ImportAsync)
            .DisableAntiforgery() // an API client has no form token; accounts will guard this later
            .WithSummary("Import one or more interchange JSON files (multipart). All or nothing.");

        api.MapGet("/maps/{organisation}/{rocYear:int}", ExportAsync)
            .WithSummary("A strategy map in the interchange format. Organisation is an id or the exact name.");
    }

    static async Task<IResult> ImportAsync(HttpRequest request, ScorecardDb db, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return Results.Problem(title: "請以 multipart/form-data 上傳 JSON 檔案。", statusCode: StatusCodes.Status400BadRequest);
        var form = await request.ReadFormAsync(ct);
        if (form.Files.Count == 0)
            return Results.Problem(title: "沒有收到任何檔案。", statusCode: StatusCodes.Status400BadRequest);
        var streams = form.Files.Select(f => (f.FileName, f.OpenReadStream())).ToList();
        try
        {
            return Results.Ok(await new MapImporter(db).ImportAsync(streams, ct));
        }
        finally
        {
            foreach (var (_, s) in streams) await s.DisposeAsync();
        }
    }

    static async Task<IResult> ExportAsync(string organisation, int rocYear, ScorecardDb db, CancellationToken ct)
    {
        var file = await MapExporter.ExportAsync(db, organisation, rocYear, ct);
        return file is null
            ? Results.Problem(title: $"找不到「{organisation}」{rocYear} 年的策略地圖。", statusCode: StatusCodes.Status404NotFound)
            : Results.Text(MapExporter.Serialize(file), "application/json; charset=utf-8");
    }
}
