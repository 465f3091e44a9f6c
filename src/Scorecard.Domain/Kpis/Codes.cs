using System.Text.RegularExpressions;
using Scorecard.Domain.Common;

namespace Scorecard.Domain.Kpis;

/// <summary>
/// The numbering of maps: objective AC1 = theme A, perspective C, number 1; KPI AC1.1;
/// action plan AC1.1.1; city-wide shared objectives TC1–TC4. The documents also print
/// irregular codes (BP3.1-2, CP.3.2.1, full-width digits): those are kept as written
/// and reported as warnings, never refused.
/// </summary>
public static partial class Codes
{
    public const int MaxActionPlansPerKpi = 3;

    [GeneratedRegex(@"^(?<theme>[A-Z])(?<persp>[CPLF])(?<n>[0-9]+)$")]
    private static partial Regex ObjectivePattern();

    [GeneratedRegex(@"^(?<objective>[A-Z][CPLF][0-9]+)\.(?<n>[0-9]+)$")]
    private static partial Regex KpiPattern();

    [GeneratedRegex(@"^(?<kpi>[A-Z][CPLF][0-9]+\.[0-9]+)\.(?<n>[0-9]+)$")]
    private static partial Regex ActionPlanPattern();

    /// <summary>The theme and perspective a regular objective code names, or null when irregular.</summary>
    public static (string Theme, string Perspective)? ParseObjective(string code)
    {
        var m = ObjectivePattern().Match(code);
        return m.Success ? (m.Groups["theme"].Value, m.Groups["persp"].Value) : null;
    }

    /// <summary>Warnings for an objective code: irregular form, or a theme/perspective it does not match.</summary>
    public static IEnumerable<FormattableString> CheckObjective(string code, string? themeCode, string perspective)
    {
        var parsed = ParseObjective(code);
        if (parsed is null)
        {
            yield return $"策略目標代碼「{code}」不符「主題＋構面＋序號」（如 AC1）的格式，依原文保留。";
            yield break;
        }
        // City-wide shared objectives are lettered T and belong to no theme.
        var expectedTheme = themeCode ?? "T";
        if (parsed.Value.Theme != expectedTheme)
            yield return $"策略目標代碼「{code}」的主題字母與所屬主題 {expectedTheme} 不符。";
        if (parsed.Value.Perspective != perspective)
            yield return $"策略目標代碼「{code}」的構面字母與所屬構面 {perspective} 不符。";
    }

    public static IEnumerable<FormattableString> CheckKpi(string code, string objectiveCode)
    {
        var m = KpiPattern().Match(code);
        if (!m.Success)
            yield return $"KPI 代碼「{code}」不符「策略目標＋.序號」（如 AC1.1）的格式，依原文保留。";
        else if (m.Groups["objective"].Value != objectiveCode)
            yield return $"KPI 代碼「{code}」不在策略目標 {objectiveCode} 之下，依原文保留。";
    }

    public static IEnumerable<FormattableString> CheckActionPlan(string code, string kpiCode)
    {
        var m = ActionPlanPattern().Match(code);
        if (!m.Success)
            yield return $"行動方案代碼「{code}」不符「KPI＋.序號」（如 AC1.1.1）的格式，依原文保留。";
        else if (m.Groups["kpi"].Value != kpiCode)
            yield return $"行動方案代碼「{code}」不在 KPI {kpiCode} 之下，依原文保留。";
    }

    /// <summary>
    /// The item a code names: the one written exactly so, else the one whose code reads the same
    /// with full-width digits and letters as ASCII (a workbook's 「CF3.3.1」 is the map's 「CF３.3.1」).
    /// </summary>
    public static T? Find<T>(IEnumerable<T> items, Func<T, string> code, string wanted) where T : class
    {
        if (items.FirstOrDefault(i => code(i) == wanted) is { } exact)
            return exact;
        var narrow = HalfWidth.Of(wanted);
        return items.FirstOrDefault(i => HalfWidth.Of(code(i)) == narrow);
    }

    /// <summary>001 form rule 3: at most three action plans per KPI. A warning, not a refusal.</summary>
    public static FormattableString? CheckActionPlanCount(string kpiCode, int count) =>
        count > MaxActionPlansPerKpi
            ? (FormattableString)$"KPI {kpiCode} 有 {count} 項行動方案，超過填表說明「1項KPI之行動方案請勿超過3項」。"
            : null;
}
