using System.Text.RegularExpressions;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;

namespace Scorecard.Interchange.Reports;

/// <summary>One 目標達成度 of an item; an item reporting sub-measures apart has one per part (「圖片目標達成度 110%、影片目標達成度 234.8%」).</summary>
/// <param name="Computed">False where no target and actual allow computing it and the figure is the one the agency reported.</param>
public sealed record CouncilAchievement(string? Part, decimal Percent, bool Computed);

/// <summary>「(一)縮短職舍配住日數：<執行情形>，目標達成度 100%。」</summary>
/// <param name="Verbatim">
/// The narrative is the agency's sentence as written, its achievement clause included where it has one (「完成率目標達成度100%」,
/// 「目標達成度為 121.4%」) or none where it states none (六(二)): printed as is. Only where every achievement the rules compute agrees
/// with the agency's own; else the sentence is printed without its clause and the computed achievement after it.
/// </param>
public sealed record CouncilItem(string? Code, string Name, string Narrative, IReadOnlyList<CouncilAchievement> Achievements, bool Verbatim = false)
{
    /// <summary>The item as the report prints it after its number.</summary>
    public string Text
    {
        get
        {
            if (Verbatim)
                return $"{Name}：{Narrative}。";
            var achievements = string.Join("、", Achievements.Select(a => $"{a.Part}目標達成度 {ValueWords.Number(a.Percent)}%"));
            var body = (Narrative, achievements) switch
            {
                ("", "") => "",
                ("", _) => achievements,
                (_, "") => Narrative,
                _ => $"{Narrative}，{achievements}",
            };
            return $"{Name}：{body}。";
        }
    }
}

public sealed record CouncilTheme(string Code, string Name, IReadOnlyList<CouncilItem> Items);

/// <summary>
/// 議會報告, section 貳 (seed 004): 「策略目標與關鍵績效指標(KPI)之執行情形」 — per theme 「一、優化職舍環境」,
/// per KPI 「(一)縮短職舍配住日數：<執行情形>，目標達成度 100%。」. The narrative is the one entered for
/// the period (or, for a period closing the year, the one a year-end result states, as the agency worded it);
/// the achievement is computed by the map's rules from target and actual, and only where it cannot be is the
/// agency's own figure printed. Where no narrative was entered, the sentence states the period's target and
/// actual. A KPI with neither is in <see cref="NotReported"/>: the product's pages list it; the document that
/// goes to the council does not.
/// </summary>
/// <param name="NotReported">The KPIs with neither a narrative nor a figure for the period, 「AC1.1 名稱」: listed on the report's page, not left out silently.</param>
public sealed record CouncilReport(string Title, string Organisation, int RocYear, Period Period, IReadOnlyList<CouncilTheme> Themes,
    IReadOnlyList<string> NotReported)
{
    // The document's own headings, said by the writers in the reader's language (ReportWords).
    public static FormattableString SectionHeading => $"貳、策略目標與關鍵績效指標(KPI)之執行情形";
    public static FormattableString NothingPublished => $"本期尚無已發布的執行情形。";
    /// <summary>Every page's footer, before the page number: 「臺北市政府秘書處工作報告 22」.</summary>
    public static FormattableString Footer(string organisation) => $"{organisation}工作報告";
    public static FormattableString NotReportedLine(IReadOnlyList<string> kpis) => $"本期尚未提報之 KPI：{Said.List(kpis)}。";

    public int ItemCount => Themes.Sum(t => t.Items.Count);

    /// <param name="scoring">The year's map (its own or the one in force for it), scored: its KPIs and its year-end results (evaluations).</param>
    /// <param name="narratives">The period's published submissions, by KPI: the 執行情形 the agencies entered.</param>
    public static CouncilReport Build(MapScoring scoring, Period period, IReadOnlyDictionary<Guid, Submission> narratives, ReportWords? words = null)
    {
        words ??= ReportWords.Chinese;
        var map = scoring.Map;
        var rocYear = Domain.Common.RocYear.FromGregorian(map.ViewYear);
        var themeOfObjective = map.Objectives.ToDictionary(o => o.Id, o => o.ThemeId is { } id ? map.Themes.First(t => t.Id == id).Code : null);
        var kpis = map.Kpis.Where(k => k.ParentId is null).OrderBy(k => k.Ordinal).ToList();
        var items = new List<(string? Theme, CouncilItem Item)>();

        // Year-end results (one per numbered item; an item reporting parts apart has one per part).
        var covered = new HashSet<string>();
        if (EndsYear(period))
            foreach (var group in Sections(scoring.Evaluations.Where(e => e.Evaluation.Year == map.ViewYear)))
            {
                var first = group[0].Evaluation;
                var kpi = first.KpiCode is { } code ? kpis.FirstOrDefault(k => k.Code == code) : null;
                if (kpi is not null && narratives.ContainsKey(kpi.Id))
                    continue;   // the narrative entered for the year speaks for it
                if (first.KpiCode is not null) covered.Add(first.KpiCode);
                // A result that names only its objective (「加強宣傳本市城市交流成果」, BC1) speaks for that objective's KPIs.
                else if (Json.ExtraFacts.Text(first.ExtraJson, "objective") is { } objective)
                    covered.UnionWith(kpis.Where(k => map.Objectives.Any(o => o.Id == k.ObjectiveId && o.Code == objective)).Select(k => k.Code));
                var theme = first.ThemeCode ?? (kpi is null ? null : themeOfObjective[kpi.ObjectiveId]);
                items.Add((theme, FromResults(group, kpi, rocYear)));
            }

        var notReported = new List<string>();
        foreach (var kpi in kpis.Where(k => !covered.Contains(k.Code)))
        {
            var narrative = narratives.GetValueOrDefault(kpi.Id)?.Narrative?.Trim().TrimEnd('。');
            var figures = Figures(kpi, map.ViewYear, period, rocYear);
            if (narrative is null && figures is null)
            {
                notReported.Add($"{kpi.Code} {kpi.Name}");
                continue;
            }
            var result = scoring.For(kpi).Results.FirstOrDefault(r => r.Year == map.ViewYear && r.Period == period);
            var achievements = result?.Percent is { } p ? new[] { new CouncilAchievement(null, p, true) } : [];
            items.Add((themeOfObjective[kpi.ObjectiveId], new CouncilItem(kpi.Code, kpi.Name, narrative ?? figures!, achievements)));
        }

        // Themes in the order their items come: a year's results in the order the agency reported them
        // (seed 004 puts 優化文檔效能 second), else the map's own order.
        var themes = map.Themes.OrderBy(t => t.Ordinal).ThenBy(t => t.Code)
            .Select(t => new CouncilTheme(t.Code, t.Name, items.Where(i => i.Theme == t.Code).Select(i => i.Item).ToList()))
            .OrderBy(t => t.Items.Count == 0 ? int.MaxValue : items.FindIndex(i => i.Theme == t.Code))
            .ToList();
        var homeless = items.Where(i => themes.All(t => t.Code != i.Theme)).Select(i => i.Item).ToList();
        if (homeless.Count > 0)
            themes.Add(new CouncilTheme("", words.Say($"全府共同目標及其他"), homeless));
        return new CouncilReport(words.Say($"{map.Organisation.Name} {PolicyReport.PeriodWords(rocYear, period)}議會工作報告"), map.Organisation.Name, rocYear, period,
            themes.Where(t => t.Items.Count > 0).ToList(), notReported);
    }

    /// <summary>
    /// A period that closes the year reads the year's results: the second half's report to the council states the year-end
    /// figures (seed 004, 「106 年 7 至 12 月」: 「全年共配住 25 件」), as does the fourth quarter's.
    /// </summary>
    public static bool EndsYear(Period period) => period is Period.Y or Period.H2 or Period.Q4;

    /// <summary>Results in document order, those of one numbered item (same section) together.</summary>
    static IEnumerable<List<EvaluationScore>> Sections(IEnumerable<EvaluationScore> results)
    {
        var group = new List<EvaluationScore>();
        foreach (var s in results)
        {
            if (group.Count > 0 && (s.Evaluation.Section is null || s.Evaluation.Section != group[0].Evaluation.Section))
            {
                yield return group;
                group = [];
            }
            group.Add(s);
        }
        if (group.Count > 0) yield return group;
    }

    static CouncilItem FromResults(List<EvaluationScore> group, Kpi? kpi, int rocYear)
    {
        var first = group[0].Evaluation;
        var raw = Json.ExtraFacts.Text(first.ExtraJson, "raw");
        // The item's heading is the words before 「：」 of its text; else its KPI's name.
        var colon = raw?.IndexOf('：') ?? -1;
        var name = colon > 0 ? raw![..colon] : Json.ExtraFacts.Text(first.ExtraJson, "name") ?? kpi?.Name ?? first.KpiCode ?? "";
        var parts = group.Select(s => s.Evaluation.Part).OfType<string>().ToList();
        var achievements = group
            .Select(s => (s.Evaluation.Part, Percent: s.Achievement.Percent ?? s.Evaluation.AchievementReported, Computed: s.Achievement.Percent is not null))
            .Where(a => a.Percent is not null)
            .Select(a => new CouncilAchievement(group.Count > 1 ? a.Part : null, a.Percent!.Value, a.Computed))
            .ToList();
        if (raw is null)
            return new CouncilItem(first.KpiCode, name, Figures(kpi?.Unit, first.Target, first.Actual, rocYear), achievements);
        // The agency's sentence stands as written where the rules compute what it states, or it states none (六(二)).
        var agrees = group.All(s => s.Achievement.Percent is not { } computed || s.Evaluation.AchievementReported is not { } reported || computed == reported);
        var states = group.Any(s => s.Evaluation.AchievementReported is not null);
        if (agrees || !states)
            return new CouncilItem(first.KpiCode, name, raw[(colon + 1)..].Trim().TrimEnd('。'), achievements, Verbatim: true);
        return new CouncilItem(first.KpiCode, name, WithoutAchievement(raw[(colon + 1)..], parts), achievements);
    }

    /// <summary>The narrative without the closing 「，目標達成度 100%。」 the report writes itself.</summary>
    static string WithoutAchievement(string text, IReadOnlyList<string> parts)
    {
        var part = parts.Count == 0 ? "" : $"(?:{string.Join("|", parts.Select(Regex.Escape))})?";
        var clause = $@"(?:[，、；]?\s*{part}\s*目標達成度(?:為)?\s*[\d.]+\s*%)+\s*[。．]?\s*$";
        return Regex.Replace(text.Trim(), clause, "").Trim().TrimEnd('。', '，');
    }

    /// <summary>Where no narrative was entered: the period's target and actual in words (amounts as 「54 萬 9,542 元」); null without an actual.</summary>
    static string? Figures(Kpi kpi, int year, Period period, int rocYear)
    {
        var target = kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == year && v.Period == period)
            ?? kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == year && v.Period == Period.Y);
        var actual = kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Actual && v.Year == year && v.Period == period);
        if (actual is null)
            return null;
        if (actual.Number is null)
            return $"{rocYear} 年度目標值為 {Figure(target, kpi.Unit)}，實際值：{actual.Status}";
        return Figures(kpi.Unit, target?.Number, actual.Number, rocYear) + (actual.Status is { } s ? $"（{s}）" : "");
    }

    static string Figures(string? unit, decimal? target, decimal? actual, int rocYear) => (target, actual) switch
    {
        (null, null) => "",
        (null, { } a) => $"{rocYear} 年度實際值為 {Figure(a, unit)}",
        ({ } t, null) => $"{rocYear} 年度目標值為 {Figure(t, unit)}",
        ({ } t, { } a) => $"{rocYear} 年度目標值為 {Figure(t, unit)}，實際值為 {Figure(a, unit)}",
    };

    static string Figure(KpiValue? v, string? unit) => v is not null && PrintedText.Of(v) is { } printed ? Printed(printed, unit)
        : v?.Number is { } n ? Figure(n, unit) : v is null ? "（未訂）" : ValueWords.Of(v) ?? "（未訂）";

    /// <summary>The text a value was printed with, its unit after it where the text ends on its figure (「75.0」 → 「75.0%」).</summary>
    static string Printed(string printed, string? unit) => !char.IsAsciiDigit(printed[^1]) ? printed : unit switch
    {
        null or "" => printed,
        "%" => $"{printed}%",
        _ => $"{printed} {unit}",
    };

    static string Figure(decimal n, string? unit) => unit switch
    {
        "元" => ValueWords.Amount(n),
        null or "" => ValueWords.Number(n),
        "%" => $"{ValueWords.Number(n)}%",
        _ => $"{ValueWords.Number(n)} {unit}",
    };
}
