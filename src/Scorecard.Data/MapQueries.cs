using Microsoft.EntityFrameworkCore;
using Scorecard.Domain.Maps;

namespace Scorecard.Data;

public static class MapQueries
{
    /// <summary>
    /// A map with what scoring it and counting it reads (<c>MapScoring</c>): its organisation, themes,
    /// objectives, KPIs with their values, results and rules. For the many maps the city's roll-ups, the
    /// dashboard and open data read at once (in the synthetic city the action plans and their budgets,
    /// which scoring does not read, alone outnumber the KPIs two to one). Split queries: one per table, not one huge join.
    /// </summary>
    public static IQueryable<StrategyMap> ForScoring(IQueryable<StrategyMap> maps) => maps
        .Include(m => m.Organisation)
        .Include(m => m.Themes)
        .Include(m => m.Objectives)
        .Include(m => m.Kpis).ThenInclude(k => k.Values)
        .Include(m => m.Evaluations)
        .Include(m => m.AchievementRules)
        .Include(m => m.Scoring).ThenInclude(s => s!.Lights)
        .AsSplitQuery();

    /// <summary>A map with everything it holds: what scoring reads, and its parent organisation, documents, links, milestones, action plans, tasks and revisions.</summary>
    public static IQueryable<StrategyMap> WithEverything(IQueryable<StrategyMap> maps) => ForScoring(maps)
        .Include(m => m.Organisation).ThenInclude(o => o.Parent)
        .Include(m => m.Documents)
        .Include(m => m.Links)
        .Include(m => m.Kpis).ThenInclude(k => k.Milestones)
        .Include(m => m.ActionPlans).ThenInclude(a => a.Budgets)
        .Include(m => m.Tasks)
        .Include(m => m.Revisions);

    /// <summary>
    /// One organisation's map as it stands for a year (ROC), with everything it holds, untracked, for
    /// reading: pages, exports, reports. That is the map made for the year, or where there is none, the
    /// map in force (<see cref="InForceAsync"/>), read for the year. Null when there is neither (or the
    /// year is out of range).
    /// </summary>
    /// <param name="includeDraft">Whether a draft of the year (a revision not yet published) is read: only for its planners.</param>
    public static async Task<StrategyMap?> ReadAsync(ScorecardDb db, string organisation, int rocYear, CancellationToken ct = default, bool includeDraft = false)
    {
        if (rocYear is < 1 or > 300) return null;
        var year = Domain.Common.RocYear.ToGregorian(rocYear);
        var id = await OfOrganisation(db.Maps, organisation).Where(m => m.Year == year && (includeDraft || !m.IsDraft)).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct)
                 ?? await InForceAsync(db, organisation, year, ct);
        if (id is null) return null;
        // Identity resolution links each part to its KPI (Kpi.Parts), which a plain untracked read leaves empty.
        var map = await WithEverything(db.Maps.AsNoTrackingWithIdentityResolution()).FirstAsync(m => m.Id == id, ct);
        map.ViewYear = year;
        return map;
    }

    /// <summary>
    /// The map in force for a year that has no map of its own: the organisation's latest earlier map,
    /// as long as it holds anything for that year (a target, an actual, a year-end result). A plan
    /// carries its targets forward (105–107), so it speaks for those years until a newer map exists;
    /// a year it says nothing about has no map rather than an empty one.
    /// </summary>
    public static async Task<Guid?> InForceAsync(ScorecardDb db, string organisation, int year, CancellationToken ct = default)
    {
        var latest = await OfOrganisation(db.Maps, organisation).Where(m => m.Year < year && !m.IsDraft)
            .OrderByDescending(m => m.Year).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
        if (latest is not { } id) return null;
        var speaks = await db.Kpis.Where(k => k.MapId == id).SelectMany(k => k.Values).AnyAsync(v => v.Year == year, ct)
                     || await db.Evaluations.AnyAsync(e => e.MapId == id && e.Year == year, ct);
        return speaks ? id : null;
    }

    /// <summary>
    /// Every organisation's years: its plan years, and the later years its latest map before them is
    /// in force for (the map holds facts for the year and no newer map exists), as <see cref="InForceAsync"/> decides.
    /// </summary>
    public static async Task<ILookup<Guid, (int Year, Guid MapId)>> YearsAsync(ScorecardDb db, CancellationToken ct = default)
    {
        var maps = await db.Maps.AsNoTracking().Where(m => !m.IsDraft).Select(m => new { m.Id, m.OrganisationId, m.Year }).ToListAsync(ct);
        var valueYears = await (from v in db.KpiValues join k in db.Kpis on v.KpiId equals k.Id select new { k.MapId, v.Year }).Distinct().ToListAsync(ct);
        var resultYears = await db.Evaluations.Select(e => new { e.MapId, e.Year }).Distinct().ToListAsync(ct);
        var factYears = valueYears.Concat(resultYears).ToLookup(x => x.MapId, x => x.Year);
        var years = new List<(Guid Organisation, int Year, Guid MapId)>();
        foreach (var organisation in maps.GroupBy(m => m.OrganisationId))
        {
            var ordered = organisation.OrderBy(m => m.Year).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var next = i + 1 < ordered.Count ? ordered[i + 1].Year : int.MaxValue;
                years.Add((organisation.Key, ordered[i].Year, ordered[i].Id));
                years.AddRange(factYears[ordered[i].Id].Where(y => y > ordered[i].Year && y < next).Distinct().Order()
                    .Select(y => (organisation.Key, y, ordered[i].Id)));
            }
        }
        return years.ToLookup(y => y.Organisation, y => (y.Year, y.MapId));
    }

    /// <summary>The lineages a map dropped that another organisation's map of the same year carries: moved there (DP3.3), by organisation name.</summary>
    public static async Task<Dictionary<Guid, string>> MovedAsync(ScorecardDb db, StrategyMap map, StrategyMap before, CancellationToken ct = default)
    {
        var kept = map.Kpis.Select(k => k.LineageId).ToHashSet();
        var dropped = before.Kpis.Where(k => k.ParentId is null && !kept.Contains(k.LineageId)).Select(k => k.LineageId).ToList();
        if (dropped.Count == 0) return [];
        var carried = await db.Kpis.Where(k => dropped.Contains(k.LineageId))
            .Join(db.Maps.Where(m => m.OrganisationId != map.OrganisationId && m.Year == map.Year), k => k.MapId, m => m.Id, (k, m) => new { k.LineageId, m.Organisation.Name })
            .ToListAsync(ct);
        return carried.GroupBy(c => c.LineageId).ToDictionary(g => g.Key, g => g.First().Name);
    }

    /// <summary>The maps of one organisation, named by its id or its exact name (the API and the pages accept either).</summary>
    public static IQueryable<StrategyMap> OfOrganisation(IQueryable<StrategyMap> maps, string idOrName) =>
        Guid.TryParse(idOrName, out var id)
            ? maps.Where(m => m.OrganisationId == id)
            : maps.Where(m => m.Organisation.Name == idOrName);

    /// <summary>
    /// Every version of the given KPIs (by lineage) in every map, whichever organisation's (a KPI may
    /// move to another organisation's map), with their values and the results filed under their code:
    /// the history a KPI page and a trend chart are drawn from. Oldest plan first.
    /// </summary>
    public static async Task<List<KpiVersion>> LineageAsync(ScorecardDb db, IReadOnlyCollection<Guid> lineages, CancellationToken ct = default)
    {
        var kpis = await db.Kpis.AsNoTracking().Include(k => k.Values)
            .Where(k => k.ParentId == null && lineages.Contains(k.LineageId) && db.Maps.Any(m => m.Id == k.MapId && !m.IsDraft)).ToListAsync(ct);
        var mapIds = kpis.Select(k => k.MapId).Distinct().ToList();
        var maps = await db.Maps.AsNoTracking().Where(m => mapIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Year, Organisation = m.Organisation.Name }).ToDictionaryAsync(m => m.Id, ct);
        var codes = kpis.Select(k => k.Code).Distinct().ToList();
        var results = (await db.Evaluations.AsNoTracking().Where(e => mapIds.Contains(e.MapId) && e.KpiCode != null && codes.Contains(e.KpiCode)).ToListAsync(ct))
            .ToLookup(e => (e.MapId, e.KpiCode));
        return kpis.Select(k => new KpiVersion(maps[k.MapId].Year, maps[k.MapId].Organisation, k, results[(k.MapId, k.Code)].ToList()))
            .OrderBy(v => v.PlanYear).ToList();
    }
}

/// <summary>A KPI as one map carries it: the map's plan year and organisation, the KPI with its values, and the results filed under its code.</summary>
public sealed record KpiVersion(int PlanYear, string Organisation, Domain.Kpis.Kpi Kpi, IReadOnlyList<Domain.Scoring.Evaluation> Results);
