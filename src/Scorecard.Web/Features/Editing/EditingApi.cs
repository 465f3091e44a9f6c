using Microsoft.AspNetCore.Http.HttpResults;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Features.Reporting;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Editing;

/// <summary>
/// A planner edits a map over HTTP: statements, themes, objectives, links, KPIs, targets, action plans
/// and calculation settings. Each row answers with its ETag (its version); a write with a stale
/// If-Match gets 412 naming who changed it, and nothing is saved. Writes need the 研考 role for the
/// map's organisation (401/403). Answers carry the code-rule warnings of what was saved.
/// The reads are public: a map's definition is what its pages show signed out.
/// </summary>
public static class EditingApi
{
    public static void MapEditingApi(this IEndpointRouteBuilder app)
    {
        var map = app.MapGroup("/api/maps/{organisation}/{rocYear:int}").WithTags("Editing").Problems(StatusCodes.Status404NotFound);
        var write = map.MapGroup("").RequireAuthorization().DisableAntiforgery()
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        map.MapGet("/statement", async (string organisation, int rocYear, ScorecardDb db, CurrentUser user, HttpResponse response, CancellationToken ct) =>
        {
            var m = await MapAsync(db, user, organisation, rocYear, ct);
            return Tagged(response, m.Version, Shape(m));
        }).WithName("getStatement").WithSummary("The map's statement").WithDescription("The map's mission, vision, core values and perspective order, with its ETag.");
        write.MapPut("/statement", async (string organisation, int rocYear, StatementInput body, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            await editor.EditStatementAsync(body, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return Tagged(request.HttpContext.Response, m.Version, Shape(m));
        }).ChecksIfMatch().WithName("replaceStatement").WithSummary("Replace the map's statement").WithDescription("Replace the map's mission, vision, core values and perspective order. A stale If-Match gets 412 naming who changed it.");

        map.MapGet("/themes/{code}", async (string organisation, int rocYear, string code, ScorecardDb db, CurrentUser user, HttpResponse response, CancellationToken ct) =>
        {
            var m = await MapAsync(db, user, organisation, rocYear, ct);
            var t = m.Themes.FirstOrDefault(t => t.Code == code) ?? throw new NotFoundException($"找不到策略主題 {code}。");
            return Tagged(response, t.Version, Shape(t));
        }).WithName("getTheme").WithSummary("A theme").WithDescription("A theme (策略主題) with its lead and co-organising units, with its ETag.");
        write.MapPost("/themes", async (string organisation, int rocYear, ThemeInput body, HttpResponse response, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            var t = editor.AddTheme(body);
            await editor.SaveAsync(ct);
            return Created(response, t.Version, Shape(t));
        }).WithName("addTheme").WithSummary("Add a theme").WithDescription("Add a theme: {\"code\": \"I\", \"name\": …, \"leadUnit\": …, \"coUnits\": […]}.");
        write.MapPut("/themes/{code}", async (string organisation, int rocYear, string code, ThemeInput body, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            var t = await editor.EditThemeAsync(code, body, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return Tagged(request.HttpContext.Response, t.Version, Shape(t));
        }).ChecksIfMatch().WithName("replaceTheme").WithSummary("Replace a theme").WithDescription("Replace a theme's code, name and agencies. A stale If-Match gets 412.");
        write.MapDelete("/themes/{code}", async (string organisation, int rocYear, string code, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            await editor.DeleteThemeAsync(code, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return TypedResults.NoContent();
        }).ChecksIfMatch().WithName("deleteTheme").WithSummary("Delete a theme").WithDescription("Delete a theme that has no objectives left (409 otherwise).");

        map.MapGet("/objectives/{code}", async (string organisation, int rocYear, string code, ScorecardDb db, CurrentUser user, HttpResponse response, CancellationToken ct) =>
        {
            var m = await MapAsync(db, user, organisation, rocYear, ct);
            var o = m.Objectives.FirstOrDefault(o => o.Code == code) ?? throw new NotFoundException($"找不到策略目標 {code}。");
            return Tagged(response, o.Version, Shape(o, m));
        }).WithName("getObjective").WithSummary("An objective").WithDescription("An objective (策略目標) with its key success factor, with its ETag.");
        write.MapPost("/objectives", async (string organisation, int rocYear, ObjectiveInput body, HttpResponse response, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            var o = editor.AddObjective(body);
            await editor.SaveAsync(ct);
            return Created(response, o.Version, Shape(o, m));
        }).WithName("addObjective").WithSummary("Add an objective").WithDescription("Add an objective: {\"code\": \"AC3\", \"theme\": \"A\", \"perspective\": \"C\", \"name\": …, \"keySuccessFactor\": …}.");
        write.MapPut("/objectives/{code}", async (string organisation, int rocYear, string code, ObjectiveInput body, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            var o = await editor.EditObjectiveAsync(code, body, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return Tagged(request.HttpContext.Response, o.Version, Shape(o, m));
        }).ChecksIfMatch().WithName("replaceObjective").WithSummary("Replace an objective").WithDescription("Replace an objective; links follow a new code. A stale If-Match gets 412.");
        write.MapDelete("/objectives/{code}", async (string organisation, int rocYear, string code, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            await editor.DeleteObjectiveAsync(code, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return TypedResults.NoContent();
        }).ChecksIfMatch().WithName("deleteObjective").WithSummary("Delete an objective").WithDescription("Delete an objective that has no KPIs left (409 otherwise), with its links.");

        write.MapPost("/links", async (string organisation, int rocYear, LinkInput body, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            var l = editor.AddLink(body);
            await editor.SaveAsync(ct);
            return TypedResults.Created((string?)null, new LinkAnswer(l.FromCode, l.ToCode));
        }).WithName("addLink").WithSummary("Add a link").WithDescription("Add a cause-and-effect link between two objectives: {\"from\": \"AL1\", \"to\": \"AP1\"}.");
        write.MapDelete("/links/{from}/{to}", async (string organisation, int rocYear, string from, string to, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            editor.DeleteLink(from, to);
            await editor.SaveAsync(ct);
            return TypedResults.NoContent();
        }).WithName("deleteLink").WithSummary("Delete a link").WithDescription("Delete the cause-and-effect link from one objective to another (404 where there is none).");

        map.MapGet("/kpis/{code}", async (string organisation, int rocYear, string code, int? part, ScorecardDb db, CurrentUser user, HttpResponse response, CancellationToken ct) =>
        {
            var m = await MapAsync(db, user, organisation, rocYear, ct);
            var k = KpiOf(m, code, part);
            return Tagged(response, k.Version, Shape(k, m));
        }).WithName("getKpi").WithSummary("A KPI").WithDescription("A KPI's definition and targets (?part=N for a part), with its ETag.");
        write.MapPost("/kpis", async (string organisation, int rocYear, KpiInput body, HttpResponse response, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            var k = await editor.AddKpiAsync(body, ct);
            await editor.SaveAsync(ct);
            return Created(response, k.Version, Shape(k, m));
        }).WithName("addKpi").WithSummary("Add a KPI").WithDescription("Add a KPI: code, objective, name, formula, unit, direction, owners, frequency, aggregation …; the owners are resolved to organisations. Answers with warnings where the code breaks the map's numbering.");
        write.MapPut("/kpis/{code}", async (string organisation, int rocYear, string code, int? part, KpiInput body, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            var k = await editor.EditKpiAsync(code, part, body, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return Tagged(request.HttpContext.Response, k.Version, Shape(k, m));
        }).ChecksIfMatch().WithName("replaceKpi").WithSummary("Replace a KPI").WithDescription("Replace a KPI's definition (?part=N for a part); the owners are resolved to organisations again.");
        write.MapDelete("/kpis/{code}", async (string organisation, int rocYear, string code, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            await editor.DeleteKpiAsync(code, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return TypedResults.NoContent();
        }).ChecksIfMatch().WithName("deleteKpi").WithSummary("Delete a KPI").WithDescription("Delete a KPI with its parts, values, submissions and action plans.");

        write.MapPost("/kpis/{code}/parts", async (string organisation, int rocYear, string code, KpiInput body, HttpResponse response, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            var k = await editor.AddPartAsync(code, body, ct);
            await editor.SaveAsync(ct);
            return Created(response, k.Version, Shape(k, m));
        }).WithName("addKpiPart").WithSummary("Add a part to a KPI").WithDescription("Add a part (分項) to a KPI: code as printed, name, owners, weight; edit it with PUT …/kpis/{code}?part=N.");
        write.MapDelete("/kpis/{code}/parts/{part:int}", async (string organisation, int rocYear, string code, int part, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            await editor.DeletePartAsync(code, part, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return TypedResults.NoContent();
        }).ChecksIfMatch().WithName("deleteKpiPart").WithSummary("Delete a part of a KPI").WithDescription("Delete a part with its values and submissions.");

        write.MapPut("/kpis/{code}/targets/{valueRocYear:int}/{period}", async (string organisation, int rocYear, string code, int valueRocYear, string period, int? part,
            TargetInput body, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            var v = await editor.SetTargetAsync(code, part, valueRocYear, period, body, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return Tagged(request.HttpContext.Response, v.Version, Shape(v));
        }).ChecksIfMatch().WithName("setTarget").WithSummary("Set a target").WithDescription("Set a target for a year and period: {\"value\": 40} or {\"status\": \"新指標不適用\"}.");
        write.MapDelete("/kpis/{code}/targets/{valueRocYear:int}/{period}", async (string organisation, int rocYear, string code, int valueRocYear, string period, int? part,
            HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            await editor.DeleteTargetAsync(code, part, valueRocYear, period, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return TypedResults.NoContent();
        }).ChecksIfMatch().WithName("deleteTarget").WithSummary("Delete a target").WithDescription("Delete a KPI's target of a year and period (?part=N for a part's).");

        map.MapGet("/kpis/{code}/plans/{planCode}", async (string organisation, int rocYear, string code, string planCode, ScorecardDb db, CurrentUser user, HttpResponse response, CancellationToken ct) =>
        {
            var m = await MapAsync(db, user, organisation, rocYear, ct);
            var k = KpiOf(m, code, null);
            var a = m.ActionPlans.FirstOrDefault(a => a.KpiId == k.Id && a.Code == planCode) ?? throw new NotFoundException($"KPI {code} 沒有行動方案 {planCode}。");
            return Tagged(response, a.Version, Shape(a, m));
        }).WithName("getActionPlan").WithSummary("An action plan").WithDescription("An action plan with its budgets and monthly schedule, with its ETag.");
        write.MapPost("/kpis/{code}/plans", async (string organisation, int rocYear, string code, PlanInput body, HttpResponse response, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            var a = editor.AddPlan(code, body);
            await editor.SaveAsync(ct);
            return Created(response, a.Version, Shape(a, m));
        }).WithName("addActionPlan").WithSummary("Add an action plan").WithDescription("Add an action plan: code, name, owners, weight, budgets [{rocYear, amount}], tasks [{name, months}].");
        write.MapPut("/kpis/{code}/plans/{planCode}", async (string organisation, int rocYear, string code, string planCode, PlanInput body, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            var a = await editor.EditPlanAsync(code, planCode, body, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return Tagged(request.HttpContext.Response, a.Version, Shape(a, m));
        }).ChecksIfMatch().WithName("replaceActionPlan").WithSummary("Replace an action plan").WithDescription("Replace an action plan; budgets replace the plan's, tasks (when sent) replace its schedule.");
        write.MapDelete("/kpis/{code}/plans/{planCode}", async (string organisation, int rocYear, string code, string planCode, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            await editor.DeletePlanAsync(code, planCode, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return TypedResults.NoContent();
        }).ChecksIfMatch().WithName("deleteActionPlan").WithSummary("Delete an action plan").WithDescription("Delete an action plan with its budgets and tasks.");

        map.MapGet("/settings", async (string organisation, int rocYear, ScorecardDb db, CurrentUser user, HttpResponse response, CancellationToken ct) =>
        {
            var m = await MapAsync(db, user, organisation, rocYear, ct);
            EntityTags.Tag(response, MapEditor.SettingsToken(m));
            return TypedResults.Ok(Shape(m.Scoring, m.AchievementRules));
        }).WithName("getSettings").WithSummary("The map's calculation settings").WithDescription("The achievement rules and self-assessment scoring, with their ETag.");
        write.MapPut("/settings", async (string organisation, int rocYear, SettingsInput body, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            await editor.EditSettingsAsync(body, EntityTags.IfMatchToken(request), ct);
            await editor.SaveAsync(ct);
            EntityTags.Tag(request.HttpContext.Response, MapEditor.SettingsToken(m));
            return TypedResults.Ok(Shape(m.Scoring, m.AchievementRules));
        }).ChecksIfMatch().WithName("replaceSettings").WithSummary("Replace the calculation settings").WithDescription("Replace the achievement rules and (when sent) the self-assessment scoring.");

        map.MapGet("/history", async (string organisation, int rocYear, ScorecardDb db, CurrentUser user, ChangeHistory history, CancellationToken ct) =>
        {
            var m = await MapAsync(db, user, organisation, rocYear, ct);
            await RequireHistoryAsync(user, m, ct);
            return TypedResults.Ok((await history.OfMapAsync(m.Id, ct: ct)).Select(Shape));
        }).Problems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
          .WithName("getMapHistory").WithSummary("修改紀錄 of a map").WithDescription("修改紀錄 of the map: who changed what, when, before → after, in words. Staff only (those who may read the organisation's unpublished figures): the trail holds drafts, submissions and staff addresses.");
        map.MapGet("/kpis/{code}/history", async (string organisation, int rocYear, string code, ScorecardDb db, CurrentUser user, ChangeHistory history, CancellationToken ct) =>
        {
            var m = await MapAsync(db, user, organisation, rocYear, ct);
            await RequireHistoryAsync(user, m, ct);
            return TypedResults.Ok((await history.OfKpiAsync(KpiOf(m, code, null).Id, ct: ct)).Select(Shape));
        }).Problems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
          .WithName("getKpiHistory").WithSummary("修改紀錄 of a KPI").WithDescription("修改紀錄 of a KPI, its parts, values, owners and action plans. Staff only, as the map's history.");
    }

    /// <summary>
    /// 修改紀錄 is the pages' rule: only for those who may read the organisation's unpublished figures. The trail
    /// holds draft and submitted figures, their 狀況分析 and notes, self-assessments, and staff addresses.
    /// </summary>
    static Task RequireHistoryAsync(CurrentUser user, StrategyMap m, CancellationToken ct) =>
        user.RequireAsync(Scorecard.Domain.Accounts.Permission.ReadUnpublished, m.OrganisationId, $"查看修改紀錄", ct);

    // A read of one row needs the map, not its scoring.
    static async Task<StrategyMap> MapAsync(ScorecardDb db, CurrentUser user, string organisation, int rocYear, CancellationToken ct)
    {
        var map = await MapQueries.ReadAsync(db, organisation, rocYear, ct, includeDraft: true);
        if (map is null)
            throw new NotFoundException($"找不到「{organisation}」{rocYear} 年的策略地圖。");
        await user.RequireMaySeeAsync(map, ct);
        return map;
    }

    static Kpi KpiOf(StrategyMap m, string code, int? part)
    {
        var k = m.Kpis.FirstOrDefault(k => k.ParentId is null && k.Code == code) ?? throw new NotFoundException($"找不到 KPI {code}。");
        if (part is null) return k;
        var parts = m.Kpis.Where(p => p.ParentId == k.Id).OrderBy(p => p.Ordinal).ToList();
        return part >= 1 && part <= parts.Count ? parts[part.Value - 1] : throw new NotFoundException($"KPI {code} 沒有第 {part} 個分項（共 {parts.Count} 項）。");
    }

    static long? IfMatch(HttpRequest request) => EntityTags.IfMatch(request);

    static Ok<T> Tagged<T>(HttpResponse response, long version, T body)
    {
        EntityTags.Tag(response, version);
        return TypedResults.Ok(body);
    }

    static Created<T> Created<T>(HttpResponse response, long version, T body)
    {
        EntityTags.Tag(response, version);
        return TypedResults.Created((string?)null, body);
    }

    static StatementAnswer Shape(StrategyMap m) => new(m.Mission, m.Vision, m.CoreValues, m.PerspectiveOrder, m.Version);

    static ThemeAnswer Shape(Theme t) => new(t.Code, t.Name, t.LeadUnit, t.CoUnits, t.Notes, t.Version);

    static ObjectiveAnswer Shape(Objective o, StrategyMap m) => new(
        o.Code, o.Name, m.Themes.FirstOrDefault(t => t.Id == o.ThemeId)?.Code, o.Perspective, o.KeySuccessFactor, o.ParentCode, o.Notes, o.Version,
        MapEditor.Warnings(o, m));

    static KpiAnswer Shape(Kpi k, StrategyMap m) => new(
        k.Code, m.Objectives.FirstOrDefault(o => o.Id == k.ObjectiveId)?.Code, k.Name, k.Formula, k.Unit,
        k.Direction is { } d ? Directions.Format(d) : null, k.Threshold, k.Owners, k.CoOwners, k.Weight,
        k.Frequency is { } f ? Frequencies.Format(f) : null, k.Aggregation is { } a ? Aggregations.Format(a) : null,
        k.ComputedFrom is { } c ? Compositions.Format(c) : null,
        k.Milestones.OrderBy(s => s.Ordinal).Select(s => new MilestoneAnswer(s.Name, s.Points)).ToList(),
        k.Notes, k.Version,
        k.Values.Where(v => v.Kind == ValueKind.Target).OrderBy(v => v.Year).ThenBy(v => v.Period).Select(Shape).ToList(),
        MapEditor.Warnings(k, m));

    static TargetAnswer Shape(KpiValue v) => new(RocYear.FromGregorian(v.Year), v.Period.ToString(), v.Number, v.Status, v.Note, v.Version);

    static PlanAnswer Shape(ActionPlan a, StrategyMap m) => new(
        a.Code, m.Kpis.First(k => k.Id == a.KpiId).Code, a.Name, a.Owners, a.Weight, a.Notes, a.Version,
        a.Budgets.OrderBy(b => b.Year).Select(b => new BudgetAnswer(RocYear.FromGregorian(b.Year), b.Amount)).ToList(),
        m.Tasks.Where(t => t.ActionPlanCode == a.Code).OrderBy(t => t.Ordinal).Select(t => new TaskAnswer(t.Name, t.Group, t.Months)).ToList(),
        MapEditor.Warnings(a, m));

    static SettingsAnswer Shape(ScoringSettings? s, IEnumerable<AchievementRule> rules) => new(
        s is null ? null : new ScoringAnswer(
            s.AchievementWeight, s.InnovationWeight, s.ChallengeWeight, s.ContributionWeight, s.AchievementCap,
            s.Lights.OrderBy(l => l.Ordinal).Select(l => new LightAnswer(l.Label, l.Symbol, l.Min)).ToList()),
        rules.OrderBy(r => r.Ordinal).Select(r => new RuleAnswer(
            r.ThemeCode, r.KpiCode, r.LowerIsBetter is { } l ? AchievementRule.Format(l) : null,
            r.CapSpecified && r.Cap is null, r.Cap, r.Rounding is { } x ? AchievementRule.Format(x) : null, r.Decimals)).ToList());

    static HistoryEntry Shape(ChangeHistory.Save s) => new(s.At, s.Actor, s.Changes.Select(c => Said.Chinese(c.Summary)).ToList(), s.Counts.Select(c => Said.Chinese(c)).ToList());
}

/// <summary>The map's 使命, 願景, 核心價值 and the order of its perspectives (F C P L as letters), with its version (the ETag).</summary>
public sealed record StatementAnswer(IReadOnlyList<string> Mission, string? Vision, IReadOnlyList<string> CoreValues, string PerspectiveOrder, long Version);

/// <summary>A theme (策略主題): code, name, lead and co-organising units.</summary>
public sealed record ThemeAnswer(string Code, string Name, string? LeadUnit, IReadOnlyList<string> CoUnits, string? Notes, long Version);

/// <summary>An objective (策略目標): its theme, perspective (F, C, P, L), key success factor, the city objective it serves, and warnings about its code.</summary>
public sealed record ObjectiveAnswer(string Code, string Name, string? Theme, string Perspective, string? KeySuccessFactor, string? ParentCode, string? Notes, long Version,
    IReadOnlyList<FieldWarning> Warnings);

public sealed record MilestoneAnswer(string Name, decimal Points);

/// <summary>A target of a year (ROC) and period: a figure or a status word (新指標不適用 …).</summary>
public sealed record TargetAnswer(int RocYear, string Period, decimal? Value, string? Status, string? Note, long Version);

/// <summary>A KPI's definition: formula, unit, direction (up, down, range …), owners, weight, frequency, aggregation (sum, average, latest), what it is computed from, milestones, targets, and warnings about its code.</summary>
public sealed record KpiAnswer(
    string Code, string? Objective, string Name, string? Formula, string? Unit, string? Direction, string? Threshold,
    IReadOnlyList<string> Owners, IReadOnlyList<string> CoOwners, decimal? Weight, string? Frequency, string? Aggregation, string? ComputedFrom,
    IReadOnlyList<MilestoneAnswer> Milestones, string? Notes, long Version, IReadOnlyList<TargetAnswer> Targets, IReadOnlyList<FieldWarning> Warnings);

/// <summary>A year's (ROC) budget of an action plan, in 元.</summary>
public sealed record BudgetAnswer(int RocYear, decimal Amount);

/// <summary>A task of an action plan's schedule with the months (1–12) it runs in.</summary>
public sealed record TaskAnswer(string Name, string? Group, IReadOnlyList<int>? Months);

/// <summary>An action plan (行動方案) of a KPI: owners, weight, budgets, schedule, and warnings about its code.</summary>
public sealed record PlanAnswer(string Code, string Kpi, string Name, IReadOnlyList<string> Owners, decimal? Weight, string? Notes, long Version,
    IReadOnlyList<BudgetAnswer> Budgets, IReadOnlyList<TaskAnswer> Tasks, IReadOnlyList<FieldWarning> Warnings);

/// <summary>A light of the self-assessment (燈號) from a total of Min upwards.</summary>
public sealed record LightAnswer(string Label, string? Symbol, decimal? Min);

/// <summary>The self-assessment's weights, the cap on achievement, and its lights.</summary>
public sealed record ScoringAnswer(decimal? AchievementWeight, decimal? InnovationWeight, decimal? ChallengeWeight, decimal? ContributionWeight, decimal? AchievementCap,
    IReadOnlyList<LightAnswer> Lights);

/// <summary>An achievement rule for the map, a theme or a KPI: how lower-is-better is computed, the cap (noCap: none), rounding and decimals.</summary>
public sealed record RuleAnswer(string? Theme, string? Kpi, string? LowerIsBetter, bool NoCap, decimal? Cap, string? Rounding, int? Decimals);

public sealed record SettingsAnswer(ScoringAnswer? Scoring, IReadOnlyList<RuleAnswer> AchievementRules);

/// <summary>A cause-and-effect link between two objectives.</summary>
public sealed record LinkAnswer(string From, string To);

/// <summary>One save in 修改紀錄: when, who, each change in words, and the counts of a save too large to list.</summary>
public sealed record HistoryEntry(DateTime At, string Actor, IReadOnlyList<string> Changes, IReadOnlyList<string> Counts);
