using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Organisations;
using Scorecard.Domain.Values;

namespace Scorecard.Interchange.Json;

/// <summary>
/// One kind of row an import touches: how many it creates, changes and leaves alone, and which
/// (「AC1.1」, 「AC1.1 110 年 目標值」), so a planner can check an upload before confirming it.
/// </summary>
public sealed record ImportChange(string What, IReadOnlyList<string> Created, IReadOnlyList<string> Changed, int Unchanged);

public static class ImportChanges
{
    // The kinds a planner recognises, in the order a map reads; other rows (owner links, documents) count under their kind's name.
    static readonly (Type Type, string What)[] Kinds =
    [
        (typeof(Organisation), "機關"),
        (typeof(StrategyMap), "策略地圖"),
        (typeof(Theme), "策略主題"),
        (typeof(Objective), "策略目標"),
        (typeof(ObjectiveLink), "因果連結"),
        (typeof(Kpi), "KPI"),
        (typeof(KpiValue), "目標值及實際值"),
        (typeof(ActionPlan), "行動方案"),
        (typeof(ActionPlanBudget), "行動方案預算"),
    ];

    public static IReadOnlyList<ImportChange> Of(ChangeTracker tracker)
    {
        var entries = tracker.Entries<Entity>().ToList();
        var kpis = entries.Select(e => e.Entity).OfType<Kpi>().ToDictionary(k => k.Id);
        var plans = entries.Select(e => e.Entity).OfType<ActionPlan>().ToDictionary(p => p.Id);
        var result = new List<ImportChange>();
        foreach (var (type, what) in Kinds)
        {
            var rows = entries.Where(e => e.Entity.GetType() == type).ToList();
            var created = rows.Where(e => e.State == EntityState.Added).Select(e => Label(e.Entity, kpis, plans)).ToList();
            var changed = rows.Where(e => e.State == EntityState.Modified && e.Properties.Any(p => p.IsModified)).Select(e => Label(e.Entity, kpis, plans)).ToList();
            // Every organisation is loaded to resolve names; only those the import touches are news.
            var unchanged = type == typeof(Organisation) ? 0 : rows.Count - created.Count - changed.Count;
            if (created.Count + changed.Count + unchanged > 0)
                result.Add(new ImportChange(what, created, changed, unchanged));
        }
        return result;
    }

    static string Label(Entity row, IReadOnlyDictionary<Guid, Kpi> kpis, IReadOnlyDictionary<Guid, ActionPlan> plans) => row switch
    {
        Organisation o => o.Name,
        StrategyMap m => $"{m.Organisation?.Name} {m.RocYear} 年",
        Theme t => $"{t.Code} {t.Name}",
        Objective o => $"{o.Code} {o.Name}",
        ObjectiveLink l => $"{l.FromCode} → {l.ToCode}",
        Kpi k => k.Parent is { } parent ? $"{parent.Code} 分項 {k.Ordinal + 1}" : $"{k.Code} {k.Name}",
        KpiValue v => $"{(kpis.TryGetValue(v.KpiId, out var k) ? k.Code : "")} {RocYear.FromGregorian(v.Year)} 年{(v.Period == Period.Y ? "" : Periods.Label(v.Period))} {Periods.KindLabel(v.Kind)}",
        ActionPlanBudget b => $"{(plans.TryGetValue(b.ActionPlanId, out var p) ? p.Code : "")} {RocYear.FromGregorian(b.Year)} 年",
        ActionPlan p => $"{p.Code} {p.Name}",
        _ => row.GetType().Name,
    };
}
