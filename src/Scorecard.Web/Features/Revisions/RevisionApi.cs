namespace Scorecard.Web.Features.Revisions;

/// <summary>
/// 滾動修正 over HTTP: roll a map forward into next year's draft, read its derived changes and count
/// table, give a reason per change, publish. Writes need the 研考 role for the map's organisation.
/// </summary>
public static class RevisionApi
{
    public sealed record ReasonInput(string? Change, string? Code, string? Reason);
    public sealed record RollForwardInput(int? PlanYear);
    public sealed record MoveInput(string? Organisation, string? Objective);

    public static void MapRevisionApi(this IEndpointRouteBuilder app)
    {
        var map = app.MapGroup("/api/maps/{organisation}/{rocYear:int}").WithTags("Revisions");
        var write = map.MapGroup("").RequireAuthorization().DisableAntiforgery();

        write.MapPost("/roll-forward", async (string organisation, int rocYear, RollForwardInput? body, MapRevisions revisions, CancellationToken ct) =>
        {
            var draft = await revisions.RollForwardAsync(organisation, rocYear, body?.PlanYear, ct);
            return Results.Created($"/api/maps/{Uri.EscapeDataString(draft.Organisation.Name)}/{draft.RocYear}/revision",
                new { organisation = draft.Organisation.Name, planYear = draft.RocYear, draft = draft.IsDraft });
        }).WithSummary("滾動修正: make the draft of a later plan year ({\"planYear\": 108}, default the next) from the organisation's latest map: same structure, targets and budgets carried to their years. 409 where a newer map exists.");

        map.MapGet("/revision", async (string organisation, int rocYear, MapRevisions revisions, CancellationToken ct) =>
            Results.Ok(Shape(await revisions.ReadAsync(organisation, rocYear, ct))))
            .WithSummary("The revision against the previous version: derived changes with their reasons, and the count table (computed; printed beside it where the document has one). A draft is seen by its planners only.");

        write.MapPut("/revision/reasons", async (string organisation, int rocYear, ReasonInput body, MapRevisions revisions, CancellationToken ct) =>
        {
            var change = await revisions.GiveReasonAsync(organisation, rocYear, body.Change ?? "", body.Code ?? "", body.Reason, ct);
            return Results.Ok(new { change = change.Change, code = change.Code, before = change.Before, after = change.After, reason = change.Reason });
        }).WithSummary("Give the reason (修正方向/原因) for one derived change: {\"change\": \"renameKpi\", \"code\": \"AC1.1\", \"reason\": …}.");

        write.MapPost("/kpis/{code}/move", async (string organisation, int rocYear, string code, MoveInput body, MapRevisions revisions, CancellationToken ct) =>
        {
            var kpi = await revisions.MoveKpiAsync(organisation, rocYear, code, body.Organisation, body.Objective, ct);
            return Results.Ok(new { code = kpi.Code, organisation = body.Organisation, objective = body.Objective });
        }).WithSummary("移列: move a KPI to another organisation's map of the same plan year, under one of its objectives, with its history: {\"organisation\": \"產業局\", \"objective\": \"BP1\"}.");

        write.MapPost("/revision/publish", async (string organisation, int rocYear, MapRevisions revisions, CancellationToken ct) =>
            Results.Ok(Shape(await revisions.PublishAsync(organisation, rocYear, ct))))
            .WithSummary("Publish the draft: 422 naming the changes still without a reason.");
    }

    static object Shape(Revision r) => new
    {
        organisation = r.Map.Organisation.Name,
        planYear = r.Map.RocYear,
        draft = r.Map.IsDraft,
        previousPlanYear = r.Previous?.RocYear,
        changes = r.Changes.Select(c => new { change = c.Change, label = c.Label, code = c.Code, before = c.Before, after = c.After, reason = c.Reason }),
        missingReasons = r.MissingReasons.Count,
        counts = new
        {
            rows = r.Counts.Select(c => new
            {
                perspective = c.Perspective,
                objectives = new { before = c.Objectives.Before, after = c.Objectives.After, printed = c.Objectives.Printed },
                kpis = new { before = c.Kpis.Before, after = c.Kpis.After, printed = c.Kpis.Printed },
                actionPlans = new { before = c.ActionPlans.Before, after = c.ActionPlans.After, printed = c.ActionPlans.Printed },
            }),
            printedByDocument = r.Printed.Select(p => new { perspective = p.Perspective, what = p.What, printed = p.Printed, disagrees = p.Disagrees }),
        },
    };
}
