using Scorecard.Domain.Kpis;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Editing;

/// <summary>
/// One KPI's (or part's) direction and aggregation as a planner sets them: "higher"/"lower"/"target" and
/// "cumulative"/"pointInTime"/"average"/"yearToDate", or empty for not set (then inferred from the words where they
/// leave no doubt). <see cref="BasedOn"/> is the row's version as the page showed it.
/// </summary>
public sealed record KindInput(string Code, int? Part, string? Direction, string? Aggregation, long? BasedOn);

// Issue 33 §2: every KPI's direction and aggregation in one list, confirmed or changed in one save.
public sealed partial class MapEditor
{
    /// <summary>
    /// Sets each listed KPI's direction and aggregation; a row whose values are what is stored changes nothing. All rows
    /// or none: a stale row or a word that is no direction refuses the save, naming the row.
    /// </summary>
    public async Task<int> EditKindsAsync(IReadOnlyList<KindInput> rows, CancellationToken ct = default)
    {
        var changed = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var kpi = Kpi(row.Code, row.Part);
            var what = row.Part is null ? $"KPI {row.Code}" : $"KPI {row.Code} 的第 {row.Part} 個分項";
            var direction = Optional(row.Direction) is { } d ? Parse($"kinds[{i}].direction", () => Directions.Parse(d)) : (Direction?)null;
            var aggregation = Optional(row.Aggregation) is { } a ? Parse($"kinds[{i}].aggregation", () => Aggregations.Parse(a)) : (Aggregation?)null;
            // 「unknown」 as the document says it and "not set" are the same to the calculation: neither is a change of the other.
            var directionNow = kpi.Direction is Direction.Unknown ? null : kpi.Direction;
            var directionWanted = direction is Direction.Unknown ? null : direction;
            if (directionNow == directionWanted && kpi.Aggregation == aggregation)
                continue;
            await CheckVersionAsync(kpi, row.BasedOn, what, ct);
            if (directionNow != directionWanted) kpi.Direction = directionWanted;
            if (kpi.Aggregation != aggregation) kpi.Aggregation = aggregation;
            changed++;
        }
        return changed;
    }
}
