using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Values;

namespace Scorecard.Interchange.Reports;

/// <summary>A KPI listed on the 第一部份 slide with its mark: 「(達標)」, 「(未達標)」, or why there is no verdict (the status as entered).</summary>
public sealed record MarkedKpi(string Code, string Name, string Mark);

/// <summary>
/// The city map as a grid (themes across, perspectives down), the deck's theme highlighted; an objective is
/// 「AC1提升環境品質」 as the seed prints it. <see cref="Shared"/> are the city-wide objectives (TC1–TC4) per perspective.
/// </summary>
public sealed record MapGrid(string Title, IReadOnlyList<(string Label, IReadOnlyList<string> Items)> Statements,
    IReadOnlyList<(string Code, string Name)> Themes, IReadOnlyList<(string Code, string Label)> Perspectives,
    IReadOnlyDictionary<(string Theme, string Perspective), IReadOnlyList<string>> Cells, IReadOnlyDictionary<string, string> Shared)
{
    /// <summary>A map's grid under <paramref name="title"/>, for every deck that shows one (the retreat's city map, the district's maps).</summary>
    public static MapGrid Of(StrategyMap map, FormattableString title, ReportWords words)
    {
        var themes = map.Themes.OrderBy(t => t.Ordinal).ThenBy(t => t.Code).ToList();
        var perspectives = Perspective.InOrder(map.PerspectiveOrder);
        IEnumerable<string> Objectives(Guid? themeId, string perspective) => map.Objectives
            .Where(o => o.ThemeId == themeId && o.Perspective == perspective).OrderBy(o => o.Ordinal).Select(o => $"{o.Code}{o.Name}");
        var cells = new Dictionary<(string, string), IReadOnlyList<string>>();
        foreach (var t in themes)
            foreach (var p in perspectives)
                cells[(t.Code, p.Code)] = Objectives(t.Id, p.Code).ToList();
        var shared = perspectives.Select(p => (p.Code, Text: string.Join("、", Objectives(null, p.Code))))
            .Where(s => s.Text.Length > 0).ToDictionary(s => s.Code, s => s.Text);
        return new MapGrid(words.Say(title), map.Statements().Select(s => (words.Word(s.Label), s.Items)).ToList(),
            themes.Select(t => (t.Code, t.Name)).ToList(), perspectives.Select(p => (p.Code, words.Word(p.NameZh))).ToList(), cells, shared);
    }
}

/// <summary>The theme's own map: its objectives by perspective and the links between them (「優化產業勞動108年關聯圖」).</summary>
public sealed record ThemeMap(string Title, IReadOnlyList<(string Code, string Label, IReadOnlyList<(string Code, string Name)> Objectives)> Rows,
    IReadOnlyList<(string From, string To)> Links);

/// <summary>
/// A KPI's card on the deck: the results card, its target and actual with their printed text (「6.00」), the objective it
/// serves as the seed heads the slide (「DC1. 促進充分就業」), and the document's own achievement where it differs from ours.
/// </summary>
public sealed record RetreatCard(ResultsCard Card, string ObjectiveHeading, string Target, string Actual, string? AchievementAsPrinted, bool Negative);

/// <summary>A KPI of the next year's map with its three years of targets as printed (5.75 / 5.75 / 5.50).</summary>
public sealed record TargetRow(string Kpi, IReadOnlyList<string> Targets, string Owners);

/// <summary>A task of the monthly chart (主要任務): under its action plan; months null where the document does not say them.</summary>
public sealed record TaskRow(string Plan, string Name, IReadOnlyList<int>? Months);

/// <summary>The next year's plan for one objective: its key success factor, its KPIs' targets and the key work by month.</summary>
public sealed record ObjectivePlan(string Objective, string Perspective, string? KeySuccessFactor, IReadOnlyList<string> Kpis, IReadOnlyList<TargetRow> Targets, IReadOnlyList<TaskRow> Tasks);

/// <summary>
/// 首長領航共識營 (seed 003): a theme group's deck of the year's results and the next year's revision. 第一部份: the city
/// map with the theme highlighted, the theme's map, its KPIs with their marks and the counts, a card per KPI and the
/// explanation of each missed one; 第二部份: the count table and the changes with their reasons, the key success
/// factors, three years of targets and the monthly key work, per objective.
/// </summary>
public sealed record RetreatDeck(
    string Title, IReadOnlyList<string> Subtitle, string Organisation, int RocYear, string ThemeCode, string ThemeName,
    MapGrid Grid, ThemeMap ThemeMap,
    IReadOnlyList<(string Perspective, IReadOnlyList<MarkedKpi> Kpis)> KpiLists,
    IReadOnlyList<(string Perspective, IReadOnlyList<string> Objectives)> ObjectivesWithResults, string Verdict,
    string RatingRule, IReadOnlyList<RetreatCard> Cards, IReadOnlyList<string> WithoutResults,
    ResultsRevision? Revision, MapGrid? NextGrid, IReadOnlyList<ObjectivePlan> Plans)
{
    public int CardCount => Cards.Count;
    public int KpiCount => KpiLists.Sum(l => l.Kpis.Count);
    public int? NextRocYear => Revision?.RocYear ?? (NextGrid is null ? null : RocYear + 1);

    // The deck's own words, said by the writer in the reader's language (ReportWords).
    public static FormattableString Event(string organisation) => $"{organisation}首長領航共識營";
    public static FormattableString Results(int year) => $"{Said.Year(year)}年度施政成果";
    public static FormattableString ResultsAndRevision(int year, int next) => $"{Said.Year(year)}年度施政成果暨{Said.Year(next)}年修正內容";
    public static FormattableString Group(string name, string code) => $"{name}（{code}）組";
    public static FormattableString PartOne => $"第一部份";
    public static FormattableString PartTwo => $"第二部份";
    public static FormattableString PartOneTitle(int year, string code) => $"{Said.Year(year)}年度{code}組策略地圖執行成果";
    public static FormattableString PartTwoTitle(int year, string code) => $"{Said.Year(year)}年度{code}組主要任務";
    public static FormattableString MapTitle(string organisation, int year) => $"{organisation} {Said.Year(year)}年度 策略地圖";
    public static FormattableString LinkTitle(string name, int year) => $"{name}{Said.Year(year)}年關聯圖";
    public static FormattableString KpiListTitle(string perspective, int n) => $"關鍵績效指標（{perspective}面）共{n}項";
    public static FormattableString Achieved => $"達標";
    public static FormattableString NotAchieved => $"未達標";
    public static FormattableString ObjectiveCount(int n) => $"{n} 項 策略目標";
    public static FormattableString PerspectiveObjectives(string perspective, int n) => $"{perspective}面 共{n}項目標";
    public static FormattableString KpiCountLine(int n) => $"{n}項 關鍵績效指標（KPI）";
    public static FormattableString VerdictAll(int year, string code) => $"※{Said.Year(year)}年{code}組KPI皆已達成年度目標值";
    public static FormattableString VerdictExcept(int year, string code, string missed) => $"※{Said.Year(year)}年{code}組KPI除{missed}外，其餘有數據之KPI已達成年度目標值";
    public static FormattableString WithoutData(string codes) => $"尚無數據：{codes}";
    public static FormattableString Negative => $"(負向指標)";
    public static FormattableString Actual => $"實際值";
    public static FormattableString AsPrinted(string printed) => $"（文件所載 {printed}）";
    public static FormattableString TrendFigures => $"歷年數據";
    public static FormattableString CountTitle(int year, string name, string code) => $"{Said.Year(year)}年度{name}({code}組)修正內容：數量";
    public static FormattableString ChangesTitle(int year, string name, string code) => $"{Said.Year(year)}年度{name}({code}組)修正內容";
    public static FormattableString KsfTitle => $"關鍵成功因素（KSF）";
    public static IReadOnlyList<FormattableString> KsfColumns => [$"策略目標", $"關鍵成功因素", $"關鍵績效指標"];
    public static FormattableString TargetsColumn(int year) => $"{Said.Year(year)}年 目標值";
    public static FormattableString KpiColumn => $"關鍵績效指標(KPI)";
    public static FormattableString OwnersColumn => $"相關局處";
    public static FormattableString TasksColumn(int year) => $"{Said.Year(year)}年主要任務";
    public static FormattableString Month(int m) => $"{m}月";
    public static FormattableString MonthsUnknown => $"※文件未載各任務之月份，月份欄留待填寫。";
    public static FormattableString End => $"簡報結束，敬請指教！";

    /// <param name="results">The year's results report of the whole map (<see cref="ResultsReport.Build"/>); the theme's cards are taken from it.</param>
    /// <param name="map">The year's map, as the results were scored from it.</param>
    /// <param name="next">The next plan year's published map, if there is one: its targets, key success factors and tasks.</param>
    /// <param name="revision">The next year's revision of this theme (<see cref="ThemeOnly"/>), if there is one.</param>
    public static RetreatDeck Build(ResultsReport results, StrategyMap map, string themeCode, StrategyMap? next, ResultsRevision? revision, ReportWords? words = null)
    {
        words ??= ReportWords.Chinese;
        var theme = map.Themes.First(t => t.Code == themeCode);
        var rocYear = results.RocYear;
        var cards = results.Themes.FirstOrDefault(t => t.Code == themeCode)?.Cards ?? [];
        var objectives = map.Objectives.Where(o => o.ThemeId == theme.Id).OrderBy(o => o.Ordinal).ToList();
        var kpis = map.Kpis.Where(k => k.ParentId is null && objectives.Any(o => o.Id == k.ObjectiveId)).ToList();
        var perspectives = Perspective.InOrder(map.PerspectiveOrder);

        var deckCards = new List<RetreatCard>();
        foreach (var card in cards)
        {
            var kpi = kpis.FirstOrDefault(k => k.Code == card.Code);
            var objective = kpi is null ? null : objectives.First(o => o.Id == kpi.ObjectiveId);
            var evaluation = map.Evaluations.FirstOrDefault(e => e.KpiCode == card.Code && e.Part == card.Part && e.Year == map.ViewYear);
            var printedAchievement = evaluation?.AchievementReported is { } r && $"{ValueWords.Number(r)}%" != card.Achievement ? $"{ValueWords.Number(r)}%" : null;
            deckCards.Add(new RetreatCard(card,
                objective is null ? card.Objective ?? "" : $"{objective.Code}. {objective.Name}",
                Printed(kpi, ValueKind.Target, map.ViewYear) ?? card.Target,
                Printed(kpi, ValueKind.Actual, map.ViewYear) ?? card.Actual,
                printedAchievement, kpi?.Direction == Direction.Lower));
        }

        var lists = new List<(string, IReadOnlyList<MarkedKpi>)>();
        var withResults = new List<(string, IReadOnlyList<string>)>();
        foreach (var p in perspectives)
        {
            var here = deckCards.Where(c => kpis.FirstOrDefault(k => k.Code == c.Card.Code) is { } k && objectives.First(o => o.Id == k.ObjectiveId).Perspective == p.Code).ToList();
            if (here.Count == 0) continue;
            lists.Add((words.Word(p.NameZh), here.Select(c => new MarkedKpi(c.Card.Code ?? "", c.Card.Name, Mark(c, words))).ToList()));
            withResults.Add((words.Word(p.NameZh), objectives.Where(o => o.Perspective == p.Code && here.Any(c => c.Card.Objective?.StartsWith(o.Code + " ", StringComparison.Ordinal) == true))
                .Select(o => $"{o.Code}{o.Name}").ToList()));
        }
        var missed = deckCards.Where(c => c.Card.Missed).Select(c => c.Card.Code).OfType<string>().ToList();
        var noData = deckCards.Where(c => !c.Card.Missed && c.Card.Achievement == "—").Select(c => c.Card.Code).OfType<string>().ToList();
        var verdict = (missed.Count == 0 ? words.Say(VerdictAll(rocYear, themeCode)) : words.Say(VerdictExcept(rocYear, themeCode, string.Join("、", missed))))
            + (noData.Count == 0 ? "" : $"；{words.Say(WithoutData(string.Join("、", noData)))}");

        var plans = new List<ObjectivePlan>();
        if (next is not null && next.Themes.FirstOrDefault(t => t.Code == themeCode) is { } nextTheme)
        {
            var years = Enumerable.Range(next.Year, 3).ToList();
            foreach (var o in next.Objectives.Where(o => o.ThemeId == nextTheme.Id).OrderBy(o => Perspective.InOrder(next.PerspectiveOrder).ToList().FindIndex(p => p.Code == o.Perspective)).ThenBy(o => o.Ordinal))
            {
                var own = next.Kpis.Where(k => k.ParentId is null && k.ObjectiveId == o.Id).OrderBy(k => k.Ordinal).ToList();
                var codes = own.Select(k => k.Code).ToHashSet();
                var planCodes = next.ActionPlans.Where(a => own.Any(k => k.Id == a.KpiId)).Select(a => a.Code).ToHashSet();
                var tasks = next.Tasks.Where(t => planCodes.Contains(t.ActionPlanCode) || codes.Any(c => t.ActionPlanCode.StartsWith(c + ".", StringComparison.Ordinal)))
                    .OrderBy(t => t.Ordinal)
                    .Select(t => new TaskRow(t.ActionPlanCode + (next.ActionPlans.FirstOrDefault(a => a.Code == t.ActionPlanCode) is { } a ? a.Name : ""), t.Group is null ? t.Name : $"{t.Group}：{t.Name}", t.Months))
                    .ToList();
                plans.Add(new ObjectivePlan($"{o.Code}{o.Name}", words.Word(Perspective.Parse(o.Perspective).NameZh), o.KeySuccessFactor,
                    own.Select(k => $"{k.Code} {k.Name}").ToList(),
                    own.Select(k => new TargetRow($"{k.Code}{k.Name}", years.Select(y => Printed(k, ValueKind.Target, y) ?? "—").ToList(), string.Join("、", k.Owners))).ToList(),
                    tasks));
            }
        }

        return new RetreatDeck(
            words.Say(Event(map.Organisation.Name)),
            [next is null ? words.Say(Results(rocYear)) : words.Say(ResultsAndRevision(rocYear, next.RocYear)), words.Say(Group(theme.Name, themeCode))],
            map.Organisation.Name, rocYear, themeCode, theme.Name,
            MapGrid.Of(map, MapTitle(map.Organisation.Name, map.RocYear), words), Links(map, theme, words),
            lists, withResults, verdict, results.RatingRule, deckCards,
            results.WithoutResults.Where(w => kpis.Any(k => w.StartsWith(k.Code + " ", StringComparison.Ordinal))).ToList(),
            revision, next is null ? null : MapGrid.Of(next, MapTitle(next.Organisation.Name, next.RocYear), words), plans);
    }

    static string Mark(RetreatCard c, ReportWords words) =>
        c.Card.Missed ? words.Say(NotAchieved)
        : c.Card.Achievement != "—" ? words.Say(Achieved)
        : c.Actual != "—" ? c.Actual.Trim('(', ')', '（', '）') : c.Card.Warning ?? "—";

    /// <summary>The year's value as it was printed or typed (「6.00」, 「3.8%」, a status), where the KPI holds one.</summary>
    static string? Printed(Kpi? kpi, ValueKind kind, int year) =>
        kpi?.Values.FirstOrDefault(v => v.Kind == kind && v.Year == year && v.Period == Period.Y) is { } v ? ValueWords.Of(v) : null;

    static ThemeMap Links(StrategyMap map, Theme theme, ReportWords words)
    {
        var own = map.Objectives.Where(o => o.ThemeId == theme.Id).ToList();
        var codes = own.Select(o => o.Code).ToHashSet();
        return new ThemeMap(words.Say(LinkTitle(theme.Name, map.RocYear)),
            Perspective.InOrder(map.PerspectiveOrder)
                .Select(p => (p.Code, words.Word(p.NameZh), (IReadOnlyList<(string, string)>)own.Where(o => o.Perspective == p.Code).OrderBy(o => o.Ordinal).Select(o => (o.Code, o.Name)).ToList()))
                .Where(r => r.Item3.Count > 0).ToList(),
            map.Links.Where(l => codes.Contains(l.FromCode) && codes.Contains(l.ToCode)).OrderBy(l => l.Ordinal).Select(l => (l.FromCode, l.ToCode)).ToList());
    }

    /// <summary>
    /// The map cut down to one theme, for the revision a theme group presents: the theme, its objectives, their KPIs and
    /// action plans, the links between them, and the revisions and tasks stated for them. Read only; never saved.
    /// </summary>
    public static StrategyMap ThemeOnly(StrategyMap map, string themeCode)
    {
        var themes = map.Themes.Where(t => t.Code == themeCode).ToList();
        var objectives = map.Objectives.Where(o => themes.Any(t => t.Id == o.ThemeId)).ToList();
        var kpis = map.Kpis.Where(k => objectives.Any(o => o.Id == k.ObjectiveId)).ToList();
        var codes = objectives.Select(o => o.Code).ToHashSet();
        // A code is the theme's where it begins with one of its objectives' codes, or, for what the earlier version
        // never held (seed 003's DF2.1), with the theme's letter and a perspective's (「DF」).
        bool Ours(string? code) => code is not null
            && (codes.Any(c => code.StartsWith(c, StringComparison.Ordinal))
                || code.Length > themeCode.Length && code.StartsWith(themeCode, StringComparison.Ordinal) && Perspective.All.Any(p => p.Code[0] == code[themeCode.Length]));
        var copy = new StrategyMap
        {
            Id = map.Id, Version = map.Version, OrganisationId = map.OrganisationId, Organisation = map.Organisation, Year = map.Year, IsDraft = map.IsDraft,
            Mission = map.Mission, Vision = map.Vision, CoreValues = map.CoreValues, PerspectiveOrder = map.PerspectiveOrder,
            Documents = map.Documents, Themes = themes, Objectives = objectives,
            Links = map.Links.Where(l => codes.Contains(l.FromCode) && codes.Contains(l.ToCode)).ToList(),
            Kpis = kpis, ActionPlans = map.ActionPlans.Where(a => kpis.Any(k => k.Id == a.KpiId)).ToList(),
            Tasks = map.Tasks.Where(t => Ours(t.ActionPlanCode)).ToList(),
            Evaluations = map.Evaluations.Where(e => Ours(e.KpiCode)).ToList(),
            Revisions = map.Revisions.Where(r => Ours(r.Code)).ToList(),
            AchievementRules = map.AchievementRules, Scoring = map.Scoring, ExtraJson = map.ExtraJson,
        };
        copy.ViewYear = map.ViewYear;
        return copy;
    }
}
