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
        var map = app.MapGroup("/api/maps/{organisation}/{rocYear:int}").WithTags("Editing");
        var write = map.MapGroup("").RequireAuthorization().DisableAntiforgery();

        map.MapGet("/statement", async (string organisation, int rocYear, ScorecardDb db, CurrentUser user, HttpResponse response, CancellationToken ct) =>
        {
            var m = await MapAsync(db, user, organisation, rocYear, ct);
            return Tagged(response, m.Version, Shape(m));
        }).WithSummary("The map's mission, vision, core values and perspective order, with its ETag.");
        write.MapPut("/statement", async (string organisation, int rocYear, StatementInput body, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            await editor.EditStatementAsync(body, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return Tagged(request.HttpContext.Response, m.Version, Shape(m));
        }).WithSummary("Replace the map's mission, vision, core values and perspective order.");

        map.MapGet("/themes/{code}", async (string organisation, int rocYear, string code, ScorecardDb db, CurrentUser user, HttpResponse response, CancellationToken ct) =>
        {
            var m = await MapAsync(db, user, organisation, rocYear, ct);
            var t = m.Themes.FirstOrDefault(t => t.Code == code) ?? throw new NotFoundException($"找不到策略主題 {code}。");
            return Tagged(response, t.Version, Shape(t));
        }).WithSummary("A theme (策略主題), with its ETag.");
        write.MapPost("/themes", async (string organisation, int rocYear, ThemeInput body, HttpResponse response, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            var t = editor.AddTheme(body);
            await editor.SaveAsync(ct);
            return Created(response, t.Version, Shape(t));
        }).WithSummary("Add a theme: {\"code\": \"I\", \"name\": …, \"leadUnit\": …, \"coUnits\": […]}.");
        write.MapPut("/themes/{code}", async (string organisation, int rocYear, string code, ThemeInput body, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            var t = await editor.EditThemeAsync(code, body, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return Tagged(request.HttpContext.Response, t.Version, Shape(t));
        }).WithSummary("Replace a theme's code, name and agencies.");
        write.MapDelete("/themes/{code}", async (string organisation, int rocYear, string code, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            await editor.DeleteThemeAsync(code, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete a theme that has no objectives left (409 otherwise).");

        map.MapGet("/objectives/{code}", async (string organisation, int rocYear, string code, ScorecardDb db, CurrentUser user, HttpResponse response, CancellationToken ct) =>
        {
            var m = await MapAsync(db, user, organisation, rocYear, ct);
            var o = m.Objectives.FirstOrDefault(o => o.Code == code) ?? throw new NotFoundException($"找不到策略目標 {code}。");
            return Tagged(response, o.Version, Shape(o, m));
        }).WithSummary("An objective (策略目標) with its key success factor, with its ETag.");
        write.MapPost("/objectives", async (string organisation, int rocYear, ObjectiveInput body, HttpResponse response, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            var o = editor.AddObjective(body);
            await editor.SaveAsync(ct);
            return Created(response, o.Version, Shape(o, m));
        }).WithSummary("Add an objective: {\"code\": \"AC3\", \"theme\": \"A\", \"perspective\": \"C\", \"name\": …, \"keySuccessFactor\": …}.");
        write.MapPut("/objectives/{code}", async (string organisation, int rocYear, string code, ObjectiveInput body, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            var o = await editor.EditObjectiveAsync(code, body, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return Tagged(request.HttpContext.Response, o.Version, Shape(o, m));
        }).WithSummary("Replace an objective; links follow a new code.");
        write.MapDelete("/objectives/{code}", async (string organisation, int rocYear, string code, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            await editor.DeleteObjectiveAsync(code, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete an objective that has no KPIs left (409 otherwise), with its links.");

        write.MapPost("/links", async (string organisation, int rocYear, LinkInput body, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            var l = editor.AddLink(body);
            await editor.SaveAsync(ct);
            return TypedResults.Created((string?)null, new { from = l.FromCode, to = l.ToCode });
        }).WithSummary("Add a cause-and-effect link between two objectives: {\"from\": \"AL1\", \"to\": \"AP1\"}.");
        write.MapDelete("/links/{from}/{to}", async (string organisation, int rocYear, string from, string to, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            editor.DeleteLink(from, to);
            await editor.SaveAsync(ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete a link.");

        map.MapGet("/kpis/{code}", async (string organisation, int rocYear, string code, int? part, ScorecardDb db, CurrentUser user, HttpResponse response, CancellationToken ct) =>
        {
            var m = await MapAsync(db, user, organisation, rocYear, ct);
            var k = KpiOf(m, code, part);
            return Tagged(response, k.Version, Shape(k, m));
        }).WithSummary("A KPI's definition and targets (?part=N for a part), with its ETag.");
        write.MapPost("/kpis", async (string organisation, int rocYear, KpiInput body, HttpResponse response, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            var k = await editor.AddKpiAsync(body, ct);
            await editor.SaveAsync(ct);
            return Created(response, k.Version, Shape(k, m));
        }).WithSummary("Add a KPI: code, objective, name, formula, unit, direction, owners, frequency, aggregation …");
        write.MapPut("/kpis/{code}", async (string organisation, int rocYear, string code, int? part, KpiInput body, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            var k = await editor.EditKpiAsync(code, part, body, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return Tagged(request.HttpContext.Response, k.Version, Shape(k, m));
        }).WithSummary("Replace a KPI's definition (?part=N for a part); the owners are resolved to organisations again.");
        write.MapDelete("/kpis/{code}", async (string organisation, int rocYear, string code, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            await editor.DeleteKpiAsync(code, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete a KPI with its parts, values, submissions and action plans.");

        write.MapPost("/kpis/{code}/parts", async (string organisation, int rocYear, string code, KpiInput body, HttpResponse response, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            var k = await editor.AddPartAsync(code, body, ct);
            await editor.SaveAsync(ct);
            return Created(response, k.Version, Shape(k, m));
        }).WithSummary("Add a part (分項) to a KPI: code as printed, name, owners, weight; edit it with PUT …/kpis/{code}?part=N.");
        write.MapDelete("/kpis/{code}/parts/{part:int}", async (string organisation, int rocYear, string code, int part, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            await editor.DeletePartAsync(code, part, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete a part with its values and submissions.");

        write.MapPut("/kpis/{code}/targets/{valueRocYear:int}/{period}", async (string organisation, int rocYear, string code, int valueRocYear, string period, int? part,
            TargetInput body, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            var v = await editor.SetTargetAsync(code, part, valueRocYear, period, body, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return Tagged(request.HttpContext.Response, v.Version, Shape(v));
        }).WithSummary("Set a target for a year and period: {\"value\": 40} or {\"status\": \"新指標不適用\"}.");
        write.MapDelete("/kpis/{code}/targets/{valueRocYear:int}/{period}", async (string organisation, int rocYear, string code, int valueRocYear, string period, int? part,
            HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            await editor.DeleteTargetAsync(code, part, valueRocYear, period, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete a target.");

        map.MapGet("/kpis/{code}/plans/{planCode}", async (string organisation, int rocYear, string code, string planCode, ScorecardDb db, CurrentUser user, HttpResponse response, CancellationToken ct) =>
        {
            var m = await MapAsync(db, user, organisation, rocYear, ct);
            var k = KpiOf(m, code, null);
            var a = m.ActionPlans.FirstOrDefault(a => a.KpiId == k.Id && a.Code == planCode) ?? throw new NotFoundException($"KPI {code} 沒有行動方案 {planCode}。");
            return Tagged(response, a.Version, Shape(a, m));
        }).WithSummary("An action plan with its budgets and monthly schedule, with its ETag.");
        write.MapPost("/kpis/{code}/plans", async (string organisation, int rocYear, string code, PlanInput body, HttpResponse response, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            var a = editor.AddPlan(code, body);
            await editor.SaveAsync(ct);
            return Created(response, a.Version, Shape(a, m));
        }).WithSummary("Add an action plan: code, name, owners, weight, budgets [{rocYear, amount}], tasks [{name, months}].");
        write.MapPut("/kpis/{code}/plans/{planCode}", async (string organisation, int rocYear, string code, string planCode, PlanInput body, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            var a = await editor.EditPlanAsync(code, planCode, body, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return Tagged(request.HttpContext.Response, a.Version, Shape(a, m));
        }).WithSummary("Replace an action plan; budgets replace the plan's, tasks (when sent) replace its schedule.");
        write.MapDelete("/kpis/{code}/plans/{planCode}", async (string organisation, int rocYear, string code, string planCode, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            await editor.OpenAsync(organisation, rocYear, ct);
            await editor.DeletePlanAsync(code, planCode, IfMatch(request), ct);
            await editor.SaveAsync(ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete an action plan with its budgets and tasks.");

        map.MapGet("/settings", async (string organisation, int rocYear, ScorecardDb db, CurrentUser user, HttpResponse response, CancellationToken ct) =>
        {
            var m = await MapAsync(db, user, organisation, rocYear, ct);
            response.Headers.ETag = $"\"{MapEditor.SettingsToken(m)}\"";
            return TypedResults.Ok(Shape(m.Scoring, m.AchievementRules));
        }).WithSummary("The achievement rules and self-assessment scoring, with their ETag.");
        write.MapPut("/settings", async (string organisation, int rocYear, SettingsInput body, HttpRequest request, MapEditor editor, CancellationToken ct) =>
        {
            var m = await editor.OpenAsync(organisation, rocYear, ct);
            await editor.EditSettingsAsync(body, Token(request.Headers.IfMatch), ct);
            await editor.SaveAsync(ct);
            request.HttpContext.Response.Headers.ETag = $"\"{MapEditor.SettingsToken(m)}\"";
            return TypedResults.Ok(Shape(m.Scoring, m.AchievementRules));
        }).WithSummary("Replace the achievement rules and (when sent) the self-assessment scoring.");

        map.MapGet("/history", async (string organisation, int rocYear, ScorecardDb db, CurrentUser user, ChangeHistory history, CancellationToken ct) =>
        {
            var m = await MapAsync(db, user, organisation, rocYear, ct);
            return TypedResults.Ok((await history.OfMapAsync(m.Id, ct: ct)).Select(Shape));
        }).WithSummary("修改紀錄 of the map: who changed what, when, before → after, in words.");
        map.MapGet("/kpis/{code}/history", async (string organisation, int rocYear, string code, ScorecardDb db, CurrentUser user, ChangeHistory history, CancellationToken ct) =>
        {
            var m = await MapAsync(db, user, organisation, rocYear, ct);
            return TypedResults.Ok((await history.OfKpiAsync(KpiOf(m, code, null).Id, ct: ct)).Select(Shape));
        }).WithSummary("修改紀錄 of a KPI, its parts, values, owners and action plans.");
    }

    // A read of one row needs the map, not its scoring.
    static async Task<StrategyMap> MapAsync(ScorecardDb db, CurrentUser user, string organisation, int rocYear, CancellationToken ct)
    {
        var map = await MapQueries.ReadAsync(db, organisation, rocYear, ct, includeDraft: true);
        if (map is null || !await user.MaySeeAsync(map, ct))
            throw new NotFoundException($"找不到「{organisation}」{rocYear} 年的策略地圖。");
        return map;
    }

    static Kpi KpiOf(StrategyMap m, string code, int? part)
    {
        var k = m.Kpis.FirstOrDefault(k => k.ParentId is null && k.Code == code) ?? throw new NotFoundException($"找不到 KPI {code}。");
        if (part is null) return k;
        var parts = m.Kpis.Where(p => p.ParentId == k.Id).OrderBy(p => p.Ordinal).ToList();
        return part >= 1 && part <= parts.Count ? parts[part.Value - 1] : throw new NotFoundException($"KPI {code} 沒有第 {part} 個分項（共 {parts.Count} 項）。");
    }

    static long? IfMatch(HttpRequest request) => SubmissionCommands.ParseIfMatch(request.Headers.IfMatch);

    static string? Token(string? header) =>
        string.IsNullOrWhiteSpace(header) || header.Trim() == "*" ? null : header.Trim().TrimStart('W', '/').Trim('"');

    static IResult Tagged(HttpResponse response, long version, object body)
    {
        response.Headers.ETag = $"\"{version}\"";
        return TypedResults.Ok(body);
    }

    static IResult Created(HttpResponse response, long version, object body)
    {
        response.Headers.ETag = $"\"{version}\"";
        return TypedResults.Created((string?)null, body);
    }

    static object Shape(StrategyMap m) => new { mission = m.Mission, vision = m.Vision, coreValues = m.CoreValues, perspectiveOrder = m.PerspectiveOrder, version = m.Version };

    static object Shape(Theme t) => new { code = t.Code, name = t.Name, leadUnit = t.LeadUnit, coUnits = t.CoUnits, notes = t.Notes, version = t.Version };

    static object Shape(Objective o, StrategyMap m) => new
    {
        code = o.Code, name = o.Name, theme = m.Themes.FirstOrDefault(t => t.Id == o.ThemeId)?.Code, perspective = o.Perspective,
        keySuccessFactor = o.KeySuccessFactor, parentCode = o.ParentCode, notes = o.Notes, version = o.Version,
        warnings = MapEditor.Warnings(o, m),
    };

    static object Shape(Kpi k, StrategyMap m) => new
    {
        code = k.Code, objective = m.Objectives.FirstOrDefault(o => o.Id == k.ObjectiveId)?.Code, name = k.Name, formula = k.Formula, unit = k.Unit,
        direction = k.Direction is { } d ? Directions.Format(d) : null, threshold = k.Threshold, owners = k.Owners, coOwners = k.CoOwners,
        weight = k.Weight, frequency = k.Frequency is { } f ? Frequencies.Format(f) : null, aggregation = k.Aggregation is { } a ? Aggregations.Format(a) : null,
        computedFrom = k.ComputedFrom is { } c ? Compositions.Format(c) : null,
        milestones = k.Milestones.OrderBy(s => s.Ordinal).Select(s => new { name = s.Name, points = s.Points }),
        notes = k.Notes, version = k.Version,
        targets = k.Values.Where(v => v.Kind == ValueKind.Target).OrderBy(v => v.Year).ThenBy(v => v.Period).Select(Shape),
        warnings = MapEditor.Warnings(k, m),
    };

    static object Shape(KpiValue v) => new { rocYear = RocYear.FromGregorian(v.Year), period = v.Period.ToString(), value = v.Number, status = v.Status, note = v.Note, version = v.Version };

    static object Shape(ActionPlan a, StrategyMap m) => new
    {
        code = a.Code, kpi = m.Kpis.First(k => k.Id == a.KpiId).Code, name = a.Name, owners = a.Owners, weight = a.Weight, notes = a.Notes, version = a.Version,
        budgets = a.Budgets.OrderBy(b => b.Year).Select(b => new { rocYear = RocYear.FromGregorian(b.Year), amount = b.Amount }),
        tasks = m.Tasks.Where(t => t.ActionPlanCode == a.Code).OrderBy(t => t.Ordinal).Select(t => new { name = t.Name, group = t.Group, months = t.Months }),
        warnings = MapEditor.Warnings(a, m),
    };

    static object Shape(ScoringSettings? s, IEnumerable<AchievementRule> rules) => new
    {
        scoring = s is null ? null : new
        {
            achievementWeight = s.AchievementWeight, innovationWeight = s.InnovationWeight, challengeWeight = s.ChallengeWeight,
            contributionWeight = s.ContributionWeight, achievementCap = s.AchievementCap,
            lights = s.Lights.OrderBy(l => l.Ordinal).Select(l => new { label = l.Label, symbol = l.Symbol, min = l.Min }),
        },
        achievementRules = rules.OrderBy(r => r.Ordinal).Select(r => new
        {
            theme = r.ThemeCode, kpi = r.KpiCode, lowerIsBetter = r.LowerIsBetter is { } l ? AchievementRule.Format(l) : null,
            noCap = r.CapSpecified && r.Cap is null, cap = r.Cap, rounding = r.Rounding is { } x ? AchievementRule.Format(x) : null, decimals = r.Decimals,
        }),
    };

    static object Shape(ChangeHistory.Save s) => new
    {
        at = s.At, actor = s.Actor,
        changes = s.Changes.Select(c => c.Summary),
        counts = s.Counts,
    };
}
