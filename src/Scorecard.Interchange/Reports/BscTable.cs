using Scorecard.Domain.Common;
using System.Globalization;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Values;

namespace Scorecard.Interchange.Reports;

/// <summary>A row of the table: a perspective's section row, or a KPI (first row) or a further action plan of it.</summary>
/// <param name="Section">「顧客構面」 for a section row; null for a KPI row.</param>
/// <param name="Cells">The 15 cells, in the columns' order; numbers as the document prints them (「549,542」).</param>
public sealed record BscRow(string? Section, IReadOnlyList<string> Cells);

/// <summary>The map grid above the table: statements, and per perspective the objectives of each theme.</summary>
public sealed record BscGrid(IReadOnlyList<string> Statements, IReadOnlyList<string> Themes, IReadOnlyList<(string Perspective, IReadOnlyList<string> Cells)> Rows, IReadOnlyList<string> LeadUnits);

/// <summary>
/// 平衡計分卡 (seed 001): the map grid, then the 15-column table — objective, KPI, formula and
/// unit, three years of actuals before the plan year, targets for the plan year and the two after,
/// owner, action plans, each plan's budget for those three years (NT$, no personnel pay), plan
/// owner — with a section row per perspective, and the form's 填表說明.
/// </summary>
/// <param name="DrawingTitle">The drawn map's heading: 「…（策略關聯圖）」 only where the map has links to draw, else the map's own title.</param>
public sealed record BscTable(string Title, string MapTitle, BscGrid Grid, IReadOnlyList<string> Headers, IReadOnlyList<BscRow> Rows, IReadOnlyList<string> Instructions,
    string DrawingTitle)
{
    // The document's own headings, said by the writers in the reader's language (ReportWords).
    public static FormattableString ThemesHeading => $"處級策略主題";
    public static FormattableString LeadUnitsHeading => $"主辦 單位";
    public static FormattableString InstructionsHeading => $"填表說明：";
    public static FormattableString DrawingHeading(string mapTitle) => $"{mapTitle}（策略關聯圖）";
    public static FormattableString DrawingDescription(string mapTitle) => $"{mapTitle}：各策略目標依構面與策略主題排列，箭頭為因果關聯。";
    public static FormattableString TableSheet => $"平衡計分卡";
    public static FormattableString MapSheet => $"策略地圖";

    /// <summary>The form's own instructions (seed 001, 填表說明), printed under the table.</summary>
    static IReadOnlyList<FormattableString> FormInstructions =>
    [
        $"1. 編號請按局級需求自由編號，不一定和府級編號系統相同，但要知道府級和局級的連結性在哪裡。",
        $"2. 預算可包含計畫編列費用、工程費、業務費(如外包費、員工投入人力所占比例等)，但不含人事費(即不含預算書編列的員工薪資)。",
        $"3. 1項KPI之行動方案請勿超過3項；行動方案如推動某計畫、執行某方案、參與某會議、進行某工程、實施某安全檢查、計算取得某數字等，概要含括重要工作即可，不需要太細緻的敘述。",
    ];

    public int KpiCount => Rows.Count(r => r.Section is null && r.Cells[1].Length > 0);

    public static BscTable Build(StrategyMap map, ReportWords? words = null)
    {
        words ??= ReportWords.Chinese;
        var planYear = map.RocYear;
        int[] actualYears = [planYear - 3, planYear - 2, planYear - 1];
        int[] targetYears = [planYear, planYear + 1, planYear + 2];
        var headers = new List<FormattableString> { $"策略目標", $"KPI (關鍵績效指標)", $"KPI計算公式及計量單位" };
        headers.AddRange(actualYears.Select(y => (FormattableString)$"{Said.Year(y)}年 實際值"));
        headers.AddRange(targetYears.Select(y => (FormattableString)$"{Said.Year(y)}年 目標值"));
        headers.AddRange([$"KPI 主責 科室", $"行動方案"]);
        headers.AddRange(targetYears.Select(y => (FormattableString)$"行動方案對應 {Said.Year(y)}年預算 (元)"));
        headers.Add($"行動方案主責 科室 (或同仁)");

        var themes = map.Themes.OrderBy(t => t.Ordinal).ThenBy(t => t.Code).ToList();
        var kpis = map.Kpis.Where(k => k.ParentId is null).ToList();
        var rows = new List<BscRow>();
        foreach (var perspective in Perspective.InOrder(map.PerspectiveOrder))
        {
            var objectives = map.Objectives.Where(o => o.Perspective == perspective.Code)
                .OrderBy(o => themes.FindIndex(t => t.Id == o.ThemeId)).ThenBy(o => o.Ordinal).ToList();
            if (objectives.Count == 0) continue;
            rows.Add(new BscRow(words.Say($"{perspective.NameZh}構面"), []));
            foreach (var objective in objectives)
            {
                var own = kpis.Where(k => k.ObjectiveId == objective.Id).OrderBy(k => k.Ordinal).ToList();
                if (own.Count == 0)
                    rows.Add(new BscRow(null, [$"{objective.Code} {objective.Name}", .. Enumerable.Repeat("", 14)]));
                if (PrintedTogether(own))
                {
                    rows.Add(new BscRow(null, Together(objective, own, map, actualYears, targetYears, words)));
                    continue;
                }
                var first = true;
                foreach (var kpi in own)
                {
                    var plans = map.ActionPlans.Where(a => a.KpiId == kpi.Id).OrderBy(a => a.Ordinal).ToList();
                    for (var i = 0; i < Math.Max(1, plans.Count); i++)
                    {
                        var plan = i < plans.Count ? plans[i] : null;
                        var cells = new List<string> { first && i == 0 ? $"{objective.Code} {objective.Name}" : "" };
                        if (i == 0)
                        {
                            cells.Add(string.Join("\n", [$"{kpi.Code} {kpi.Name}", .. Parts(kpi).Select((p, n) => $"({n + 1}) {p.Name}")]));
                            cells.Add(string.Join("\n", new[] { kpi.Formula, kpi.Unit is null ? null : words.Say(PolicyReport.UnitLine(kpi.Unit)) }.Where(s => s is not null)));
                            cells.AddRange(actualYears.Select(y => Value(kpi, ValueKind.Actual, y)));
                            cells.AddRange(targetYears.Select(y => Value(kpi, ValueKind.Target, y)));
                            cells.Add(string.Join("、", kpi.Owners));
                        }
                        else
                            cells.AddRange(Enumerable.Repeat("", 9));   // KPI, formula, six years, owner
                        cells.Add(plan is null ? "" : $"{plan.Code} {plan.Name}");
                        cells.AddRange(targetYears.Select(y => plan?.Budgets.FirstOrDefault(b => Domain.Common.RocYear.FromGregorian(b.Year) == y) is { } b ? Amount(b.Amount) : ""));
                        cells.Add(plan is null ? "" : string.Join("、", plan.Owners));
                        rows.Add(new BscRow(null, cells));
                    }
                    first = false;
                }
            }
        }

        var statements = map.Statements().Select(s => $"{words.Word(s.Label)} {string.Join(" ", s.Items)}").ToList();   // seed 001's header row
        var grid = new BscGrid(
            statements,
            themes.Select(t => $"{t.Name} {t.Code}").ToList(),
            Perspective.InOrder(map.PerspectiveOrder).Select(p => ($"{words.Word(p.NameZh)} {p.Code}", (IReadOnlyList<string>)themes
                .Select(t => string.Join("\n", map.Objectives.Where(o => o.ThemeId == t.Id && o.Perspective == p.Code).OrderBy(o => o.Ordinal).Select(o => $"{o.Code} {o.Name}")))
                .ToList())).ToList(),
            themes.Select(t => t.LeadUnit ?? "").ToList());
        var mapTitle = words.Say($"{map.Organisation.Name}策略地圖");
        return new BscTable(words.Say($"{map.Organisation.Name} 平衡計分卡"), mapTitle, grid, [.. headers.Select(words.Say)], rows,
            [.. FormInstructions.Select(words.Say)], map.Links.Count > 0 ? words.Say(DrawingHeading(mapTitle)) : mapTitle);
    }

    /// <summary>
    /// KPIs the form prints in one row, numbered (seed 001's BC1.1–BC1.3 under BC1, 「1.4 2.6 3.2」): every figure of each was
    /// printed with its place in the row before it (a status they share, 「無統計」, once). The importer reads such a row back as the same KPIs (BscFormReader).
    /// </summary>
    static bool PrintedTogether(IReadOnlyList<Kpi> own) =>
        own.Count > 1 && own.Select((k, i) => (k, i)).All(x => x.k.Parts.Count == 0 && x.k.Values.Any(v => v.Number is not null)
            && x.k.Values.Where(v => v.Number is not null).All(v => v.Raw?.TrimStart().StartsWith($"{x.i + 1}.", StringComparison.Ordinal) == true));

    /// <summary>The one row of KPIs printed together: each KPI, formula and figure numbered on its own line; a status all share, once.</summary>
    static List<string> Together(Objective objective, IReadOnlyList<Kpi> own, StrategyMap map, int[] actualYears, int[] targetYears, ReportWords words)
    {
        var plans = own.SelectMany(k => map.ActionPlans.Where(a => a.KpiId == k.Id).OrderBy(a => a.Ordinal)).ToList();
        var units = own.Select(k => k.Unit).OfType<string>().ToList();
        string Figures(ValueKind kind, int year)
        {
            var each = own.Select(k => Value(k, kind, year)).ToList();
            if (each.All(e => e.Length == 0)) return "";
            var shared = each.Distinct().Count() == 1 && !each[0].Any(char.IsAsciiDigit);
            return shared ? each[0] : string.Join("\n", each.Select((e, i) => $"{i + 1}.{e}"));
        }
        string Budgets(int year)
        {
            var amounts = plans.Select(p => p.Budgets.FirstOrDefault(b => Domain.Common.RocYear.FromGregorian(b.Year) == year) is { } b ? Amount(b.Amount) : "").ToList();
            return amounts.Distinct().Count() == 1 ? amounts[0] : string.Join("\n", amounts);   // one amount the plans share, once, as the form prints it
        }
        var cells = new List<string>
        {
            $"{objective.Code} {objective.Name}",
            string.Join("\n", own.Select(k => $"{k.Code} {k.Name}")),
            string.Join("\n", own.Select((k, i) => $"{i + 1}. {k.Formula}").Concat(units.Count == 0 ? [] : [words.Say(PolicyReport.UnitLine(string.Join(" ", units)))])),
        };
        cells.AddRange(actualYears.Select(y => Figures(ValueKind.Actual, y)));
        cells.AddRange(targetYears.Select(y => Figures(ValueKind.Target, y)));
        cells.Add(string.Join("、", own.SelectMany(k => k.Owners).Distinct()));
        cells.Add(string.Join("\n", plans.Select(p => $"{p.Code} {p.Name}")));
        cells.AddRange(targetYears.Select(Budgets));
        cells.Add(string.Join("、", plans.SelectMany(p => p.Owners).Distinct()));
        return cells;
    }

    static IReadOnlyList<Kpi> Parts(Kpi kpi) => kpi.Parts.OrderBy(p => p.Ordinal).ToList();

    /// <summary>
    /// A year's value (period Y) as printed: the number, or the status in its own words (「未統計」);
    /// for a KPI measured by its parts, each part's on its own line, as the (n) lines of the KPI cell name them.
    /// </summary>
    static string Value(Kpi kpi, ValueKind kind, int rocYear)
    {
        var year = Domain.Common.RocYear.ToGregorian(rocYear);
        string? Of(Kpi k) => k.Values.FirstOrDefault(v => v.Kind == kind && v.Year == year && v.Period == Period.Y) is { } v ? OneLine(v, k.Unit ?? kpi.Unit) : null;
        if (Of(kpi) is { } own)
            return own;
        var parts = Parts(kpi).Select(Of).ToList();
        return parts.Any(p => p is not null) ? string.Join("\n", parts.Select(p => p ?? "")) : "";   // a part with no figure: an empty line, not a status
    }

    /// <summary>
    /// The value as printed where the form's cell reads it back as the same figure and status (「≤4.9」, 「75.0%」); else
    /// as stored (「10\n10」 printed once per formula part would read as two figures, 「207 萬7,501」 as 207): the form is
    /// also a file the city edits and imports again, and a figure must come back as it went.
    /// </summary>
    static string? OneLine(KpiValue v, string? unit)
    {
        var stored = (v.Number, v.Status) switch
        {
            ({ } n, { } s) => $"{ValueWords.Number(n)} {s}",
            ({ } n, null) => ValueWords.Number(n),
            (null, { } s) => s,
            _ => v.Raw,
        };
        return ValueWords.Of(v, unit) is { } printed && Excel.CellReading.ValueText(printed).Value is { } read
               && read.Number == v.Number && read.Status == v.Status ? printed : stored;
    }

    /// <summary>An amount in a table: 「549,542」.</summary>
    public static string Amount(decimal amount) => amount.ToString("#,0", CultureInfo.InvariantCulture);
}
