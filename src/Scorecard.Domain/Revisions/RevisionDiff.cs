using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Values;

namespace Scorecard.Domain.Revisions;

/// <summary>One change of a revision as the comparison of two versions finds it; <see cref="Code"/> is the code after the change (before, for a deletion).</summary>
public sealed record DerivedChange(string Change, string Code, string? Before, string? After)
{
    public (string, string) Key => (Change, Code);
}

public sealed record CountPair(int Before, int After)
{
    /// <summary>As seed 003 prints the after-count: 「7(-1)」, 「3」.</summary>
    public string Printed => After == Before ? $"{After}" : $"{After}({After - Before:+0;-0})";
}

/// <summary>A derived change with its label and the reason recorded for it (修正方向/原因), if any yet.</summary>
public sealed record ReasonedChange(string Change, string Label, string Code, string? Before, string? After, string? Reason);

/// <summary>A cell of the count table the document prints (seed 003), beside the computed one.</summary>
public sealed record PrintedCount(string Perspective, string What, string Printed, bool Disagrees)
{
    /// <summary>How a page or report shows it under the computed count.</summary>
    public string Words => Disagrees ? $"文件所載 {Printed}，與地圖不符" : $"文件所載 {Printed}";
}

/// <summary>A row of the revision's count table: a perspective (C, P, L, F) or 「total」.</summary>
public sealed record CountRow(string Perspective, CountPair Objectives, CountPair Kpis, CountPair ActionPlans);

/// <summary>
/// 滾動修正 derived, not typed: what changed from one version of a map to the next. KPIs are matched
/// by lineage (so a renumbered or renamed KPI is one change, not a deletion and an addition);
/// objectives and action plans by code.
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

    /// <summary>The changes from one version to the next, each with the reason the later version records for it.</summary>
    public static List<ReasonedChange> WithReasons(StrategyMap before, StrategyMap after, Func<Guid, string?> movedTo)
    {
        var reasons = after.Revisions.Where(r => r.Year == after.Year && r.Code is not null)
            .GroupBy(r => (r.Change, r.Code!)).ToDictionary(g => g.Key, g => g.First().Reason);
        return Changes(before, after, movedTo)
            .Select(c => new ReasonedChange(c.Change, Labels.GetValueOrDefault(c.Change, c.Change), c.Code, c.Before, c.After, reasons.GetValueOrDefault(c.Key)))
            .ToList();
    }

    /// <summary>A row of the count table as the documents head it: 「顧客構面」, 「合計」.</summary>
    public static string PerspectiveLabel(string code) => code == "total"
        ? "合計"
        : Perspective.All.FirstOrDefault(p => p.Code == code) is { } p ? $"{p.NameZh}構面" : code;

    /// <param name="movedTo">The organisation that now carries a KPI lineage this map dropped, if another one does.</param>
    public static List<DerivedChange> Changes(StrategyMap before, StrategyMap after, Func<Guid, string?> movedTo)
    {
        var changes = new List<DerivedChange>();
        var objectiveCode = after.Objectives.Concat(before.Objectives).ToDictionary(o => o.Id, o => o.Code);
        string ThemeOf(StrategyMap m, Objective o) => o.ThemeId is { } t ? m.Themes.First(x => x.Id == t).Code : "";

        var beforeObjectives = ByCode(before.Objectives, o => o.Code);
        var afterObjectives = ByCode(after.Objectives, o => o.Code);
        foreach (var o in after.Objectives.OrderBy(o => o.Ordinal))
        {
            if (!beforeObjectives.TryGetValue(o.Code, out var was))
                changes.Add(new("addObjective", o.Code, null, o.Name));
            else
            {
                if (was.Name != o.Name) changes.Add(new("renameObjective", o.Code, was.Name, o.Name));
                if (ThemeOf(before, was) != ThemeOf(after, o) || was.Perspective != o.Perspective)
                    changes.Add(new("moveObjective", o.Code, $"{ThemeOf(before, was)}／{was.Perspective}", $"{ThemeOf(after, o)}／{o.Perspective}"));
            }
        }
        changes.AddRange(before.Objectives.Where(o => !afterObjectives.ContainsKey(o.Code)).OrderBy(o => o.Ordinal).Select(o => new DerivedChange("deleteObjective", o.Code, o.Name, null)));

        var beforeKpis = before.Kpis.Where(k => k.ParentId is null).GroupBy(k => k.LineageId).ToDictionary(g => g.Key, g => g.First());
        var afterKpis = after.Kpis.Where(k => k.ParentId is null).GroupBy(k => k.LineageId).ToDictionary(g => g.Key, g => g.First());
        foreach (var k in after.Kpis.Where(k => k.ParentId is null).OrderBy(k => k.Ordinal))
        {
            if (!beforeKpis.TryGetValue(k.LineageId, out var was))
            {
                changes.Add(new("addKpi", k.Code, null, $"{k.Code} {k.Name}"));
                continue;
            }
            if (was.Code != k.Code) changes.Add(new("renumberKpi", k.Code, was.Code, k.Code));
            if (was.Name != k.Name) changes.Add(new("renameKpi", k.Code, was.Name, k.Name));
            if (objectiveCode[was.ObjectiveId] != objectiveCode[k.ObjectiveId]) changes.Add(new("moveKpi", k.Code, objectiveCode[was.ObjectiveId], objectiveCode[k.ObjectiveId]));
            if (was.Formula != k.Formula) changes.Add(new("editKpiFormula", k.Code, was.Formula, k.Formula));
            if (was.Unit != k.Unit) changes.Add(new("editKpiUnit", k.Code, was.Unit, k.Unit));
            if (was.Direction != k.Direction) changes.Add(new("editKpiDirection", k.Code, Directions.Label(was.Direction), Directions.Label(k.Direction)));
            foreach (var target in k.Values.Where(v => v.Kind == ValueKind.Target && v.Period == Period.Y && v.Year >= after.Year).OrderBy(v => v.Year))
            {
                var old = was.Values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Period == Period.Y && v.Year == target.Year);
                if (old is not null && (old.Number != target.Number || old.Status != target.Status))
                    changes.Add(new("editTarget", $"{k.Code} {Common.RocYear.FromGregorian(target.Year)}", ValueWords.Of(old), ValueWords.Of(target)));
            }
        }
        foreach (var k in before.Kpis.Where(k => k.ParentId is null && !afterKpis.ContainsKey(k.LineageId)).OrderBy(k => k.Ordinal))
            changes.Add(movedTo(k.LineageId) is { } organisation
                ? new("moveKpiToOrganisation", k.Code, $"{k.Code} {k.Name}", organisation)
                : new("deleteKpi", k.Code, $"{k.Code} {k.Name}", null));

        // A plan added or deleted with its KPI goes with that change (seed 003 lists the KPI only).
        var beforeLineage = before.Kpis.ToDictionary(k => k.Id, k => k.LineageId);
        var afterLineage = after.Kpis.ToDictionary(k => k.Id, k => k.LineageId);
        var beforePlans = ByCode(before.ActionPlans, a => a.Code);
        var afterPlans = ByCode(after.ActionPlans, a => a.Code);
        foreach (var a in after.ActionPlans.OrderBy(a => a.Ordinal))
        {
            if (!beforePlans.TryGetValue(a.Code, out var was))
            {
                if (beforeKpis.ContainsKey(afterLineage[a.KpiId])) changes.Add(new("addActionPlan", a.Code, null, a.Name));
            }
            else if (was.Name != a.Name) changes.Add(new("editActionPlan", a.Code, was.Name, a.Name));
        }
        changes.AddRange(before.ActionPlans.Where(a => !afterPlans.ContainsKey(a.Code) && afterKpis.ContainsKey(beforeLineage[a.KpiId]))
            .OrderBy(a => a.Ordinal).Select(a => new DerivedChange("deleteActionPlan", a.Code, a.Name, null)));
        return changes;
    }

    // The documents repeat a code now and then (the city's 107 plans): the first row of a code stands for it.
    static Dictionary<string, T> ByCode<T>(IEnumerable<T> rows, Func<T, string> code) =>
        rows.GroupBy(code).ToDictionary(g => g.Key, g => g.First());

    /// <summary>Objectives, KPIs and action plans per perspective, before and after, and the total (seed 003's table).</summary>
    public static List<CountRow> Counts(StrategyMap before, StrategyMap after)
    {
        var perspectives = Perspective.InOrder(after.PerspectiveOrder).Select(p => p.Code).ToList();
        (int, int, int) Count(StrategyMap m, string? perspective)
        {
            var objectives = m.Objectives.Where(o => perspective is null || o.Perspective == perspective).Select(o => o.Id).ToHashSet();
            var kpis = m.Kpis.Where(k => k.ParentId is null && objectives.Contains(k.ObjectiveId)).Select(k => k.Id).ToHashSet();
            return (objectives.Count, kpis.Count, m.ActionPlans.Count(a => kpis.Contains(a.KpiId)));
        }
        return perspectives.Select(p => (Code: p, Perspective: (string?)p)).Append(("total", null)).Select(p =>
        {
            var (bo, bk, ba) = Count(before, p.Perspective);
            var (ao, ak, aa) = Count(after, p.Perspective);
            return new CountRow(p.Code, new(bo, ao), new(bk, ak), new(ba, aa));
        }).ToList();
    }

    /// <summary>The count table the document prints (revisionCounts), cell by cell, flagged where it disagrees with the computed one.</summary>
    public static List<PrintedCount> Printed(StrategyMap map, IReadOnlyList<CountRow> counts)
    {
        var printed = new List<PrintedCount>();
        if (map.ExtraJson is null) return printed;
        using var doc = System.Text.Json.JsonDocument.Parse(map.ExtraJson);
        if (!doc.RootElement.TryGetProperty("revisionCounts", out var table) || !table.TryGetProperty("rows", out var rows))
            return printed;
        foreach (var row in rows.EnumerateArray())
        {
            var perspective = row.GetProperty("perspective").GetString()!;
            var computed = counts.FirstOrDefault(c => c.Perspective == perspective);
            foreach (var (what, pick) in new (string, Func<CountRow, CountPair>)[] { ("objectives", c => c.Objectives), ("kpis", c => c.Kpis), ("actionPlans", c => c.ActionPlans) })
            {
                if (!row.TryGetProperty(what, out var cell)) continue;
                var after = cell.TryGetProperty("after", out var a) && a.ValueKind == System.Text.Json.JsonValueKind.Number ? a.GetInt32() : (int?)null;
                var raw = cell.TryGetProperty("afterRaw", out var r) ? r.GetString() ?? "" : $"{after}";
                printed.Add(new PrintedCount(perspective, what, raw, computed is not null && after is not null && after != pick(computed).After));
            }
        }
        return printed;
    }
}
