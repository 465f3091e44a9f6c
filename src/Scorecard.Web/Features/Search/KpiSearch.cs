using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Values;
using Scorecard.Web.Features.Maps;

namespace Scorecard.Web.Features.Search;

/// <summary>
/// A KPI found: the map it is in (plan year), what it is, its figures and where its page is. A part of a composite KPI leads to its
/// KPI and shows its own figures; a KPI whose figures are its parts' says so (issue 33 §4).
/// </summary>
/// <param name="Target">The plan year's target as printed (「&lt;0.2」), null where there is none.</param>
/// <param name="Actual">The plan year's latest actual as printed, null where there is none; <paramref name="ActualPeriod"/> its period.</param>
/// <param name="HasParts">A KPI with parts and no figures of its own: its figures are its parts'.</param>
public sealed record KpiHit(string Organisation, int RocYear, string Code, string Name, string? Formula, string Owners, string? PartOf, string Link,
    string? Target = null, string? Actual = null, Period? ActualPeriod = null, bool HasParts = false);

public sealed record SearchResult(IReadOnlyList<string> Words, IReadOnlyList<KpiHit> Hits, int Total);

/// <summary>
/// 搜尋: any KPI (or part) of any published map whose code, name, formula or owning organisation holds
/// every word asked for. Owners match by name or alias (環保局 finds 臺北市政府環境保護局's KPIs).
/// </summary>
public sealed class KpiSearch(ScorecardDb db)
{
    public const int Shown = 100;
    const int MostWords = 8, LongestWord = 100;

    public async Task<SearchResult> FindAsync(string? text, CancellationToken ct = default)
    {
        var words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Length > LongestWord ? w[..LongestWord] : w).Distinct().Take(MostWords).ToList();
        if (words.Count == 0) return new SearchResult([], [], 0);

        var organisations = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name, o.Aliases }).ToListAsync(ct);
        var kpis = db.Kpis.AsNoTracking().Where(k => db.Maps.Any(m => m.Id == k.MapId && !m.IsDraft));
        foreach (var word in words)
        {
            // Codes are Latin (AC1.1, ac1.1); names and formulas may hold Latin too (PM2.5 for PM₂ꓸ₅). Chinese has no case.
            var folded = SearchText.Word(word);
            var owners = organisations.Where(o => SearchText.Word(o.Name).Contains(folded, StringComparison.Ordinal) || o.Aliases.Any(a => SearchText.Word(a).Contains(folded, StringComparison.Ordinal)))
                .Select(o => o.Id).ToList();
            kpis = kpis.Where(SearchText.Expand<Domain.Kpis.Kpi>(k => k.Code.ToUpper().Contains(folded) || SearchText.Folded(k.Name).Contains(folded)
                                   || (k.Formula != null && SearchText.Folded(k.Formula).Contains(folded))
                                   || k.OwnerLinks.Any(l => owners.Contains(l.OrganisationId))));
        }
        var found = from k in kpis
                    join m in db.Maps on k.MapId equals m.Id
                    join parent in db.Kpis on k.ParentId equals parent.Id into parents
                    from parent in parents.DefaultIfEmpty()
                    select new { k.Id, k.Unit, ParentUnit = parent == null ? null : parent.Unit, k.Code, k.Name, k.Formula, k.Owners, ParentCode = parent == null ? null : parent.Code, ParentName = parent == null ? null : parent.Name, m.Year, Organisation = m.Organisation.Name };
        var total = await found.CountAsync(ct);
        var rows = await found.OrderBy(x => x.Organisation).ThenByDescending(x => x.Year).ThenBy(x => x.ParentCode ?? x.Code).ThenBy(x => x.Code)
            .Take(Shown).ToListAsync(ct);
        // The figures of the hits shown, each of its map's plan year: the year's target and the latest actual, as printed.
        var ids = rows.Select(x => x.Id).ToList();
        var values = (await db.KpiValues.AsNoTracking().Where(v => ids.Contains(v.KpiId)).ToListAsync(ct)).ToLookup(v => v.KpiId);
        var withParts = (await db.Kpis.AsNoTracking().Where(k => k.ParentId != null && ids.Contains(k.ParentId.Value)).Select(k => k.ParentId!.Value).Distinct().ToListAsync(ct)).ToHashSet();
        var hits = rows.Select(x =>
        {
            var ofYear = values[x.Id].Where(v => v.Year == x.Year).ToList();
            var unit = x.Unit ?? x.ParentUnit;
            var target = ofYear.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Period == Period.Y);
            var actual = ofYear.Where(v => v.Kind == ValueKind.Actual).MaxBy(v => Scorecard.Domain.Periods.ReportingCalendar.Order(v.Period));
            return new KpiHit(x.Organisation, RocYear.FromGregorian(x.Year), x.Code, x.Name, x.Formula, string.Join("、", x.Owners),
                x.ParentCode is null ? null : $"{x.ParentCode} {x.ParentName}",
                Links.Kpi(x.Organisation, RocYear.FromGregorian(x.Year), x.ParentCode ?? x.Code),
                target is null ? null : ValueWords.Of(target, unit),
                actual is null ? null : ValueWords.Of(actual, unit), actual?.Period,
                ofYear.Count == 0 && withParts.Contains(x.Id));
        }).ToList();
        return new SearchResult(words, hits, total);
    }
}
