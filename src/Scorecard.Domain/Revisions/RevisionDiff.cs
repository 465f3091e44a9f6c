using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Values;

namespace Scorecard.Domain.Revisions;

/// <summary>
/// One change of a revision as the comparison of two versions finds it; <see cref="Code"/> is the code after the
/// change (before, for a deletion); <see cref="Objective"/> the objective it is under, which orders the list.
/// </summary>
public sealed record DerivedChange(string Change, string Code, string? Before, string? After, string? Objective = null)
{
    public (string, string) Key => (Change, Code);
    public string Label => RevisionDiff.Labels.GetValueOrDefault(Change, Change);
    /// <summary>From what to what, in one line: 「DP3.4 → DP3.3」, or the one side there is.</summary>
    public string Summary => Before is null ? After ?? "" : After is null ? Before : $"{Before} → {After}";
}

/// <summary>
/// A count before and after; null is unknown (that version does not hold the kind whole), never zero. Where the
/// later document prints the before-count of an incomplete earlier version, that count stands in, said as the document's.
/// </summary>
public sealed record CountPair(int? Before, int? After, bool BeforeIsDocuments = false)
{
    /// <summary>As seed 003 prints the after-count: 「7(-1)」, 「3」; null where the after-count is unknown.</summary>
    public string? Printed => After is not { } after ? null
        : Before is { } before && before != after ? $"{after}({after - before:+0;-0})" : $"{after}";
}

/// <summary>
/// A change with its label and the reason recorded for it (修正方向/原因), if any yet. <paramref name="ByDocument"/>:
/// the change is the document's statement about a fact the earlier version never held, so the comparison cannot
/// see it (seed 003's DF2.1). <paramref name="With"/>: what the comparison finds that goes with it (an objective left
/// empty, a KPI renumbered to close the gap), as seed 003 lists the deletion only.
/// </summary>
public sealed record ReasonedChange(string Change, string Label, string Code, string? Before, string? After, string? Reason,
    bool ByDocument = false, IReadOnlyList<DerivedChange>? With = null)
{
    public IReadOnlyList<DerivedChange> GoesWith => With ?? [];
}

/// <summary>A cell of the count table the document prints (seed 003), beside the computed one.</summary>
public sealed record PrintedCount(string Perspective, string What, string Printed, bool Disagrees)
{
    /// <summary>How a page or report shows it under the computed count.</summary>
    public string Words => Disagrees ? $"文件所載 {Printed}，與地圖不符" : $"文件所載 {Printed}";
}

/// <summary>A row of the revision's count table: a perspective (C, P, L, F) or 「total」.</summary>
public sealed record CountRow(string Perspective, CountPair Objectives, CountPair Kpis, CountPair ActionPlans)
{
    public CountPair Of(string kind) => kind switch { "objectives" => Objectives, "kpis" => Kpis, _ => ActionPlans };
}

/// <summary>
/// A revision read whole: what was compared and where a version is incomplete (in words), the changes with their
/// reasons, the count table, and the document's own printed counts beside it.
/// </summary>
public sealed record RevisionReading(Coverage Coverage, IReadOnlyList<FormattableString> Notes, IReadOnlyList<ReasonedChange> Changes,
    IReadOnlyList<CountRow> Counts, IReadOnlyList<PrintedCount> Printed);

/// <summary>
/// 滾動修正 derived, not typed: what changed from one version of a map to the next. KPIs are matched
/// by lineage (so a renumbered or renamed KPI is one change, not a deletion and an addition);
/// objectives and action plans by code. Only what both versions hold is compared (<see cref="Coverage"/>):
/// a fact one of them never held is unknown, never a change.
/// </summary>
public static class RevisionDiff
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["addObjective"] = "新增策略目標", ["deleteObjective"] = "刪除策略目標", ["renameObjective"] = "修改策略目標名稱", ["moveObjective"] = "調整策略目標主題或構面",
        ["addKpi"] = "新增 KPI", ["deleteKpi"] = "刪除 KPI", ["renameKpi"] = "修改 KPI 名稱", ["renumberKpi"] = "修改 KPI 編號",
        ["moveKpi"] = "KPI 改列其他策略目標", ["moveKpiToOrganisation"] = "KPI 移列其他機關",
        ["editKpiFormula"] = "修改 KPI 公式", ["editKpiUnit"] = "修改 KPI 單位", ["editKpiDirection"] = "修改 KPI 方向", ["editTarget"] = "修改目標值",
        ["addActionPlan"] = "新增行動方案", ["deleteActionPlan"] = "刪除行動方案", ["editActionPlan"] = "修改行動方案名稱",
    };

    /// <summary>A row of the count table as the documents head it: 「顧客構面」, 「合計」.</summary>
    public static string PerspectiveLabel(string code) => code == "total"
        ? "合計"
        : Perspective.All.FirstOrDefault(p => p.Code == code) is { } p ? $"{p.NameZh}構面" : code;

    /// <summary>
    /// The revision from one version to the next: the changes, each with the reason the later version records
    /// for it, the changes its document states about facts the earlier version never held, the counts.
    /// </summary>
    /// <param name="movedTo">The organisation that now carries a KPI lineage this map dropped, if another one does.</param>
    /// <param name="describesBefore">The earlier version is the one just before: the later document's 修訂前 column speaks of it.</param>
    public static RevisionReading Read(StrategyMap before, StrategyMap after, Func<Guid, string?> movedTo, bool describesBefore)
    {
        var coverage = Coverage.Of(before, after, describesBefore);
        var (derived, notCompared) = Compare(before, after, movedTo, coverage);
        var stated = after.Revisions.Where(r => r.Year == after.Year && r.Code is not null).OrderBy(r => r.Ordinal).ToList();
        var reasons = stated.GroupBy(r => (r.Change, r.Code!)).ToDictionary(g => g.Key, g => g.First().Reason);
        var listed = derived.Select(c => (c.Objective, Change: new ReasonedChange(c.Change, c.Label, c.Code, c.Before, c.After, reasons.GetValueOrDefault(c.Key)))).ToList();

        // What the document states and the comparison cannot see, because the earlier version never held the fact,
        // is the document's word: listed as such. A reason kept for a change the comparison could see but no longer
        // finds (a draft's edit undone) is not a change.
        var found = derived.Select(c => c.Key).ToHashSet();
        foreach (var r in stated.Where(r => !found.Contains((r.Change, r.Code!))))
            if (KindOf(r.Change) is { } kind && !Visible(before, coverage, kind, r.Change, r.Code!))
                listed.Add((ObjectiveOf(r.Code!), new ReasonedChange(r.Change, Labels.GetValueOrDefault(r.Change, r.Change), r.Code!, r.Before, r.After, r.Reason, ByDocument: true)));

        var folded = GoWith(listed, derived);
        var rank = ObjectiveRanks(before, after);
        var changes = folded.OrderBy(c => c.Objective is { } o && rank.TryGetValue(o, out var i) ? i : int.MaxValue).Select(c => c.Change).ToList();
        var counts = Counts(before, after, coverage);
        return new RevisionReading(coverage, coverage.Notes(before, after, notCompared), changes, counts, Printed(coverage, counts));
    }

    /// <summary>
    /// Seed 003 lists a KPI's deletion alone: the objective it leaves empty (DF2) and the KPI renumbered to close its
    /// gap (DP3.4 → DP3.3) go with it, shown under it rather than as changes of their own.
    /// </summary>
    static List<(string? Objective, ReasonedChange Change)> GoWith(List<(string? Objective, ReasonedChange Change)> listed, List<DerivedChange> derived)
    {
        static bool Leaves(ReasonedChange c) => c.Change is "deleteKpi" or "moveKpiToOrganisation";
        var with = new Dictionary<ReasonedChange, List<DerivedChange>>();
        var folded = new HashSet<ReasonedChange>();
        foreach (var (objective, change) in listed)
        {
            if (change.ByDocument) continue;
            var derivedChange = derived.First(d => d.Key == (change.Change, change.Code));
            ReasonedChange? host = null;
            if (change.Change == "deleteObjective")
                host = listed.Select(l => l.Change).FirstOrDefault(l => Leaves(l) && ObjectiveOf(l.Code) == change.Code);
            else if (change.Change == "renumberKpi" && Number(change.Before) is { } from && Number(change.After) is { } to
                     && ObjectiveOf(change.Before!) == ObjectiveOf(change.After!)
                     && !listed.Any(l => l.Change.Change == "moveKpi" && l.Change.Code == change.Code))
            {
                var gaps = listed.Select(l => l.Change).Where(l => Leaves(l) && ObjectiveOf(l.Code) == ObjectiveOf(change.After!) && Number(l.Code) < from).ToList();
                if (gaps.Count > 0 && from - gaps.Count == to) host = gaps[^1];
            }
            if (host is null) continue;
            (with.TryGetValue(host, out var list) ? list : with[host] = []).Add(derivedChange);
            folded.Add(change);
        }
        return listed.Where(l => !folded.Contains(l.Change))
            .Select(l => (l.Objective, with.TryGetValue(l.Change, out var w) ? l.Change with { With = w } : l.Change)).ToList();
    }

    /// <summary>The number after the last dot of a code (DP3.4 → 4), null where it has none.</summary>
    static int? Number(string? code) =>
        code is not null && code.LastIndexOf('.') is var dot and > 0 && int.TryParse(code[(dot + 1)..], out var n) ? n : null;

    /// <summary>The objective a KPI or plan code is under as the codes are written (DC1.3.1 → DC1); the code itself for an objective.</summary>
    static string ObjectiveOf(string code)
    {
        var head = code.Split(' ')[0];
        return head.IndexOf('.') is var dot and > 0 ? head[..dot] : head;
    }

    static string? KindOf(string change) =>
        change.Contains("ActionPlan") ? "actionPlans" : change.Contains("Kpi") || change == "editTarget" ? "kpis" : change.Contains("Objective") ? "objectives" : null;

    /// <summary>Whether the comparison can see a stated change: the earlier version holds its fact, or, for an addition, holds the kind whole.</summary>
    static bool Visible(StrategyMap before, Coverage coverage, string kind, string change, string code)
    {
        if (change.StartsWith("add", StringComparison.Ordinal)) return coverage.AdditionsKnown(kind);
        var head = code.Split(' ')[0];
        return kind switch
        {
            "objectives" => before.Objectives.Any(o => o.Code == head),
            "kpis" => before.Kpis.Any(k => k.ParentId is null && k.Code == head),
            _ => before.ActionPlans.Any(a => a.Code == head),
        };
    }

    /// <summary>Objectives in the documents' order (perspective, then as listed), the later version's first; they order the change list.</summary>
    static Dictionary<string, int> ObjectiveRanks(StrategyMap before, StrategyMap after)
    {
        var rank = new Dictionary<string, int>();
        foreach (var map in new[] { after, before })
        {
            var order = map.PerspectiveOrder;
            foreach (var o in map.Objectives.OrderBy(o => order.IndexOf(o.Perspective, StringComparison.Ordinal) is var i and >= 0 ? i : 99).ThenBy(o => o.Ordinal))
                rank.TryAdd(o.Code, rank.Count);
        }
        return rank;
    }

    /// <summary>The changes found, and per kind what only one version holds where the other holds the kind in part (not judged).</summary>
    static (List<DerivedChange> Changes, Dictionary<string, IReadOnlyList<string>> NotCompared) Compare(StrategyMap before, StrategyMap after, Func<Guid, string?> movedTo, Coverage coverage)
    {
        var changes = new List<DerivedChange>();
        var notCompared = Coverage.Kinds.ToDictionary(k => k, _ => new List<string>());
        var objectiveCode = after.Objectives.Concat(before.Objectives).ToDictionary(o => o.Id, o => o.Code);

        var beforeObjectiveList = coverage.Objectives(before).ToList();
        var afterObjectiveList = coverage.Objectives(after).ToList();
        var beforeObjectives = ByCode(beforeObjectiveList, o => o.Code);
        var afterObjectives = ByCode(afterObjectiveList, o => o.Code);
        foreach (var o in afterObjectiveList.OrderBy(o => o.Ordinal))
        {
            if (!beforeObjectives.TryGetValue(o.Code, out var was))
            {
                if (coverage.AdditionsKnown("objectives")) changes.Add(new("addObjective", o.Code, null, o.Name, o.Code));
                else if (coverage.Before["objectives"].Holding == Holding.Part) notCompared["objectives"].Add(o.Code);
            }
            else
            {
                if (was.Name != o.Name) changes.Add(new("renameObjective", o.Code, was.Name, o.Name, o.Code));
                if (Coverage.ThemeOf(before, was) != Coverage.ThemeOf(after, o) || was.Perspective != o.Perspective)
                    changes.Add(new("moveObjective", o.Code, $"{Coverage.ThemeOf(before, was)}／{was.Perspective}", $"{Coverage.ThemeOf(after, o)}／{o.Perspective}", o.Code));
            }
        }
        foreach (var o in beforeObjectiveList.Where(o => !afterObjectives.ContainsKey(o.Code)).OrderBy(o => o.Ordinal))
        {
            if (coverage.DeletionsKnown("objectives")) changes.Add(new("deleteObjective", o.Code, o.Name, null, o.Code));
            else if (coverage.After["objectives"].Holding == Holding.Part) notCompared["objectives"].Add(o.Code);
        }

        var beforeInScope = beforeObjectiveList.Select(o => o.Id).ToHashSet();
        var afterInScope = afterObjectiveList.Select(o => o.Id).ToHashSet();
        var beforeKpiList = before.Kpis.Where(k => k.ParentId is null && beforeInScope.Contains(k.ObjectiveId)).ToList();
        var afterKpiList = after.Kpis.Where(k => k.ParentId is null && afterInScope.Contains(k.ObjectiveId)).ToList();
        var beforeKpis = beforeKpiList.GroupBy(k => k.LineageId).ToDictionary(g => g.Key, g => g.First());
        var afterKpis = afterKpiList.GroupBy(k => k.LineageId).ToDictionary(g => g.Key, g => g.First());
        foreach (var k in afterKpiList.OrderBy(k => k.Ordinal))
        {
            var objective = objectiveCode[k.ObjectiveId];
            if (!beforeKpis.TryGetValue(k.LineageId, out var was))
            {
                if (coverage.AdditionsKnown("kpis")) changes.Add(new("addKpi", k.Code, null, $"{k.Code} {k.Name}", objective));
                else if (coverage.Before["kpis"].Holding == Holding.Part) notCompared["kpis"].Add(k.Code);
                continue;
            }
            if (was.Code != k.Code) changes.Add(new("renumberKpi", k.Code, was.Code, k.Code, objective));
            if (was.Name != k.Name) changes.Add(new("renameKpi", k.Code, was.Name, k.Name, objective));
            if (objectiveCode[was.ObjectiveId] != objective) changes.Add(new("moveKpi", k.Code, objectiveCode[was.ObjectiveId], objective, objective));
            // A field a version does not state (no formula, no unit, direction unknown) is not held: no change.
            if (was.Formula is not null && k.Formula is not null && was.Formula != k.Formula) changes.Add(new("editKpiFormula", k.Code, was.Formula, k.Formula, objective));
            if (was.Unit is not null && k.Unit is not null && was.Unit != k.Unit) changes.Add(new("editKpiUnit", k.Code, was.Unit, k.Unit, objective));
            if (Known(was.Direction) && Known(k.Direction) && was.Direction != k.Direction)
                changes.Add(new("editKpiDirection", k.Code, Directions.Label(was.Direction), Directions.Label(k.Direction), objective));
            foreach (var target in k.Values.Where(v => v.Kind == ValueKind.Target && v.Period == Period.Y && v.Year >= after.Year).OrderBy(v => v.Year))
            {
                var old = was.Values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Period == Period.Y && v.Year == target.Year);
                if (old is not null && (old.Number != target.Number || old.Status != target.Status))
                    changes.Add(new("editTarget", $"{k.Code} {Common.RocYear.FromGregorian(target.Year)}", ValueWords.Of(old), ValueWords.Of(target), objective));
            }
        }
        foreach (var k in beforeKpiList.Where(k => !afterKpis.ContainsKey(k.LineageId)).OrderBy(k => k.Ordinal))
        {
            var objective = objectiveCode[k.ObjectiveId];
            if (!coverage.DeletionsKnown("kpis"))
            {
                if (coverage.After["kpis"].Holding == Holding.Part) notCompared["kpis"].Add(k.Code);
                continue;
            }
            changes.Add(movedTo(k.LineageId) is { } organisation
                ? new("moveKpiToOrganisation", k.Code, $"{k.Code} {k.Name}", organisation, objective)
                : new("deleteKpi", k.Code, $"{k.Code} {k.Name}", null, objective));
        }

        // A plan added or deleted with its KPI goes with that change (seed 003 lists the KPI only).
        var beforeKpiIds = beforeKpiList.Select(k => k.Id).ToHashSet();
        var afterKpiIds = afterKpiList.Select(k => k.Id).ToHashSet();
        var beforeLineage = before.Kpis.ToDictionary(k => k.Id, k => k.LineageId);
        var afterLineage = after.Kpis.ToDictionary(k => k.Id, k => k.LineageId);
        var kpiObjective = after.Kpis.Concat(before.Kpis).GroupBy(k => k.Id).ToDictionary(g => g.Key, g => objectiveCode.GetValueOrDefault(g.First().ObjectiveId));
        var beforePlanList = before.ActionPlans.Where(a => beforeKpiIds.Contains(a.KpiId)).ToList();
        var afterPlanList = after.ActionPlans.Where(a => afterKpiIds.Contains(a.KpiId)).ToList();
        var beforePlans = ByCode(beforePlanList, a => a.Code);
        var afterPlans = ByCode(afterPlanList, a => a.Code);
        foreach (var a in afterPlanList.OrderBy(a => a.Ordinal))
        {
            if (!beforePlans.TryGetValue(a.Code, out var was))
            {
                if (!beforeKpis.ContainsKey(afterLineage[a.KpiId])) continue;
                if (coverage.AdditionsKnown("actionPlans")) changes.Add(new("addActionPlan", a.Code, null, a.Name, kpiObjective[a.KpiId]));
                else if (coverage.Before["actionPlans"].Holding == Holding.Part) notCompared["actionPlans"].Add(a.Code);
            }
            else if (was.Name != a.Name) changes.Add(new("editActionPlan", a.Code, was.Name, a.Name, kpiObjective[a.KpiId]));
        }
        foreach (var a in beforePlanList.Where(a => !afterPlans.ContainsKey(a.Code) && afterKpis.ContainsKey(beforeLineage[a.KpiId])).OrderBy(a => a.Ordinal))
        {
            if (coverage.DeletionsKnown("actionPlans")) changes.Add(new("deleteActionPlan", a.Code, a.Name, null, kpiObjective[a.KpiId]));
            else if (coverage.After["actionPlans"].Holding == Holding.Part) notCompared["actionPlans"].Add(a.Code);
        }
        return (changes, notCompared.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value));
    }

    static bool Known(Direction? d) => d is { } v && v != Direction.Unknown;

    // The documents repeat a code now and then (the city's 107 plans): the first row of a code stands for it.
    static Dictionary<string, T> ByCode<T>(IEnumerable<T> rows, Func<T, string> code) =>
        rows.GroupBy(code).ToDictionary(g => g.Key, g => g.First());

    /// <summary>
    /// Objectives, KPIs and action plans per perspective, before and after, and the total (seed 003's table), in the
    /// themes compared. A kind a version does not hold whole is unknown; where the later document prints the
    /// earlier version's count, that stands in as the document's.
    /// </summary>
    static List<CountRow> Counts(StrategyMap before, StrategyMap after, Coverage coverage)
    {
        var perspectives = Perspective.InOrder(after.PerspectiveOrder).Select(p => p.Code).ToList();
        Dictionary<string, int> Count(StrategyMap m, string? perspective)
        {
            var objectives = coverage.Objectives(m).Where(o => perspective is null || o.Perspective == perspective).Select(o => o.Id).ToHashSet();
            var kpis = m.Kpis.Where(k => k.ParentId is null && objectives.Contains(k.ObjectiveId)).Select(k => k.Id).ToHashSet();
            return new() { ["objectives"] = objectives.Count, ["kpis"] = kpis.Count, ["actionPlans"] = m.ActionPlans.Count(a => kpis.Contains(a.KpiId)) };
        }
        return perspectives.Select(p => (Code: p, Perspective: (string?)p)).Append(("total", null)).Select(p =>
        {
            var (b, a) = (Count(before, p.Perspective), Count(after, p.Perspective));
            CountPair Pair(string kind)
            {
                int? afterCount = coverage.After[kind].Holding == Holding.Whole ? a[kind] : null;
                if (coverage.Before[kind].Holding == Holding.Whole) return new(b[kind], afterCount);
                return coverage.DescribesBefore && coverage.DocumentCounts.TryGetValue((p.Code, kind), out var printed) && printed.Before is { } documents
                    ? new(documents, afterCount, BeforeIsDocuments: true)
                    : new(null, afterCount);
            }
            return new CountRow(p.Code, Pair("objectives"), Pair("kpis"), Pair("actionPlans"));
        }).ToList();
    }

    /// <summary>The count table the document prints (revisionCounts), cell by cell, flagged where it disagrees with the computed one.</summary>
    static List<PrintedCount> Printed(Coverage coverage, IReadOnlyList<CountRow> counts) =>
        coverage.DocumentCounts.Select(cell =>
        {
            var computed = counts.FirstOrDefault(c => c.Perspective == cell.Key.Perspective)?.Of(cell.Key.What).After;
            return new PrintedCount(cell.Key.Perspective, cell.Key.What, cell.Value.AfterRaw, computed is not null && cell.Value.After is not null && cell.Value.After != computed);
        }).ToList();
}
