using System.Text.Json;
using Scorecard.Domain.Common;
using Scorecard.Domain.Maps;

namespace Scorecard.Domain.Revisions;

/// <summary>How much of one kind (objectives, KPIs, action plans) a version of a map holds.</summary>
public enum Holding
{
    /// <summary>All of it, as far as any document says.</summary>
    Whole,
    /// <summary>Some: a document prints a larger count for this version than it holds (seed 003's 108 results: 18 of 21 KPIs).</summary>
    Part,
    /// <summary>None: its documents printed none (a results document prints no action plans).</summary>
    None,
}

/// <summary>What a version holds of one kind: its holding, the count it holds, and the count a document prints for it, if one does.</summary>
public sealed record KindHeld(Holding Holding, int Count, int? Printed);

/// <summary>A cell pair of the count table a document prints (seed 003's 修訂前 / 修訂後), with the after-count as printed.</summary>
public sealed record DocumentCount(int? Before, int? After, string AfterRaw);

/// <summary>
/// What two versions of a map are compared on. A fact a version never held is unknown: not zero, and
/// no change. Only the themes both versions hold are compared (the 108 map holds theme D alone); in
/// them, an addition is found only where the earlier version holds that kind whole, a deletion only
/// where the later one does, and an edit only where both hold the field.
/// </summary>
/// <param name="Themes">Theme codes compared ("" for objectives without a theme, the city's TC1–TC4).</param>
/// <param name="DocumentCounts">The count table the later version's document prints, by perspective (C, P, L, F, total) and kind.</param>
/// <param name="DescribesBefore">Whether that table's 修訂前 column describes the earlier version (it is the one just before).</param>
public sealed record Coverage(
    IReadOnlySet<string> Themes, IReadOnlyList<string> OnlyBefore, IReadOnlyList<string> OnlyAfter,
    IReadOnlyDictionary<string, KindHeld> Before, IReadOnlyDictionary<string, KindHeld> After,
    IReadOnlyDictionary<(string Perspective, string What), DocumentCount> DocumentCounts, bool DescribesBefore)
{
    /// <summary>The kinds of the count table, as the documents order them.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["objectives", "kpis", "actionPlans"];

    public bool AdditionsKnown(string kind) => Before[kind].Holding == Holding.Whole;
    public bool DeletionsKnown(string kind) => After[kind].Holding == Holding.Whole;

    public static string ThemeOf(StrategyMap map, Objective o) => o.ThemeId is { } t ? map.Themes.First(x => x.Id == t).Code : "";

    /// <summary>The objectives of a version that are compared (their theme is held by both).</summary>
    public IEnumerable<Objective> Objectives(StrategyMap map) => map.Objectives.Where(o => Themes.Contains(ThemeOf(map, o)));

    /// <summary>What is compared between two versions, and how much of each kind each holds.</summary>
    /// <param name="describesBefore">The later version's printed count table describes the earlier version in its 修訂前 column.</param>
    public static Coverage Of(StrategyMap before, StrategyMap after, bool describesBefore)
    {
        var beforeThemes = before.Objectives.Select(o => ThemeOf(before, o)).ToHashSet();
        var afterThemes = after.Objectives.Select(o => ThemeOf(after, o)).ToHashSet();
        // With no earlier version at all nothing is compared, but the later one is still counted whole.
        var themes = before.Objectives.Count == 0 ? afterThemes : beforeThemes.Intersect(afterThemes).ToHashSet();
        var document = DocumentCountsOf(after);
        // The document's table speaks of the themes the later version holds; where only some of them are compared it is no measure.
        var usable = document.Count > 0 && themes.SetEquals(afterThemes);
        int? PrintedTotal(string what, Func<DocumentCount, int?> pick) =>
            usable && document.TryGetValue(("total", what), out var cell) ? pick(cell) : null;

        Dictionary<string, KindHeld> Held(StrategyMap map, bool isBefore)
        {
            var objectives = map.Objectives.Where(o => themes.Contains(ThemeOf(map, o))).Select(o => o.Id).ToHashSet();
            var kpis = map.Kpis.Where(k => k.ParentId is null && objectives.Contains(k.ObjectiveId)).Select(k => k.Id).ToHashSet();
            var counts = new Dictionary<string, int>
            {
                ["objectives"] = objectives.Count, ["kpis"] = kpis.Count, ["actionPlans"] = map.ActionPlans.Count(a => kpis.Contains(a.KpiId)),
            };
            return Kinds.ToDictionary(k => k, k =>
            {
                var printed = isBefore ? (describesBefore ? PrintedTotal(k, c => c.Before) : null) : PrintedTotal(k, c => c.After);
                var holding = counts[k] == 0 ? Holding.None : printed > counts[k] ? Holding.Part : Holding.Whole;
                return new KindHeld(holding, counts[k], printed);
            });
        }
        static List<string> Sorted(IEnumerable<string> t) => t.Where(c => c != "").Order(StringComparer.Ordinal).ToList();
        return new Coverage(themes, Sorted(beforeThemes.Except(afterThemes)), before.Objectives.Count == 0 ? [] : Sorted(afterThemes.Except(beforeThemes)),
            Held(before, true), Held(after, false), usable ? document : new Dictionary<(string, string), DocumentCount>(), describesBefore && usable);
    }

    /// <summary>
    /// Where either version is incomplete, in words: 「108 年版本未含行動方案資料」. <paramref name="notCompared"/>
    /// lists, per kind, what only one version holds and the comparison cannot judge (DP3.4, DL1.1, DF1.1).
    /// </summary>
    public IReadOnlyList<FormattableString> Notes(StrategyMap before, StrategyMap after, IReadOnlyDictionary<string, IReadOnlyList<string>> notCompared)
    {
        var notes = new List<FormattableString>();
        if (before.Objectives.Count == 0) return notes;   // no earlier version: the page says so itself
        var (b, a) = (Said.Year(before.RocYear), Said.Year(after.RocYear));
        if (OnlyBefore.Count > 0) notes.Add($"{a} 年版本未含主題 {Said.List(OnlyBefore)}：這些主題不比較。");
        if (OnlyAfter.Count > 0) notes.Add($"{b} 年版本未含主題 {Said.List(OnlyAfter)}：這些主題不比較。");
        foreach (var (map, year, held, other) in new[] { (before, b, Before, After), (after, a, After, Before) })
            foreach (var kind in Kinds)
            {
                var k = held[kind];
                if (k.Holding == Holding.None && other[kind].Count > 0)
                    notes.Add($"{year} 年版本未含{KindWord(kind)}資料，不比較。");
                else if (k.Holding == Holding.Part && ReferenceEquals(held, Before))
                    notes.Add($"{year} 年版本僅含{KindWord(kind)} {k.Count} 項（文件所載 {k.Printed} 項），新增無從比較。");
                else if (k.Holding == Holding.Part)
                    notes.Add($"{year} 年版本僅含{KindWord(kind)} {k.Count} 項（文件所載 {k.Printed} 項），刪除無從比較。");
            }
        foreach (var kind in Kinds)
            if (notCompared.GetValueOrDefault(kind) is { Count: > 0 } codes)
                notes.Add($"{Said.List(codes)} 僅見於其中一版，無從判斷是否增刪，不列為修正。");
        if (DescribesBefore && Kinds.Any(k => Before[k].Holding != Holding.Whole && Before[k].Printed is not null))
            notes.Add($"{b} 年版本不完整之處，修訂前數量以文件所載為準。");
        return notes;
    }

    static FormattableString KindWord(string kind) => kind switch
    {
        "objectives" => $"策略目標",
        "kpis" => $"KPI",
        _ => $"行動方案",
    };

    /// <summary>The count table the document prints (revisionCounts), by perspective and kind.</summary>
    public static IReadOnlyDictionary<(string Perspective, string What), DocumentCount> DocumentCountsOf(StrategyMap map)
    {
        var cells = new Dictionary<(string, string), DocumentCount>();
        if (map.ExtraJson is null) return cells;
        using var doc = JsonDocument.Parse(map.ExtraJson);
        if (!doc.RootElement.TryGetProperty("revisionCounts", out var table) || !table.TryGetProperty("rows", out var rows) || rows.ValueKind != JsonValueKind.Array)
            return cells;
        static int? Number(JsonElement cell, string name) =>
            cell.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var i) ? i : null;
        foreach (var row in rows.EnumerateArray())
        {
            if (!row.TryGetProperty("perspective", out var p) || p.GetString() is not { } perspective) continue;
            foreach (var what in Kinds)
                if (row.TryGetProperty(what, out var cell) && cell.ValueKind == JsonValueKind.Object)
                {
                    var after = Number(cell, "after");
                    var raw = cell.TryGetProperty("afterRaw", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : $"{after}";
                    cells[(perspective, what)] = new DocumentCount(Number(cell, "before"), after, raw);
                }
        }
        return cells;
    }
}
