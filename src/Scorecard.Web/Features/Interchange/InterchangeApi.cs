using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Periods;
using Scorecard.Interchange.Json;
using Scorecard.Web.Features.Accounts;

namespace Scorecard.Web.Features.Interchange;

/// <summary>POST /api/imports and GET /api/maps/{organisation}/{rocYear}: the JSON interchange format over HTTP.</summary>
public static class InterchangeApi
{
    public static void MapInterchangeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Interchange");

        api.MapPost("/imports", ImportAsync)
            .RequireAuthorization()
            .DisableAntiforgery() // an API client sends a bearer token, not a form token
            .WithSummary("Import interchange JSON files and BSC workbooks (.xlsx) (multipart). All or nothing. Form fields: organisation and planYear for a workbook that does not state them; dryRun=true to report what would be created, changed and left alone without writing. Needs the planner role for each map's organisation.");

        api.MapGet("/maps/{organisation}/{rocYear:int}", ExportAsync)
            .WithSummary("A strategy map in the interchange format. Organisation is an id or the exact name. Signed out: published figures only; signed in with read rights: also drafts and submissions, each value with its state.");
    }

    static async Task<IResult> ImportAsync(HttpRequest request, ImportFiles import, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return Results.Problem(title: "請以 multipart/form-data 上傳 JSON 檔案。", statusCode: StatusCodes.Status400BadRequest);
        var form = await request.ReadFormAsync(ct);
        var options = ImportOptions.Parse(form["organisation"], form["planYear"], dryRun: form["dryRun"].ToString() is "true" or "1" or "on");
        var files = form.Files.Select(f => (f.FileName, (Func<Stream>)f.OpenReadStream)).ToList();
        return Results.Ok(await import.RunAsync(files, options, ct));
    }

    static async Task<IResult> ExportAsync(string organisation, int rocYear, ScorecardDb db, CurrentUser user, CancellationToken ct)
    {
        var file = await MapExporter.ExportAsync(db, organisation, rocYear, ct);
        if (file is null)
            return Results.Problem(title: $"找不到「{organisation}」{rocYear} 年的策略地圖。", statusCode: StatusCodes.Status404NotFound);
        var year = RocYear.ToGregorian(rocYear);
        var map = await MapQueries.OfOrganisation(db.Maps, organisation).Where(m => m.Year == year).Select(m => new { m.Id, m.OrganisationId }).FirstAsync(ct);
        if (await user.CanAsync(Permission.ReadUnpublished, map.OrganisationId, ct))
            SubmissionOverlay.Apply(file, await UnpublishedAsync(db, map.Id, ct));
        return Results.Text(MapExporter.Serialize(file), "application/json; charset=utf-8");
    }

    static async Task<IReadOnlyList<SubmissionOverlay.Entry>> UnpublishedAsync(ScorecardDb db, Guid mapId, CancellationToken ct)
    {
        var kpis = await db.Kpis.AsNoTracking().Where(k => k.MapId == mapId).Select(k => new { k.Id, k.Code, k.ParentId, k.Ordinal }).ToListAsync(ct);
        var ids = kpis.Select(k => k.Id).ToList();
        var submissions = await db.Submissions.AsNoTracking().Where(s => ids.Contains(s.KpiId) && s.State != SubmissionState.Published).ToListAsync(ct);
        var byId = kpis.ToDictionary(k => k.Id);
        return submissions.Select(s =>
        {
            var k = byId[s.KpiId];
            if (k.ParentId is not { } parent)
                return new SubmissionOverlay.Entry(k.Code, null, s);
            var position = kpis.Where(p => p.ParentId == parent).OrderBy(p => p.Ordinal).Select(p => p.Id).ToList().IndexOf(k.Id) + 1;
            return new SubmissionOverlay.Entry(byId[parent].Code, position, s);
        }).ToList();
    }
}
