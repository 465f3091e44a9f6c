using Microsoft.EntityFrameworkCore;
using Scorecard.Domain.Maps;

namespace Scorecard.Data;

public static class MapQueries
{
    /// <summary>A map with everything it holds, in split queries (one per table, not one huge join).</summary>
    public static IQueryable<StrategyMap> WithEverything(IQueryable<StrategyMap> maps) => maps
        .Include(m => m.Organisation).ThenInclude(o => o.Parent)
        .Include(m => m.Documents)
        .Include(m => m.Themes)
        .Include(m => m.Objectives)
        .Include(m => m.Links)
        .Include(m => m.Kpis).ThenInclude(k => k.Values)
        .Include(m => m.Kpis).ThenInclude(k => k.Milestones)
        .Include(m => m.ActionPlans).ThenInclude(a => a.Budgets)
        .Include(m => m.Tasks)
        .Include(m => m.Evaluations)
        .Include(m => m.Revisions)
        .Include(m => m.AchievementRules)
        .Include(m => m.Scoring).ThenInclude(s => s!.Lights)
        .AsSplitQuery();

    /// <summary>
    /// One organisation's map of a plan year (ROC) with everything it holds, untracked, for reading:
    /// pages, exports, reports. Null when there is none (or the year is out of range).
    /// </summary>
    public static async Task<StrategyMap?> ReadAsync(ScorecardDb db, string organisation, int rocYear, CancellationToken ct = default)
    {
        if (rocYear is < 1 or > 300) return null;
        var year = Domain.Common.RocYear.ToGregorian(rocYear);
        // Identity resolution links each part to its KPI (Kpi.Parts), which a plain untracked read leaves empty.
        return await OfOrganisation(WithEverything(db.Maps.AsNoTrackingWithIdentityResolution()), organisation).FirstOrDefaultAsync(m => m.Year == year, ct);
    }

    /// <summary>The maps of one organisation, named by its id or its exact name (the API and the pages accept either).</summary>
    public static IQueryable<StrategyMap> OfOrganisation(IQueryable<StrategyMap> maps, string idOrName) =>
        Guid.TryParse(idOrName, out var id)
            ? maps.Where(m => m.OrganisationId == id)
            : maps.Where(m => m.Organisation.Name == idOrName);

    /// <summary>
    /// The map whose themes a year's report is arranged by: the year's own, or where it has none
    /// (a year that only adds results, as the Secretariat's 106 council report does), the
    /// organisation's latest earlier map that has themes (only its themes are read).
    /// </summary>
    public static async Task<StrategyMap> StructureAsync(ScorecardDb db, StrategyMap map, CancellationToken ct = default) =>
        map.Themes.Count > 0
            ? map
            : await db.Maps.AsNoTracking().Include(m => m.Themes)
                .Where(m => m.OrganisationId == map.OrganisationId && m.Year < map.Year && m.Themes.Any())
                .OrderByDescending(m => m.Year).FirstOrDefaultAsync(ct)
              ?? map;

    /// <summary>The organisation's other maps from a year on, with their KPIs' values and their results: the history a trend is drawn from.</summary>
    public static async Task<List<StrategyMap>> HistoryAsync(ScorecardDb db, StrategyMap map, int fromYear, CancellationToken ct = default) =>
        await db.Maps.AsNoTracking()
            .Include(m => m.Kpis).ThenInclude(k => k.Values)
            .Include(m => m.Evaluations)
            .Where(m => m.OrganisationId == map.OrganisationId && m.Id != map.Id && m.Year >= fromYear)
            .AsSplitQuery()
            .ToListAsync(ct);
}
