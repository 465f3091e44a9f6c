using Scorecard.Web.Features.Language;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Periods;
using Scorecard.Interchange.Json;
using Scorecard.Web.Features.Accounts;

using Scorecard.Web.Infrastructure;

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
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity)
            .Accepts<ImportForm>("multipart/form-data")
            .WithName("importFiles").WithSummary("Import files").WithDescription("Import interchange JSON files and BSC workbooks (.xlsx) (multipart). All or nothing. Form fields: organisation and planYear for a workbook that does not state them; dryRun=true to report what would be created, changed and left alone without writing. Needs the planner role for each map's organisation.");

        api.MapGet("/maps/{organisation}/{rocYear:int}", ExportAsync)
            .Produces<MapFile>(StatusCodes.Status200OK, "application/json")
            .CacheOutput(Scorecard.Web.Infrastructure.Caching.PublicAnswers.Name).WithName("exportMap").WithSummary("A map in the interchange format").WithDescription("A strategy map in the interchange format. Organisation is an id or the exact name. Signed out: published figures only; signed in with read rights: also drafts and submissions, each value with its state.");
    }

    /// <summary>
    /// The form of POST /api/imports, for the API document: interchange JSON files (MapFile) and BSC workbooks
    /// under any field name; organisation and planYear for a workbook that does not state them; dryRun=true to
    /// only report. The handler reads the form itself, so a request that is not a form is answered in words.
    /// </summary>
    public sealed record ImportForm(IFormFileCollection Files, string? Organisation, int? PlanYear, bool? DryRun);

    static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportAsync(HttpRequest request, ImportFiles import, UploadLimits limits, IStringLocalizer<Ui> t, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return TypedResults.Problem(title: t.Say($"請以 multipart/form-data 上傳 JSON 檔案。"), statusCode: StatusCodes.Status400BadRequest);
        var form = await request.ReadFormAsync(ct);
        limits.CheckFiles(form.Files.Count);
        var options = ImportOptions.Parse(form["organisation"], form["planYear"], dryRun: form["dryRun"].ToString() is "true" or "1" or "on");
        var files = form.Files.Select(f => (f.FileName, (Func<Stream>)f.OpenReadStream)).ToList();
        return TypedResults.Ok(await import.RunAsync(files, options, ct));
    }

    static async Task<ContentHttpResult> ExportAsync(string organisation, int rocYear, ScorecardDb db, CurrentUser user, CancellationToken ct)
    {
        // The map of the year, or the plan in force for it (秘書處 106: its 105 plan), as the pages show it.
        var map = await MapQueries.ReadAsync(db, organisation, rocYear, ct)
            ?? throw new NotFoundException($"找不到「{organisation}」{rocYear} 年的策略地圖。");
        var file = MapExporter.ToFile(map);
        if (await user.CanAsync(Permission.ReadUnpublished, map.OrganisationId, ct))
            SubmissionOverlay.Apply(file, await UnpublishedAsync(db, map.Id, ct));
        return TypedResults.Text(MapExporter.Serialize(file), "application/json; charset=utf-8");
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
