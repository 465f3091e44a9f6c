using Scorecard.Data;
using Scorecard.Domain.Values;

namespace Scorecard.Interchange.Reports;

/// <summary>
/// A KPI's yearly targets and actuals across the versions of its lineage (the same KPI under another
/// code, or in another organisation's map): from the year-end results and the yearly values, the
/// first version listed winning where two say something for the same year.
/// </summary>
public static class KpiHistory
{
    /// <summary>
    /// One KPI's trend from the versions of its lineage (others are ignored), read as every chart reads them:
    /// the KPI's own map first, then the newest plans back.
    /// </summary>
    public static List<TrendPoint> Of(Domain.Kpis.Kpi kpi, IEnumerable<KpiVersion> versions, IEnumerable<int>? years = null) =>
        Points(versions.Where(v => v.Kpi.LineageId == kpi.LineageId)
            .OrderByDescending(v => v.Kpi.MapId == kpi.MapId).ThenByDescending(v => v.PlanYear).ToList(), years);

    /// <param name="versions">The versions to read, most trusted first (the map looked at, then the newest plans).</param>
    /// <param name="years">The Gregorian years wanted; every year any version speaks of when null.</param>
    public static List<TrendPoint> Points(IReadOnlyList<KpiVersion> versions, IEnumerable<int>? years = null)
    {
        years ??= versions.SelectMany(v => v.Kpi.Values.Where(x => x.Period == Period.Y).Select(x => x.Year)
                .Concat(v.Results.Where(e => e.Part is null && (e.Target is not null || e.Actual is not null)).Select(e => e.Year)))
            .Distinct().Order();
        var points = new List<TrendPoint>();
        foreach (var year in years)
        {
            decimal? target = null, actual = null;
            foreach (var version in versions)
            {
                foreach (var e in version.Results.Where(e => e.Year == year && e.Part is null))
                {
                    target ??= e.Target;
                    actual ??= e.Actual;
                }
                target ??= version.Kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == year && v.Period == Period.Y)?.Number;
                actual ??= version.Kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Actual && v.Year == year && v.Period == Period.Y)?.Number;
            }
            points.Add(new TrendPoint(Domain.Common.RocYear.FromGregorian(year), target, actual));
        }
        return points;
    }
}
