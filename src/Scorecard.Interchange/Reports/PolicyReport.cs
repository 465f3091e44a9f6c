using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Values;

namespace Scorecard.Interchange.Reports;

/// <summary>
/// One KPI's row of a theme's table: 關鍵績效指標, 行動計畫, 指標公式及單位, 主責, the year's target, the period's actual.
/// A KPI with parts is printed as its parts' rows (<see cref="Parts"/>), as seed 000 prints them: BP3.1-1 and BP3.1-2,
/// AP2.1 twice with its weights, BF1.1 once per agency.
/// </summary>
/// <param name="Weight">A part's weight in %, printed beside its unit (「單位：校次、權重 50%」).</param>
public sealed record PolicyKpiRow(string Code, string Name, IReadOnlyList<string> Plans, string? Formula, string? Unit, bool LowerIsBetter, string Owners, string Target, string Actual,
    decimal? Weight = null, IReadOnlyList<PolicyKpiRow>? Parts = null)
{
    /// <summary>The rows the table prints for this KPI: its parts', or its own.</summary>
    public IReadOnlyList<PolicyKpiRow> Printed => Parts is { Count: > 0 } parts ? parts : [this];
}

public sealed record PolicyObjective(string Code, string Name, IReadOnlyList<PolicyKpiRow> Kpis);

/// <param name="Agencies">「環境保護局主政，翡管局、工務局…等機關協辦。」</param>
/// <param name="MapLines">Section 二 in words: the statements, then the theme's objectives per perspective.</param>
/// <param name="Links">Section 三: the cause-and-effect links among the theme's objectives, 「AL1 培育優秀人力 → AP1 加強公害防治」.</param>
/// <param name="Summary">The three counted lines of section 四: objectives per perspective, KPIs, action plans.</param>
public sealed record PolicyTheme(string Code, string Name, string? Agencies, IReadOnlyList<string> MapLines, IReadOnlyList<string> Links,
    IReadOnlyList<string> Summary, IReadOnlyList<PolicyObjective> Objectives);

/// <summary>
/// 施政報告 (seed 000): for one map and period, per theme its agencies, the counts and, per objective,
/// the table of its KPIs with their plans, formula and unit, owner, the year's target and the
/// period's actual — a figure, or the status the agency reported in its own words
/// (「本數值屬年度統計值，無單季數據」). Built from published values only: whoever may read the map may read it.
/// </summary>
/// <param name="Columns">The heads of each objective's table, the year's target among them.</param>
public sealed record PolicyReport(string Title, string Organisation, int RocYear, Period Period, IReadOnlyList<string> Columns, IReadOnlyList<PolicyTheme> Themes)
{
    // The document's own headings, said by the writers in the reader's language (ReportWords).
    public static FormattableString AgenciesHeading => $"一、責任機關";
    public static FormattableString MapHeading(int rocYear, string theme) => $"二、{Said.Year(rocYear)}年度「{theme}」策略地圖";
    public static FormattableString LinksHeading(int rocYear, string theme) => $"三、{Said.Year(rocYear)}年度「{theme}」策略關聯圖";
    public static FormattableString NoLinks => $"（本主題未列策略關聯。）";
    public static FormattableString ObjectivesHeading => $"四、策略目標、關鍵績效指標、行動計畫及成果";
    public static FormattableString LowerIsBetter => $"（負向指標）";
    public static FormattableString UnitLine(string unit) => $"單位：{unit}";

    /// <summary>The line under a formula: its unit, and a part's weight where it has one (「單位：校次、權重 50%」).</summary>
    public static FormattableString? UnitLine(string? unit, decimal? weight) => (unit, weight) switch
    {
        ({ } u, { } w) => $"單位：{u}、權重 {w:0.##}%",
        ({ } u, null) => UnitLine(u),
        (null, { } w) => $"權重 {w:0.##}%",
        _ => null,
    };

    public int KpiCount => Themes.Sum(t => t.Objectives.Sum(o => o.Kpis.Count));

    /// <summary>The months a period covers, as the report's title words them: 「1 至 3 月」.</summary>
    public static string Months(Period period) => period switch
    {
        Period.Q1 => "1 至 3 月",
        Period.Q2 => "4 至 6 月",
        Period.Q3 => "7 至 9 月",
        Period.Q4 => "10 至 12 月",
        Period.H1 => "1 至 6 月",
        Period.H2 => "7 至 12 月",
        _ => "全年度",
    };

    /// <summary>A report's period in its title: 「107 年 1 至 3 月」, 「106 年全年度」.</summary>
    public static FormattableString PeriodWords(int rocYear, Period period) =>
        period == Period.Y ? (FormattableString)$"{Said.Year(rocYear)} 年全年度" : $"{Said.Year(rocYear)} 年 {Months(period)}";

    /// <summary>The period a report is for when none is asked: the latest of the plan year with a published actual, else the year.</summary>
    public static Period LatestPeriod(StrategyMap map) =>
        map.Kpis.SelectMany(k => k.Values)
            .Where(v => v.Kind == ValueKind.Actual && v.Year == map.ViewYear)
            .Select(v => v.Period)
            .DefaultIfEmpty(Period.Y)
            .MaxBy(p => p switch { Period.Q1 => 1, Period.Q2 or Period.H1 => 2, Period.Q3 => 3, Period.Q4 or Period.H2 => 4, _ => 5 });

    public static PolicyReport Build(StrategyMap map, Period period, ReportWords? words = null)
    {
        words ??= ReportWords.Chinese;
        var year = map.ViewYear;   // the plan's own year, or a later one it is in force for
        var topKpis = map.Kpis.Where(k => k.ParentId is null).OrderBy(k => k.Ordinal).ToList();
        var plansByKpi = map.ActionPlans.ToLookup(a => a.KpiId);
        var partsOf = map.Kpis.Where(k => k.ParentId is not null).ToLookup(k => k.ParentId!.Value);
        var themes = map.Themes.OrderBy(t => t.Ordinal).ThenBy(t => t.Code).Select(t => (t.Id as Guid?, t.Code, t.Name, Agencies(t, words))).ToList();
        // City-wide objectives (TC1–TC4) belong to no theme; their KPIs, where there are any, get a section of their own.
        if (map.Objectives.Any(o => o.ThemeId is null && topKpis.Any(k => k.ObjectiveId == o.Id)))
            themes.Add((null, "T", words.Say($"全府共同目標"), null));

        var perspectiveOrder = map.PerspectiveOrder;
        var built = themes.Select(theme =>
        {
            var objectives = map.Objectives
                .Where(o => o.ThemeId == theme.Item1)
                .OrderBy(o => perspectiveOrder.IndexOf(o.Perspective, StringComparison.Ordinal)).ThenBy(o => o.Ordinal)
                .Select(o => new PolicyObjective(o.Code, o.Name, topKpis.Where(k => k.ObjectiveId == o.Id)
                    .Select(k => Row(k, plansByKpi[k.Id].OrderBy(a => a.Ordinal).ToList(), year, period, words, partsOf[k.Id].OrderBy(p => p.Ordinal).ToList())).ToList()))
                .Where(o => o.Kpis.Count > 0)   // the report has a table for each objective with KPIs
                .ToList();
            var own = map.Objectives.Where(o => o.ThemeId == theme.Item1).ToList();
            var mapLines = Statements(map, words).Concat(Perspective.InOrder(perspectiveOrder)
                    .Select(p => (p, list: own.Where(o => o.Perspective == p.Code).OrderBy(o => o.Ordinal).Select(o => $"{o.Code} {o.Name}").ToList()))
                    .Where(x => x.list.Count > 0)
                    .Select(x => words.Say($"{x.p.NameZh}（{x.p.Code}）：{Said.List(x.list, "；")}")))
                .ToList();
            var names = map.Objectives.ToDictionary(o => o.Code, o => $"{o.Code} {o.Name}");
            var links = map.Links.OrderBy(l => l.Ordinal)
                .Where(l => own.Any(o => o.Code == l.FromCode || o.Code == l.ToCode))
                .Select(l => $"{names.GetValueOrDefault(l.FromCode, l.FromCode)} → {names.GetValueOrDefault(l.ToCode, l.ToCode)}")
                .ToList();
            return new PolicyTheme(theme.Code, theme.Name, theme.Item4, mapLines, links, Summary(objectives, map, plansByKpi, words), objectives);
        }).Where(t => t.Objectives.Count > 0).ToList();

        var rocYear = Domain.Common.RocYear.FromGregorian(year);
        string[] columns = [words.Say($"關鍵績效指標"), words.Say($"行動計畫"), words.Say($"指標公式及單位"), words.Say($"主責"),
            words.Say($"{Said.Year(rocYear)} 年目標值"), words.Say($"本期實際值")];
        return new PolicyReport(words.Say($"{map.Organisation.Name} {PeriodWords(rocYear, period)}施政報告"), map.Organisation.Name, rocYear, period, columns, built);
    }

    /// <summary>The statements on one line, as the report prints them above the map: 「【使命】… 【願景】…」.</summary>
    static IEnumerable<string> Statements(StrategyMap map, ReportWords words)
    {
        var statements = map.Statements();
        return statements.Count == 0 ? [] : [string.Join(" ", statements.Select(s => words.Say($"【{s.Label}】{Said.List(s.Items)}")))];
    }

    static string? Agencies(Theme t, ReportWords words)
    {
        if (t.LeadUnit is null) return null;
        return words.Say(t.CoUnits.Count == 0 ? (FormattableString)$"{t.LeadUnit}主政。" : $"{t.LeadUnit}主政，{Said.List(t.CoUnits)}等機關協辦。");
    }

    static IReadOnlyList<string> Summary(List<PolicyObjective> objectives, StrategyMap map, ILookup<Guid, ActionPlan> plans, ReportWords words)
    {
        var byPerspective = Perspective.InOrder(map.PerspectiveOrder)
            .Select(p => (p, n: objectives.Count(o => map.Objectives.First(x => x.Code == o.Code).Perspective == p.Code)))
            .Where(x => x.n > 0)
            .Select(x => (FormattableString)$"{x.p.NameZh}構面 {x.n} 項");
        var kpis = objectives.Sum(o => o.Kpis.Count);
        var planCount = objectives.Sum(o => o.Kpis.Sum(k => k.Printed.Sum(r => r.Plans.Count)));
        return
        [
            words.Say($"1. 策略目標：{objectives.Count} 項(包括：{Said.List(byPerspective)})"),
            words.Say($"2. 關鍵績效指標(KPI)：{kpis} 項"),
            words.Say($"3. 行動計畫：{planCount} 項"),
        ];
    }

    static PolicyKpiRow Row(Kpi k, List<ActionPlan> plans, int year, Period period, ReportWords words, IReadOnlyList<Kpi> parts)
    {
        var own = Row(k, k.Code, plans, k.Formula, k.Unit, k.Direction, k.Owners, year, period, words);
        if (parts.Count == 0 || k.Values.Count > 0)
            return own;
        // The KPI holds no figures of its own: its parts' rows are what the report prints. A part names
        // its own formula, unit and owner where the document does; the KPI's shared formula and unit are
        // printed once, on the first part's row, as the seed spans them over the agencies' rows (BF1.1).
        var plansOf = PlansOfParts(parts, plans);
        var rows = parts.Select((p, i) => Row(p, p.Code, plansOf[i], p.Formula ?? (i == 0 ? k.Formula : null), p.Unit ?? (i == 0 ? k.Unit : null),
            p.Direction ?? k.Direction, p.Owners.Count > 0 ? p.Owners : k.Owners, year, period, words)).ToList();
        return own with { Target = "—", Actual = "—", Parts = rows };
    }

    static PolicyKpiRow Row(Kpi k, string code, List<ActionPlan> plans, string? formula, string? unit, Direction? direction, List<string> owners,
        int year, Period period, ReportWords words)
    {
        var target = k.Values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == year && v.Period == Period.Y);
        var actual = k.Values.FirstOrDefault(v => v.Kind == ValueKind.Actual && v.Year == year && v.Period == period);
        var printed = actual is null ? null : ValueWords.Of(actual, unit ?? k.Unit);
        // A figure the unit cannot take (HC5.3's -654,759 for a date) is printed as printed, flagged beside it.
        if (printed is not null && ImpossibleFigure.Brief(actual!, unit ?? k.Unit) is { } doubt)
            printed = words.Say($"{printed}（{doubt}）");
        return new PolicyKpiRow(code, k.Name, plans.Select(a => $"{a.Code} {a.Name}").ToList(), formula, unit, direction == Direction.Lower,
            string.Join("、", owners), (target is null ? null : ValueWords.Of(target, unit ?? k.Unit)) ?? "—", printed ?? words.Say($"本期未提報"),
            k.IsPart ? k.Weight : null);
    }

    /// <summary>
    /// Which part's row prints which action plan. Plans belong to the KPI; the seed prints them beside the part
    /// they serve, and says which by the codes (BP3.1-1 is served by BP3.1.1); parts printed under the KPI's own code by the owner (AP2.1: 教育局's plans on
    /// 教育局's row, 工務局's on 工務局's), else by the words the plan shares with the part's formula (GP3.2, both rows
    /// 產業局's: 「臺北農產公司…檢驗計畫」 beside 「臺北農產公司年度檢驗件數」). A plan none of these places stays with the row
    /// before it (the first part's at the start), so that every plan is printed once.
    /// </summary>
    public static List<ActionPlan>[] PlansOfParts(IReadOnlyList<Kpi> parts, IReadOnlyList<ActionPlan> plans)
    {
        var of = parts.Select(_ => new List<ActionPlan>()).ToArray();
        var at = 0;
        foreach (var plan in plans)
        {
            var named = parts.Select((p, i) => (p, i)).FirstOrDefault(x => PlanPrefix(x.p.Code) is { } prefix
                && (plan.Code == prefix || plan.Code.StartsWith(prefix + ".", StringComparison.Ordinal)));
            if (named.p is not null) at = named.i;
            // Parts printed under their KPI's code (AP2.1, GP3.2) have no code to go by; coded parts keep the order the codes give.
            else if (parts.All(p => PlanPrefix(p.Code) is null)
                     && (Only(parts, p => plan.Owners.Count > 0 && p.Owners.Count > 0 && plan.Owners.All(p.Owners.Contains)) ?? Closest(parts, plan)) is { } placed)
                at = placed;
            of[at].Add(plan);
        }
        return of;
    }

    /// <summary>The index of the one part that fits; null where none or several do.</summary>
    static int? Only(IReadOnlyList<Kpi> parts, Func<Kpi, bool> fits)
    {
        var fitting = parts.Select((p, i) => (p, i)).Where(x => fits(x.p)).ToList();
        return fitting.Count == 1 ? fitting[0].i : null;
    }

    /// <summary>The part whose formula shares strictly the most two-character runs with the plan's name; null on a tie or none shared.</summary>
    static int? Closest(IReadOnlyList<Kpi> parts, ActionPlan plan)
    {
        static HashSet<string> Pairs(string? text) =>
            Enumerable.Range(0, Math.Max(0, (text ?? "").Length - 1)).Select(i => text!.Substring(i, 2)).Where(p => p.All(char.IsLetterOrDigit)).ToHashSet();
        var name = Pairs(plan.Name);
        var shared = parts.Select(p => Pairs(p.Formula).Count(name.Contains)).ToList();
        var best = shared.DefaultIfEmpty(0).Max();
        return best > 0 && shared.Count(n => n == best) == 1 ? shared.IndexOf(best) : null;
    }

    /// <summary>「BP3.1-1」 → 「BP3.1.1」, the code its plans start with; null for a part printed with its KPI's code.</summary>
    static string? PlanPrefix(string partCode) =>
        partCode.LastIndexOf('-') is var dash and > 0 ? $"{partCode[..dash]}.{partCode[(dash + 1)..]}" : null;
}
