using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Organisations;
using Scorecard.Domain.Scoring;
using Scorecard.Interchange.Reports;
using Scorecard.Web.Infrastructure.Caching;

namespace Scorecard.Web.Features.Maps;

/// <summary>
/// Read use cases behind the pages and the read API. A map is read whole (split queries, no
/// tracking) and scored once: the grid, objective and KPI pages show the same figures the export does.
/// What every reader sees alike (a scored map, the tree, the roll-ups, a KPI's history) is kept in the
/// <see cref="ReadCache"/> until the next change; what is kept there is shared, and never changed by a page.
/// </summary>
public sealed class MapReader(ScorecardDb db, CachedReads cached, KeptMapCounts kept)
{
    /// <param name="RocYears">Every year with a map: the plan years and the years an earlier plan is in force for.</param>
    /// <param name="PlanYears">The years a map was made for.</param>
    public sealed record OrganisationNode(Organisation Organisation, IReadOnlyList<int> RocYears, IReadOnlyList<int> PlanYears, IReadOnlyList<OrganisationNode> Children);

    public Task<IReadOnlyList<OrganisationNode>> OrganisationTreeAsync(CancellationToken ct = default) =>
        cached.GetAsync("tree", services => services.GetRequiredService<MapReader>().ReadTreeAsync(), ct);

    async Task<IReadOnlyList<OrganisationNode>> ReadTreeAsync(CancellationToken ct = default)
    {
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        var years = await YearsAsync(ct);
        OrganisationNode Node(Organisation o) => new(o,
            years[o.Id].Select(y => RocYear.FromGregorian(y.Year)).Order().ToList(),
            years[o.Id].GroupBy(y => y.MapId).Select(g => RocYear.FromGregorian(g.Min(y => y.Year))).Order().ToList(),   // a map's first year is its plan year
            organisations.Where(c => c.ParentId == o.Id).OrderBy(c => c.Level).ThenBy(c => c.Name).Select(Node).ToList());
        return organisations.Where(o => o.ParentId is null).OrderBy(o => o.Level).ThenBy(o => o.Name).Select(Node).ToList();
    }

    // The organisations page shows the tree and the city roll-ups: both need every organisation's years; read them once a request.
    ILookup<Guid, (int Year, Guid MapId)>? yearsRead;

    /// <summary>Each organisation's years (Gregorian) and the map in force for each (<see cref="MapQueries.YearsAsync"/>), read once a request.</summary>
    public async Task<ILookup<Guid, (int Year, Guid MapId)>> YearsAsync(CancellationToken ct = default) =>
        yearsRead ??= await cached.GetAsync("years", services => MapQueries.YearsAsync(services.GetRequiredService<ScorecardDb>()), ct);

    /// <summary>Every version of a KPI across the maps (its lineage), oldest plan first.</summary>
    public Task<List<KpiVersion>> LineageAsync(Domain.Kpis.Kpi kpi, CancellationToken ct = default) =>
        cached.GetAsync(("lineage", kpi.LineageId), services => MapQueries.LineageAsync(services.GetRequiredService<ScorecardDb>(), [kpi.LineageId]), ct);

    /// <summary>
    /// Each KPI's yearly targets and actuals across its lineage (<see cref="KpiHistory.Of"/>), by KPI id: one
    /// query for all the KPIs.
    /// </summary>
    /// <remarks>The KPIs are those of maps read at this request's stamp, so their ids name the result.</remarks>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<TrendPoint>>> TrendsAsync(IReadOnlyList<Domain.Kpis.Kpi> kpis, CancellationToken ct = default)
    {
        if (kpis.Count == 0) return new Dictionary<Guid, IReadOnlyList<TrendPoint>>();
        var distinct = kpis.DistinctBy(k => k.Id).ToList();
        return await cached.GetAsync(("trends", string.Join(",", distinct.Select(k => k.Id).Order())), async services =>
        {
            var versions = (await MapQueries.LineageAsync(services.GetRequiredService<ScorecardDb>(), distinct.Select(k => k.LineageId).Distinct().ToList()))
                .ToLookup(v => v.Kpi.LineageId);
            return (IReadOnlyDictionary<Guid, IReadOnlyList<TrendPoint>>)distinct.ToDictionary(k => k.Id, k => (IReadOnlyList<TrendPoint>)KpiHistory.Of(k, versions[k.LineageId]));
        }, ct);
    }

    /// <summary>A map with everything it holds, scored; null when the organisation or year has none.</summary>
    public Task<MapScoring?> ScoredMapAsync(string organisation, int rocYear, CancellationToken ct = default) =>
        cached.GetAsync(("map", organisation, rocYear), async services =>
            await MapQueries.ReadAsync(services.GetRequiredService<ScorecardDb>(), organisation, rocYear) is { } map ? new MapScoring(map) : null, ct);

    public sealed record YearRollUp(int RocYear, RollUp City, IReadOnlyList<(string Organisation, RollUp RollUp)> Organisations);

    /// <summary>
    /// The whole city per year: every organisation's map in force for the year (its own, or an
    /// earlier plan it still follows), all years or one.
    /// </summary>
    public Task<IReadOnlyList<YearRollUp>> CityRollUpsAsync(int? rocYear = null, CancellationToken ct = default) =>
        cached.GetAsync(("city", rocYear), services => services.GetRequiredService<MapReader>().ReadCityRollUpsAsync(rocYear), ct);

    /// <remarks>
    /// Each map's counts are kept by its version (<see cref="KeptMapCounts"/>): after a publish only the maps
    /// that changed are read and scored again. (All of a city's maps of every year read at once, 600 maps and
    /// 200,000 figures, took 1.7 GB; they are read a batch at a time.)
    /// </remarks>
    async Task<IReadOnlyList<YearRollUp>> ReadCityRollUpsAsync(int? rocYear)
    {
        var wanted = rocYear is { } one ? RocYear.ToGregorian(one) : (int?)null;
        var stands = (await YearsAsync()).SelectMany(g => g.Select(y => (Organisation: g.Key, y.Year, y.MapId)))
            .Where(s => wanted is null || s.Year == wanted).ToList();
        var counts = await kept.OfAsync(stands.Select(s => (s.MapId, s.Year)).ToList());
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id);
        return stands.Where(s => counts.ContainsKey((s.MapId, s.Year)))
            .GroupBy(s => s.Year).OrderBy(g => g.Key)
            .Select(g =>
            {
                var ordered = g.Select(s => (Organisation: organisations[s.Organisation], Counts: counts[(s.MapId, s.Year)]))
                    .OrderBy(x => x.Organisation.Level).ThenBy(x => x.Organisation.Name, StringComparer.Ordinal).ToList();
                return new YearRollUp(RocYear.FromGregorian(g.Key), RollUp.Of(ordered.SelectMany(x => x.Counts.TopLevel).Select(k => (k.Standing, k.Achievement))),
                    ordered.Select(x => (x.Organisation.Name, x.Counts.RollUp)).ToList());
            })
            .ToList();
    }

    /// <summary>
    /// Each organisation's map in force for each year (all years or one; all organisations or one, by id or
    /// exact name), scored for that year, organisations in tree order. One query for all the maps it needs,
    /// with what scoring reads (<see cref="MapQueries.ForScoring"/>); a map is scored once per year it stands for.
    /// </summary>
    /// <param name="upTo">Score as the year stood at the end of this period; the latest figures when null.</param>
    public async Task<IReadOnlyList<(int RocYear, MapScoring Scoring)>> InForceAsync(int? rocYear, string? organisation, CancellationToken ct = default,
        Domain.Values.Period? upTo = null)
    {
        var wanted = rocYear is { } y ? (y is < 1 or > 300 ? null : RocYear.ToGregorian(y)) : (int?)null;
        if (rocYear is not null && wanted is null) return [];
        var named = organisation is null ? null
            : Guid.TryParse(organisation, out var id) ? id
            : await db.Organisations.AsNoTracking().Where(o => o.Name == organisation).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
        if (organisation is not null && named is null) return [];
        var years = (await YearsAsync(ct)).Where(g => named is null || g.Key == named).SelectMany(g => g).Where(y => wanted is null || y.Year == wanted).ToList();
        var ids = years.Select(y => y.MapId).Distinct().ToList();
        var maps = await MapQueries.ForScoring(db.Maps.AsNoTracking()).Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        return years
            .Select(y =>
            {
                // Scoring reads the year when it is made; the same map may then stand for the next year.
                var map = maps[y.MapId];
                map.ViewYear = y.Year;
                return (RocYear: RocYear.FromGregorian(y.Year), Scoring: new MapScoring(map, upTo));
            })
            .OrderBy(s => s.Scoring.Map.Organisation.Level).ThenBy(s => s.Scoring.Map.Organisation.Name, StringComparer.Ordinal)
            .ToList();
    }
}
