using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Maps;

namespace Scorecard.Interchange.Reports;

/// <summary>The map a report is made from: read whole, untracked, in split queries.</summary>
public static class ReportMaps
{
    public static async Task<StrategyMap?> LoadAsync(ScorecardDb db, string organisation, int rocYear, CancellationToken ct = default)
    {
        if (rocYear is < 1 or > 300) return null;
        var year = RocYear.ToGregorian(rocYear);
        return await MapQueries.OfOrganisation(MapQueries.WithEverything(db.Maps.AsNoTracking()), organisation)
            .FirstOrDefaultAsync(m => m.Year == year, ct);
    }
}
