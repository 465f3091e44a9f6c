using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Scorecard.Data;
using Scorecard.Domain.Scoring;

namespace Scorecard.Web.Features.Maps;

/// <summary>A top-level KPI as it counts: its lineage (the same KPI in other years' maps), standing and achievement as a mean counts it (<see cref="KpiScore.Counted"/>).</summary>
public readonly record struct KpiCount(Guid LineageId, Standing Standing, decimal? Achievement);

/// <summary>What a map counts for one year it stands for: its top-level KPIs in their order, and their roll-up.</summary>
public sealed record MapCounts(IReadOnlyList<KpiCount> TopLevel, RollUp RollUp);

/// <summary>
/// Each map's counts per year, kept by the map's trail version (<see cref="DirectReads.TrailVersion"/>) rather
/// than by the content stamp: a publish moves the stamp, and the city's roll-ups (the organisations page) then
/// read and scored all 600 maps of the city again, four and a half seconds, for the one map that changed. Now
/// only the maps whose trail has grown are read again. What is kept is a few numbers per KPI, not the maps.
/// </summary>
/// <remarks>
/// Nothing here depends on the organisation (its name or place in the tree, which are not on a map's trail):
/// the caller names and orders the counts from the organisations as they are now.
/// </remarks>
public sealed class KeptMapCounts(IServiceScopeFactory scopes, DirectReads reads, IConfiguration config) : IDisposable
{
    /// <summary>A map-year's counts kept at most (<c>Scorecard:Cache:MapCounts</c>): a city of 60 organisations over 10 years has 600.</summary>
    public const int DefaultEntries = 5000;

    /// <summary>Maps read and scored together at most: a year of the whole city, not all of its years at once.</summary>
    const int Batch = 80;

    readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = config.GetValue("Scorecard:Cache:MapCounts", DefaultEntries) });

    /// <summary>The counts of each map for each year it stands for (Gregorian), as the maps are now.</summary>
    /// <param name="upTo">As the year stood at the end of this period; with the latest figures when null.</param>
    public async Task<IReadOnlyDictionary<(Guid MapId, int Year), MapCounts>> OfAsync(IReadOnlyCollection<(Guid MapId, int Year)> stands,
        Domain.Values.Period? upTo = null, CancellationToken ct = default)
    {
        // The versions first, then the maps: what is read is never older than the version it is kept under.
        var versions = await reads.MapVersionsAsync(ct);
        object Key((Guid MapId, int Year) s) => (s.MapId, s.Year, upTo, versions.GetValueOrDefault(s.MapId));
        var counts = new Dictionary<(Guid, int), MapCounts>();
        var missing = new List<(Guid MapId, int Year)>();
        foreach (var s in stands.Distinct())
            if (cache.TryGetValue(Key(s), out MapCounts? kept)) counts[s] = kept!;
            else missing.Add(s);
        if (missing.Count == 0) return counts;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
        foreach (var batch in missing.GroupBy(s => s.MapId).Chunk(Batch))
        {
            var ids = batch.Select(g => g.Key).ToList();
            var maps = await MapQueries.ForScoring(db.Maps.AsNoTracking()).Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
            foreach (var s in batch.SelectMany(g => g))
            {
                if (!maps.TryGetValue(s.MapId, out var map)) continue;   // deleted since the years were read
                // Scoring reads the year when it is made; the same map may then stand for the next year.
                map.ViewYear = s.Year;
                var scoring = new MapScoring(map, upTo);
                var made = new MapCounts(map.Kpis.Where(k => k.ParentId is null).OrderBy(k => k.Ordinal).Select(k => scoring.For(k))
                    .Select(k => new KpiCount(k.Kpi.LineageId, k.Standing, k.Counted)).ToList(), scoring.OrganisationRollUp);
                cache.Set(Key(s), made, new MemoryCacheEntryOptions { Size = 1 });
                counts[s] = made;
            }
        }
        return counts;
    }

    public void Dispose() => cache.Dispose();
}
