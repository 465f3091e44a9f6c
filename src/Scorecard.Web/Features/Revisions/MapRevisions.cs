using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Revisions;
using Scorecard.Interchange.Json;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Features.Editing;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Revisions;

/// <summary>
/// The revision of a map against the version before it: what was compared and where a version is incomplete,
/// its changes with their reasons, the count table (computed, and the printed one beside it where the document
/// has one), whether it is still a draft, and the version it is compared with.
/// </summary>
public sealed record Revision(StrategyMap Map, StrategyMap? Previous, RevisionReading Reading)
{
    public IReadOnlyList<ReasonedChange> Changes => Reading.Changes;
    public IReadOnlyList<ReasonedChange> MissingReasons => Changes.Where(c => string.IsNullOrWhiteSpace(c.Reason)).ToList();
}

/// <summary>
/// 滾動修正: a planner rolls a map forward into a later year's draft, edits it with the editing pages,
/// gives a reason for each change the comparison finds, and publishes it. Drafts are seen by their
/// planners only. Every write checks the role and is audited and all or nothing: the roll-forward
/// goes through the importer, the rest through the map editor.
/// </summary>
public sealed class MapRevisions(ScorecardDb db, CurrentUser user, MapEditor editor)
{
    /// <summary>
    /// The draft of a later plan year (default the next), made from the organisation's latest map. A
    /// three-year plan may be followed by the year after it (秘書處 105–107 → 108). 409 where a map
    /// newer than this one exists (or its draft).
    /// </summary>
    public async Task<StrategyMap> RollForwardAsync(string organisation, int rocYear, int? toRocYear, CancellationToken ct = default)
    {
        var map = await MapQueries.ReadAsync(db, organisation, rocYear, ct);
        if (map is null || map.InForceForLaterYear)
            throw new NotFoundException($"找不到「{organisation}」{rocYear} 年訂定的策略地圖（滾動修正須自有版本的年度起）。");
        await user.RequireAsync(Permission.EditMap, map.OrganisationId, $"滾動修正「{map.Organisation.Name}」的策略地圖", ct);
        var to = toRocYear ?? rocYear + 1;
        if (to <= rocYear || to > 300)
            throw new InvalidInputException("planYear", $"新版計畫年度須晚於 {rocYear} 年。");
        if (await db.Maps.Where(m => m.OrganisationId == map.OrganisationId && m.Year > map.Year).MinAsync(m => (int?)m.Year, ct) is { } newer)
            throw new WorkflowException($"「{map.Organisation.Name}」已有 {RocYear.FromGregorian(newer)} 年策略地圖（或其草稿）：滾動修正須自最新的版本起，未建立。");
        var importer = new MapImporter(db)
        {
            NewMapsAreDrafts = true,
            LineageByCode = map.Kpis.Where(k => k.ParentId is null).GroupBy(k => k.Code).ToDictionary(g => g.Key, g => g.First().LineageId),
        };
        await importer.ImportAsync([new ImportInput($"{map.Organisation.Name} {to} 年策略地圖（滾動修正）", RollForward.To(map, to))], dryRun: false, ct);
        return (await MapQueries.ReadAsync(db, organisation, to, ct, includeDraft: true))!;
    }

    /// <summary>The revision of the map of a plan year (a draft for its planners only).</summary>
    public async Task<Revision> ReadAsync(string organisation, int rocYear, CancellationToken ct = default)
    {
        var map = await MapQueries.ReadAsync(db, organisation, rocYear, ct, includeDraft: true);
        if (map is null || map.InForceForLaterYear || !await user.MaySeeAsync(map, ct))
            throw new NotFoundException($"找不到「{organisation}」{rocYear} 年訂定的策略地圖。");
        var previousId = await db.Maps.Where(m => m.OrganisationId == map.OrganisationId && m.Year < map.Year && !m.IsDraft)
            .OrderByDescending(m => m.Year).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
        var previous = previousId is { } id
            ? await MapQueries.WithEverything(db.Maps.AsNoTrackingWithIdentityResolution()).FirstAsync(m => m.Id == id, ct)
            : null;
        var before = previous ?? new StrategyMap { Organisation = map.Organisation, Year = map.Year - 1 };
        var moved = await MapQueries.MovedAsync(db, map, before, ct);
        return new Revision(map, previous, RevisionDiff.Read(before, map, l => moved.GetValueOrDefault(l), describesBefore: previous is not null));
    }

    /// <summary>Records the reason for one derived change (修正方向/原因).</summary>
    public async Task<ReasonedChange> GiveReasonAsync(string organisation, int rocYear, string change, string code, string? reason, CancellationToken ct = default) =>
        (await GiveReasonsAsync(organisation, rocYear, [(change, code, reason)], ct)).Single();

    /// <summary>Records reasons for several derived changes, all or none; a blank reason is refused.</summary>
    public async Task<List<ReasonedChange>> GiveReasonsAsync(string organisation, int rocYear, IReadOnlyList<(string Change, string Code, string? Reason)> reasons, CancellationToken ct = default)
    {
        var map = await editor.OpenAsync(organisation, rocYear, ct);   // the role first: 403 before anything else
        var revision = await ReadAsync(organisation, rocYear, ct);
        var given = new List<ReasonedChange>();
        foreach (var (change, code, reason) in reasons)
        {
            var text = string.IsNullOrWhiteSpace(reason) ? throw new InvalidInputException("reason", $"請填寫「{RevisionDiff.Labels.GetValueOrDefault(change, change)} {code}」的修正原因。") : reason.Trim();
            var found = revision.Changes.FirstOrDefault(c => c.Change == change && c.Code == code)
                ?? throw new NotFoundException($"這次修正沒有「{RevisionDiff.Labels.GetValueOrDefault(change, change)} {code}」這項變更。");
            var row = map.Revisions.FirstOrDefault(r => r.Year == map.Year && r.Change == change && r.Code == code);
            if (row is null)
            {
                row = new Domain.Revisions.Revision { Year = map.Year, Change = change, Code = code, Ordinal = map.Revisions.Select(r => r.Ordinal).DefaultIfEmpty(-1).Max() + 1 };
                map.Revisions.Add(row);
            }
            row.Before = found.Before;
            row.After = found.After;
            row.Reason = text;
            given.Add(found with { Reason = text });
        }
        await editor.SaveAsync(ct);
        return given;
    }

    /// <summary>Publishes a draft: refused, naming them, while a change has no reason.</summary>
    public async Task<Revision> PublishAsync(string organisation, int rocYear, CancellationToken ct = default)
    {
        var map = await editor.OpenAsync(organisation, rocYear, ct);   // the role first: 403 before anything else
        var revision = await ReadAsync(organisation, rocYear, ct);
        if (!revision.Map.IsDraft)
            throw new WorkflowException($"{rocYear} 年策略地圖已發布。");
        if (revision.MissingReasons.Count > 0)
            throw new InvalidInputException("reasons", $"尚有 {revision.MissingReasons.Count} 項修正未填原因：{Said.List(revision.MissingReasons.Select(c => (FormattableString)$"{c.Label} {c.Code}"))}。");
        map.IsDraft = false;
        await editor.SaveAsync(ct);
        return await ReadAsync(organisation, rocYear, ct);
    }

    /// <summary>
    /// 移列: a KPI moves to another organisation's map of the same plan year, under one of its
    /// objectives, with its parts, values, owners and action plans; its lineage goes with it, so
    /// its history stays whole (seed 003, DP3.3 moves from the city's map to the bureau's). The
    /// revision of the map it left lists it as moved. Needs the 研考 role for both organisations.
    /// </summary>
    public async Task<Domain.Kpis.Kpi> MoveKpiAsync(string organisation, int rocYear, string code, string? toOrganisation, string? toObjective, CancellationToken ct = default)
    {
        var map = await editor.OpenAsync(organisation, rocYear, ct);
        var kpi = editor.Kpi(code);
        var name = string.IsNullOrWhiteSpace(toOrganisation) ? throw new InvalidInputException("organisation", $"請填寫移入的機關。") : toOrganisation.Trim();
        var target = Domain.Organisations.OrganisationNames.Find(name, await db.Organisations.ToListAsync(ct))
            ?? throw new InvalidInputException("organisation", $"找不到機關「{name}」。");
        var into = await MapQueries.WithEverything(db.Maps).FirstOrDefaultAsync(m => m.OrganisationId == target.Id && m.Year == map.Year, ct)
            ?? throw new InvalidInputException("organisation", $"「{target.Name}」沒有 {rocYear} 年策略地圖：請先建立，再移入。");
        if (into.Id == map.Id)
            throw new InvalidInputException("organisation", $"KPI {code} 已在「{target.Name}」的策略地圖中。");
        await user.RequireAsync(Permission.EditMap, into.OrganisationId, $"移入 KPI 至「{target.Name}」的策略地圖", ct);
        var objective = into.Objectives.FirstOrDefault(o => o.Code == toObjective?.Trim())
            ?? throw new InvalidInputException("objective", $"「{target.Name}」{rocYear} 年策略地圖沒有策略目標「{toObjective}」。");
        if (into.Kpis.Any(k => k.ParentId is null && k.Code == kpi.Code))
            throw new InvalidInputException("code", $"「{target.Name}」{rocYear} 年策略地圖已有 KPI {kpi.Code}。");

        var rows = map.Kpis.Where(k => k.ParentId == kpi.Id).Append(kpi).ToList();
        kpi.Ordinal = into.Kpis.Select(k => k.Ordinal).DefaultIfEmpty(-1).Max() + 1;
        foreach (var row in rows)
        {
            row.ObjectiveId = objective.Id;
            row.MapId = into.Id;
            map.Kpis.Remove(row);
            into.Kpis.Add(row);
        }
        foreach (var plan in map.ActionPlans.Where(a => a.KpiId == kpi.Id).ToList())
        {
            plan.MapId = into.Id;
            map.ActionPlans.Remove(plan);
            into.ActionPlans.Add(plan);
        }
        await editor.SaveAsync(ct);
        return kpi;
    }

    /// <summary>Any two published versions of an organisation's map compared: what changed from one to the other, and the counts.</summary>
    public async Task<(StrategyMap From, StrategyMap To, RevisionReading Reading)> CompareAsync(string organisation, int fromRocYear, int toRocYear, CancellationToken ct = default)
    {
        async Task<StrategyMap> Own(int rocYear) =>
            await MapQueries.ReadAsync(db, organisation, rocYear, ct) is { InForceForLaterYear: false } map
                ? map
                : throw new NotFoundException($"找不到「{organisation}」{rocYear} 年訂定的策略地圖。");
        var from = await Own(fromRocYear);
        var to = await Own(toRocYear);
        var moved = await MapQueries.MovedAsync(db, to, from, ct);
        // The later map's document speaks of the version just before it only: 修訂前 is no count of an older one.
        var adjacent = from.Year < to.Year && !await db.Maps.AnyAsync(m => m.OrganisationId == to.OrganisationId && !m.IsDraft && m.Year > from.Year && m.Year < to.Year, ct);
        return (from, to, RevisionDiff.Read(from, to, l => moved.GetValueOrDefault(l), adjacent));
    }

    /// <summary>The plan years (ROC) of an organisation's published maps.</summary>
    public async Task<IReadOnlyList<int>> PlanYearsAsync(Guid organisationId, CancellationToken ct = default) =>
        (await db.Maps.Where(m => m.OrganisationId == organisationId && !m.IsDraft).Select(m => m.Year).OrderBy(y => y).ToListAsync(ct))
            .Select(RocYear.FromGregorian).ToList();
}
