using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Organisations;
using Scorecard.Domain.Scoring;

namespace Scorecard.Web.Features.Maps;

/// <summary>
/// Read use cases behind the pages and the read API. A map is read whole (split queries, no
/// tracking) and scored once: the grid, objective and KPI pages show the same figures the export does.
/// </summary>
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

    /// <summary>A map with everything it holds, scored; null when the organisation or year has none.</summary>
    public async Task<MapScoring?> ScoredMapAsync(string organisation, int rocYear, CancellationToken ct = default) =>
        await MapQueries.ReadAsync(db, organisation, rocYear, ct) is { } map ? new MapScoring(map) : null;

    public sealed record YearRollUp(int RocYear, RollUp City, IReadOnlyList<(string Organisation, RollUp RollUp)> Organisations);

    /// <summary>
    /// The whole city per plan year (every organisation's map of that year), all years or one.
    /// One query for all the maps it needs, scored once each.
    /// </summary>
    public async Task<IReadOnlyList<YearRollUp>> CityRollUpsAsync(int? rocYear = null, CancellationToken ct = default)
    {
        var maps = MapQueries.WithEverything(db.Maps.AsNoTracking());
        if (rocYear is { } y)
        {
            if (y is < 1 or > 300) return [];
            var year = RocYear.ToGregorian(y);
            maps = maps.Where(m => m.Year == year);
        }
        return (await maps.ToListAsync(ct))
            .Select(m => new MapScoring(m))
            .GroupBy(s => s.Map.RocYear)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var scored = g.OrderBy(s => s.Map.Organisation.Level).ThenBy(s => s.Map.Organisation.Name).ToList();
                return new YearRollUp(g.Key, MapScoring.ForCity(scored), scored.Select(s => (s.Map.Organisation.Name, s.OrganisationRollUp)).ToList());
            })
            .ToList();
    }
}
