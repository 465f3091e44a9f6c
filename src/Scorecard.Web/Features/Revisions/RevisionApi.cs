using Microsoft.Extensions.Localization;
using Scorecard.Web.Features.Language;
using Scorecard.Web.Infrastructure;

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
        var map = app.MapGroup("/api/maps/{organisation}/{rocYear:int}").WithTags("Revisions").Problems(StatusCodes.Status404NotFound);
        var write = map.MapGroup("").RequireAuthorization().DisableAntiforgery()
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        write.MapPost("/roll-forward", async (string organisation, int rocYear, RollForwardInput? body, MapRevisions revisions, CancellationToken ct) =>
        {
            var draft = await revisions.RollForwardAsync(organisation, rocYear, body?.PlanYear, ct);
            return TypedResults.Created($"/api/maps/{Uri.EscapeDataString(draft.Organisation.Name)}/{draft.RocYear}/revision",
                new DraftAnswer(draft.Organisation.Name, draft.RocYear, draft.IsDraft));
        }).WithName("rollForward").WithSummary("Roll a map forward").WithDescription("滾動修正: make the draft of a later plan year ({\"planYear\": 108}, default the next) from the organisation's latest map: same structure, targets and budgets carried to their years. 409 where a newer map exists.");

        map.MapGet("/revision", async (string organisation, int rocYear, MapRevisions revisions, IStringLocalizer<Ui> t, CancellationToken ct) =>
            TypedResults.Ok(Shape(await revisions.ReadAsync(organisation, rocYear, ct), t)))
            .WithName("getRevision").WithSummary("A map's revision").WithDescription("The revision against the previous version: derived changes with their reasons, and the count table (computed; printed beside it where the document has one). Only what both versions hold is compared: `incomplete` says in words where a version is incomplete; an unknown count is null, never 0. A draft is seen by its planners only.");

        write.MapPut("/revision/reasons", async (string organisation, int rocYear, ReasonInput body, MapRevisions revisions, CancellationToken ct) =>
        {
            var change = await revisions.GiveReasonAsync(organisation, rocYear, body.Change ?? "", body.Code ?? "", body.Reason, ct);
            return TypedResults.Ok(new ReasonAnswer(change.Change, change.Code, change.Before, change.After, change.Reason));
        }).WithName("giveRevisionReason").WithSummary("Give a change's reason").WithDescription("Give the reason (修正方向/原因) for one derived change: {\"change\": \"renameKpi\", \"code\": \"AC1.1\", \"reason\": …}.");

        write.MapPost("/kpis/{code}/move", async (string organisation, int rocYear, string code, MoveInput body, MapRevisions revisions, CancellationToken ct) =>
        {
            var kpi = await revisions.MoveKpiAsync(organisation, rocYear, code, body.Organisation, body.Objective, ct);
            return TypedResults.Ok(new MovedKpi(kpi.Code, body.Organisation, body.Objective));
        }).WithName("moveKpi").WithSummary("Move a KPI to another map").WithDescription("移列: move a KPI to another organisation's map of the same plan year, under one of its objectives, with its history: {\"organisation\": \"產業局\", \"objective\": \"BP1\"}.");

        write.MapPost("/revision/publish", async (string organisation, int rocYear, MapRevisions revisions, IStringLocalizer<Ui> t, CancellationToken ct) =>
            TypedResults.Ok(Shape(await revisions.PublishAsync(organisation, rocYear, ct), t)))
            .WithName("publishRevision").WithSummary("Publish a revised map").WithDescription("Publish the draft of a revised map: it becomes the organisation's map in force from its plan year. 422 naming the changes still without a reason.");
    }

    static RevisionAnswer Shape(Revision r, IStringLocalizer<Ui> t) => new(
        r.Map.Organisation.Name, r.Map.RocYear, r.Map.IsDraft, r.Previous?.RocYear,
        r.Reading.Notes.Select(n => t.Say(n)!).ToList(),
        r.Changes.Select(c => new ChangeAnswer(c.Change, c.Label, c.Code, c.Before, c.After, c.Reason, c.ByDocument ? "document" : "comparison",
            c.GoesWith.Select(w => new GoesWithAnswer(w.Change, w.Label, w.Code, w.Before, w.After)).ToList())).ToList(),
        r.MissingReasons.Count,
        new CountTableAnswer(
            r.Reading.Counts.Select(c => new CountTableRow(c.Perspective, Count(c.Objectives), Count(c.Kpis), Count(c.ActionPlans))).ToList(),
            r.Reading.Printed.Select(p => new PrintedAnswer(p.Perspective, p.What, p.Printed, p.Disagrees)).ToList()));

    static CountAnswer Count(Domain.Revisions.CountPair p) => new(p.Before, p.After, p.Printed, p.BeforeIsDocuments ? "document" : p.Before is null ? null : "map");
}

/// <summary>The draft made: its organisation and plan year (ROC).</summary>
public sealed record DraftAnswer(string Organisation, int PlanYear, bool Draft);

/// <summary>
/// A change (addKpi, renameKpi, deleteKpi …) with its label, the code, before and after, and the reason given
/// (修正方向/原因), null until given. Source: 「comparison」 where the comparison of the two versions finds it,
/// 「document」 where only the document states it (the earlier version never held the fact). GoesWith: what the
/// comparison finds that goes with it (the objective a deleted KPI leaves empty, a KPI renumbered to close the gap).
/// </summary>
public sealed record ChangeAnswer(string Change, string Label, string Code, string? Before, string? After, string? Reason, string Source, IReadOnlyList<GoesWithAnswer> GoesWith);

/// <summary>A change that goes with a listed one, not listed itself.</summary>
public sealed record GoesWithAnswer(string Change, string Label, string Code, string? Before, string? After);

/// <summary>
/// A count before and after the revision, and as the document prints it: 「7(-1)」. Null is unknown (that version
/// does not hold this kind whole), never zero. BeforeSource: 「map」, or 「document」 where the earlier version is
/// incomplete and the count is the document's own 修訂前; null where unknown.
/// </summary>
public sealed record CountAnswer(int? Before, int? After, string? Printed, string? BeforeSource);

/// <summary>A perspective's (C, P, L, F, or total) counts of objectives, KPIs and action plans.</summary>
public sealed record CountTableRow(string Perspective, CountAnswer Objectives, CountAnswer Kpis, CountAnswer ActionPlans);

/// <summary>A count the source document prints, and whether it disagrees with the map.</summary>
public sealed record PrintedAnswer(string Perspective, string What, string Printed, bool Disagrees);

public sealed record CountTableAnswer(IReadOnlyList<CountTableRow> Rows, IReadOnlyList<PrintedAnswer> PrintedByDocument);

/// <summary>The revision of a plan year (ROC) against the previous plan year: where either version is incomplete (in words: what is not compared), changes, how many still lack a reason, and the count table.</summary>
public sealed record RevisionAnswer(string Organisation, int PlanYear, bool Draft, int? PreviousPlanYear, IReadOnlyList<string> Incomplete, IReadOnlyList<ChangeAnswer> Changes, int MissingReasons, CountTableAnswer Counts);

/// <summary>The reason recorded for a change.</summary>
public sealed record ReasonAnswer(string Change, string Code, string? Before, string? After, string? Reason);

/// <summary>The KPI moved, and where to.</summary>
public sealed record MovedKpi(string Code, string? Organisation, string? Objective);
