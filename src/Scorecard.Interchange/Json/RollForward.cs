using Scorecard.Domain.Maps;

namespace Scorecard.Interchange.Json;

/// <summary>
/// 滾動修正, the first step: a later year's map made from this one (usually the next year's). The same
/// structure (statements, themes, objectives, links, KPIs with their definitions and owners, action
/// plans) and settings, and every fact of the years from the new plan year on: targets, budgets, and
/// the actuals and results this map held for them while it was in force (the Secretariat's 105–107
/// plan holds the 106 council results: a 106 map takes them, so that 106 still shows them once it has
/// its own map). Not the earlier years' facts, the documents, the schedule or this year's revision.
/// Written in the interchange format, so that it is imported (all or nothing, audited) like any other file.
/// </summary>
public static class RollForward
{
    /// <param name="rocYear">The new plan year (ROC), after the map's own.</param>
    public static MapFile To(StrategyMap map, int rocYear)
    {
        var file = MapExporter.ToFile(map);
        var next = rocYear;
        file.PlanYear = next;
        file.Source = file.Title = file.Notes = null;
        file.Documents = null;
        file.Evaluations = file.Evaluations?.Where(e => e.Year >= next).ToList() is { Count: > 0 } results ? results : null;
        file.Revisions = null;
        file.Tasks = null;
        file.Extra?.Remove("revisionCounts");   // the printed count table of this year's revision
        foreach (var kpi in (file.Kpis ?? []).Concat((file.Kpis ?? []).SelectMany(k => k.SubValues ?? [])))
        {
            kpi.Values = kpi.Values?.Where(v => v.Year >= next).ToList() is { Count: > 0 } values ? values : null;
            kpi.Results = null;
        }
        foreach (var plan in file.ActionPlans ?? [])
            plan.Budgets = plan.Budgets?.Where(b => b.Year >= next).ToList() is { Count: > 0 } budgets ? budgets : null;
        return file;
    }
}
