using Scorecard.Domain.Common;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Values;

namespace Scorecard.Interchange.Reports;

/// <summary>A row of a theme's table: 構面, 策略目標, KPI, its actuals of the three years before, the plan year's target, 行動方案.</summary>
public sealed record BriefingRow(string Perspective, string Objective, string Kpi, IReadOnlyList<string> Actuals, string Target, IReadOnlyList<string> Plans);

public sealed record BriefingTheme(string Code, string Name, IReadOnlyList<BriefingRow> Rows);

/// <summary>
/// A district office's briefing deck of its map and scorecard (seed 002): the cover, the parent organisation's map and
/// the office's own, then per theme the 8-column table, every figure with its printed text (75.0%, 公式調整不適用).
/// </summary>
public sealed record BriefingDeck(string Organisation, int RocYear, string Subtitle, MapGrid Map, MapGrid? ParentMap, IReadOnlyList<BriefingTheme> Themes)
{
    public int KpiCount => Themes.Sum(t => t.Rows.Count);
    public string Title => $"{Organisation}{Subtitle}";

    public static FormattableString MapAndScorecard => $"策略地圖與平衡計分卡";
    public static FormattableString ThemeHeading(string code, string name) => $"策略主題：({code}){name}";
    public static IReadOnlyList<FormattableString> Columns(int year) =>
        [$"構面", $"策略目標", $"KPI(關鍵績效指標)", $"{Said.Year(year - 3)}年實際值", $"{Said.Year(year - 2)}年實際值", $"{Said.Year(year - 1)}年實際值", $"{Said.Year(year)}年目標值", $"行動方案"];

    /// <param name="parent">The parent organisation's map of the same year (民政局's), where the product holds one.</param>
    public static BriefingDeck Build(StrategyMap map, StrategyMap? parent, ReportWords? words = null)
    {
        words ??= ReportWords.Chinese;
        var perspectives = Perspective.InOrder(map.PerspectiveOrder);
        var themes = new List<BriefingTheme>();
        foreach (var theme in map.Themes.OrderBy(t => t.Ordinal).ThenBy(t => t.Code))
        {
            var rows = new List<BriefingRow>();
            foreach (var p in perspectives)
                foreach (var o in map.Objectives.Where(o => o.ThemeId == theme.Id && o.Perspective == p.Code).OrderBy(o => o.Ordinal))
                    foreach (var k in map.Kpis.Where(k => k.ParentId is null && k.ObjectiveId == o.Id).OrderBy(k => k.Ordinal))
                        rows.Add(new BriefingRow(words.Say($"{p.NameZh}構面"), $"{o.Code} {o.Name}", $"{k.Code} {k.Name}",
                            Enumerable.Range(map.Year - 3, 3).Select(y => Printed(k, ValueKind.Actual, y)).ToList(),
                            Printed(k, ValueKind.Target, map.Year),
                            map.ActionPlans.Where(a => a.KpiId == k.Id).OrderBy(a => a.Ordinal).Select(a => $"{a.Code}{a.Name}").ToList()));
            themes.Add(new BriefingTheme(theme.Code, theme.Name, rows));
        }
        return new BriefingDeck(map.Organisation.Name, map.RocYear, words.Say(MapAndScorecard), Grid(map, words), parent is null ? null : Grid(parent, words), themes);
    }

    static MapGrid Grid(StrategyMap map, ReportWords words) => MapGrid.Of(map, $"{map.Organisation.Name}策略地圖", words);

    static string Printed(Domain.Kpis.Kpi k, ValueKind kind, int year) =>
        k.Values.FirstOrDefault(v => v.Kind == kind && v.Year == year && v.Period == Period.Y) is { } v ? ValueWords.Of(v) ?? "—" : "—";
}
