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
}
