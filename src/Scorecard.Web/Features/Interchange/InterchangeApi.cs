using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Organisations;
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
            .WithSummary("Import one or more interchange JSON files (multipart). All or nothing. Needs the planner role for each map's organisation.");

        api.MapGet("/maps/{organisation}/{rocYear:int}", ExportAsync)
            .WithSummary("A strategy map in the interchange format. Organisation is an id or the exact name. Signed out: published figures only; signed in with read rights: also drafts and submissions, each value with its state.");
    }

    static async Task<IResult> ImportAsync(HttpRequest request, ScorecardDb db, CurrentUser user, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return Results.Problem(title: "請以 multipart/form-data 上傳 JSON 檔案。", statusCode: StatusCodes.Status400BadRequest);
        var form = await request.ReadFormAsync(ct);
        if (form.Files.Count == 0)
            return Results.Problem(title: "沒有收到任何檔案。", statusCode: StatusCodes.Status400BadRequest);
        var files = new List<(string Name, MapFile File)>();
        foreach (var f in form.Files)
        {
            await using var content = f.OpenReadStream();
            files.Add((f.FileName, MapFileReader.Read(f.FileName, content)));
        }
        await RequireImportRightsAsync(files, db, user, ct);
        return Results.Ok(await new MapImporter(db).ImportAsync(files, ct));
    }

    /// <summary>
    /// The planner role (or administrator) for the organisation each file names. What changes the
    /// organisation tree is the administrator's: a list of organisations, a new organisation, or a
    /// known one moved under another parent.
    /// </summary>
    static async Task RequireImportRightsAsync(IEnumerable<(string Name, MapFile File)> files, ScorecardDb db, CurrentUser user, CancellationToken ct)
    {
        var organisations = await db.Organisations.AsNoTracking().ToListAsync(ct);
        foreach (var (name, file) in files)
        {
            if (file.Organizations is { Count: > 0 } && !await user.IsAdministratorAsync(ct))
                throw new AccessDeniedException($"匯入機關清單（{name}）；機關由系統管理者維護");
            if (file.Organization?.Name is not { } orgName)
                continue;
            var known = organisations.FirstOrDefault(o => o.Name == orgName);
            var parent = file.Organization.Parent is { } p ? organisations.FirstOrDefault(o => o.Name == p) : null;
            var changesTree = known is null || (file.Organization.Parent is not null && known.ParentId != parent?.Id);
            if (changesTree && !await user.IsAdministratorAsync(ct))
                throw new AccessDeniedException(known is null
                    ? $"匯入新機關「{orgName}」的策略地圖（{name}）；新機關由系統管理者建立"
                    : $"把「{orgName}」改隸「{file.Organization.Parent}」（{name}）；機關隸屬由系統管理者維護");
            if (known is not null)
                await user.RequireAsync(Permission.Import, known.Id, $"匯入「{orgName}」的策略地圖（{name}）", ct);
        }
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
