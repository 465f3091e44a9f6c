using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Organisations;

namespace Scorecard.Web.Features.Maps;

/// <summary>Read use cases behind the pages and the read API: each loads only what its view shows.</summary>
public sealed class MapReader(ScorecardDb db)
{
    public sealed record OrganisationNode(Organisation Organisation, IReadOnlyList<int> RocYears, IReadOnlyList<OrganisationNode> Children);

    public async Task<IReadOnlyList<OrganisationNode>> OrganisationTreeAsync(CancellationToken ct = default)
    {
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        var years = (await db.Maps.AsNoTracking().Select(m => new { m.OrganisationId, m.Year }).ToListAsync(ct))
            .ToLookup(m => m.OrganisationId, m => RocYear.FromGregorian(m.Year));
        OrganisationNode Node(Organisation o) => new(o, years[o.Id].Order().ToList(),
            organisations.Where(c => c.ParentId == o.Id).OrderBy(c => c.Level).ThenBy(c => c.Name).Select(Node).ToList());
        return organisations.Where(o => o.ParentId is null).OrderBy(o => o.Level).ThenBy(o => o.Name).Select(Node).ToList();
    }

    /// <summary>The map grid: themes, objectives, perspectives (no KPIs).</summary>
    public async Task<StrategyMap?> MapGridAsync(string organisation, int rocYear, CancellationToken ct = default)
    {
        var year = Year(rocYear);
        if (year is null) return null;
        return await Maps(organisation)
            .Include(m => m.Organisation).ThenInclude(o => o.Parent)
            .Include(m => m.Themes)
            .Include(m => m.Objectives)
            .Include(m => m.Links)
            .Include(m => m.Documents)
            .AsSplitQuery()
            .FirstOrDefaultAsync(m => m.Year == year, ct);
    }

    public sealed record ObjectiveView(StrategyMap Map, Objective Objective, IReadOnlyList<Kpi> Kpis);

    public async Task<ObjectiveView?> ObjectiveAsync(string organisation, int rocYear, string code, CancellationToken ct = default)
    {
        var map = await MapGridAsync(organisation, rocYear, ct);
        var objective = map?.Objectives.FirstOrDefault(o => o.Code == code);
        if (map is null || objective is null) return null;
        var kpis = await db.Kpis.AsNoTracking()
            .Where(k => k.ObjectiveId == objective.Id && k.ParentId == null)
            .Include(k => k.Values)
            .OrderBy(k => k.Ordinal)
            .AsSplitQuery()
            .ToListAsync(ct);
        return new ObjectiveView(map, objective, kpis);
    }

    public sealed record KpiView(StrategyMap Map, Objective Objective, Kpi Kpi, IReadOnlyList<ActionPlan> ActionPlans, IReadOnlyList<ScheduledTask> Tasks);

    public async Task<KpiView?> KpiAsync(string organisation, int rocYear, string code, CancellationToken ct = default)
    {
        var map = await MapGridAsync(organisation, rocYear, ct);
        if (map is null) return null;
        var kpi = await db.Kpis.AsNoTracking()
            .Where(k => k.MapId == map.Id && k.ParentId == null && k.Code == code)
            .Include(k => k.Values)
            .Include(k => k.Parts).ThenInclude(p => p.Values)
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);
        if (kpi is null) return null;
        var plans = await db.ActionPlans.AsNoTracking()
            .Where(a => a.KpiId == kpi.Id)
            .Include(a => a.Budgets)
            .OrderBy(a => a.Ordinal)
            .ToListAsync(ct);
        var planCodes = plans.Select(p => p.Code).ToList();
        var tasks = await db.ScheduledTasks.AsNoTracking()
            .Where(t => t.MapId == map.Id && planCodes.Contains(t.ActionPlanCode))
            .OrderBy(t => t.Ordinal)
            .ToListAsync(ct);
        return new KpiView(map, map.Objectives.First(o => o.Id == kpi.ObjectiveId), kpi, plans, tasks);
    }

    IQueryable<StrategyMap> Maps(string organisation) =>
        Guid.TryParse(organisation, out var id)
            ? db.Maps.AsNoTracking().Where(m => m.OrganisationId == id)
            : db.Maps.AsNoTracking().Where(m => m.Organisation.Name == organisation);

    static int? Year(int rocYear) => rocYear is >= 1 and <= 300 ? RocYear.ToGregorian(rocYear) : null;
}
