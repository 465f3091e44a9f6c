using System.Globalization;
using System.Text;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;
using Scorecard.Web.Features.Maps;
using Scorecard.Web.Infrastructure.Caching;

namespace Scorecard.Web.Features.OpenData;

/// <summary>
/// One KPI's figures for one period of a year, as open data publishes it; for a KPI with parts, one part's
/// (<see cref="Part"/> its number) or the KPI's own, computed from its parts (<see cref="Part"/> null).
/// </summary>
public sealed record OpenDataRow(
    int Year, string Organisation, int PlanYear, string Theme, string Objective, string Perspective,
    string Code, string Name, string? Unit, string? Direction, string Period,
    decimal? Target, decimal? Actual, string? Status, decimal? Achievement, string? Verdict, string? Rule,
    decimal? YearProgress = null, decimal? YearElapsed = null,
    int? Part = null, string? PartCode = null, string? Formula = null, string? Owners = null, decimal? Weight = null,
    decimal? Projection = null, decimal? ProjectionHigh = null, string? ProjectionVerdict = null, string? ProjectionMethod = null,
    string? Workings = null, string? TargetPrinted = null, string? ActualPrinted = null, string? ActualDoubt = null);

/// <summary>
/// 開放資料: every organisation's published figures for a year, from the map in force for that year.
/// Only published values are read (entries waiting for review live elsewhere), and no draft map.
/// </summary>
public sealed class OpenDataRows(MapReader reader, CachedReads cached)
{
    /// <summary>The fields, in the order of the CSV's columns, with what each means: the field dictionary.</summary>
    public static readonly IReadOnlyList<(string Field, string Label, string Meaning)> Fields =
    [
        ("year", "年度", "民國年，數值所屬年度"),
        ("organisation", "機關", "策略地圖所屬機關"),
        ("planYear", "策略地圖年度", "適用的策略地圖所訂的民國年（沿用舊版策略地圖時早於年度）"),
        ("theme", "主題", "主題代碼與名稱，如「A 永續環境」；機關策略地圖無主題者空白"),
        ("objective", "策略目標", "策略目標代碼與名稱"),
        ("perspective", "構面", "C 顧客、P 內部流程、L 學習成長、F 財務"),
        ("code", "KPI 代碼", "如 AC1.1"),
        ("name", "KPI 名稱", "依機關所填，不翻譯"),
        ("unit", "單位", "如 %、件、人次"),
        ("direction", "方向", "higher 越高越好、lower 越低越好（負向指標）、target 越接近目標越好、unknown 未標示；文件未標示而依目標值或名稱推定者，rule 註明推定依據"),
        ("period", "期別", "Q1–Q4 季、H1–H2 半年、Y 全年"),
        ("target", "目標值", "該期目標值；該期無目標時為年度目標值（見 rule）"),
        ("actual", "實際值", "已發布的實際值；未發布者不列"),
        ("status", "狀態", "無數字時的狀態，如「未統計」、「新指標不適用」"),
        ("achievement", "達成度", "%，依 rule 所載算法；年度進行中未判定者空白（見 yearProgress）"),
        ("verdict", "判定", "達標、未達標、進行中（年度結束前不判定）或空白（無法判定，見 rule）"),
        ("rule", "計算規則", "達成度的算法與進位，或無法計算的原因；累計方式或方向依單位、名稱推定者註明推定依據"),
        ("yearProgress", "年度目標進度", "%，年度進行中累計至該期占年度目標值的比率；不是達成度"),
        ("yearElapsed", "年度已過", "%，該期結束時年度已過的比率（第 1 季 25）"),
        ("part", "分項", "有分項的 KPI（如 BP3.1、BF1.1 各機關）：分項列為第幾分項（1 起算），KPI 本身由分項合成的一列空白；無分項的 KPI 空白"),
        ("partCode", "分項代碼", "分項依文件所印的代碼，如 BP3.1-1；與 KPI 同碼者（AP2.1、BF1.1）照印"),
        ("formula", "公式", "指標公式，依機關所填；分項未另列公式者為 KPI 的公式"),
        ("owners", "主責", "主責機關，以「、」分隔；分項為該分項的主責機關"),
        ("weight", "權重", "%，分項在 KPI 中的權重；未載明者空白"),
        ("projection", "預估年底值", "年度進行中，依至今數值推估的年底值（預估，不是結果）；累計方式未定者為推估範圍的下限"),
        ("projectionHigh", "預估年底值上限", "累計方式未定者推估範圍的上限；其他與 projection 相同"),
        ("projectionVerdict", "預估判定", "預估達標、預估未達標或預估未定"),
        ("projectionMethod", "預估方法", "推估方法與依據，如「依年度已過 25% 的進度推估（累計至今 7.05），年底約 28.2%，低於目標 90.5（預估未達標）」"),
        ("workings", "算式", "達成度或年度目標進度的算式：比較的數值（年度、期別）與結果"),
        ("targetPrinted", "目標值原文", "文件所載的目標值原文，含限定詞、單位或附註，如「<0.2」、「10 以下」、「75.0%」；與數字相同者空白，計算一律用 target"),
        ("actualPrinted", "實際值原文", "文件所載或填報的實際值原文，如「275件 (104/8/31起計算)」；與數字相同者空白，計算一律用 actual"),
        ("actualDoubt", "實際值疑誤", "實際值為單位不可能的數字（如日期、件數為負數）時說明疑點；此值不據以計算。其他空白"),
    ];

    public Task<IReadOnlyList<OpenDataRow>> ForYearAsync(int rocYear, string? organisation = null, CancellationToken ct = default) =>
        cached.GetAsync(("open data", rocYear, organisation), services => services.GetRequiredService<OpenDataRows>().ReadAsync(rocYear, organisation), ct);

    async Task<IReadOnlyList<OpenDataRow>> ReadAsync(int rocYear, string? organisation) =>
        (await reader.InForceAsync(rocYear, organisation))
            .SelectMany(s => s.Scoring.Map.Kpis.Where(k => k.ParentId is null).OrderBy(k => k.Ordinal)
                .SelectMany(kpi => Rows(s.Scoring, kpi, RocYear.ToGregorian(s.RocYear))))
            .ToList();

    /// <summary>
    /// A KPI's rows: its own periods; for a KPI with parts (which holds no figures of its own), a row per
    /// period computed from the parts, then each part's rows under the KPI's code, numbered in <c>part</c>.
    /// </summary>
    static IEnumerable<OpenDataRow> Rows(MapScoring scoring, Kpi kpi, int year)
    {
        var map = scoring.Map;
        var objective = map.Objectives.First(o => o.Id == kpi.ObjectiveId);
        var theme = objective.ThemeId is { } t ? map.Themes.First(x => x.Id == t) : null;
        var where = new OpenDataRow(RocYear.FromGregorian(year), map.Organisation.Name, map.RocYear,
            theme is null ? "" : $"{theme.Code} {theme.Name}", $"{objective.Code} {objective.Name}", objective.Perspective,
            kpi.Code, kpi.Name, kpi.Unit, scoring.For(kpi).Direction is { } d ? Directions.Format(d) : null, "",
            null, null, null, null, null, null, Formula: kpi.Formula, Owners: Owners(kpi.Owners));
        var parts = scoring.PartsOf(kpi);
        if (parts.Count == 0)
            return Periods(scoring, scoring.For(kpi), year, where);

        // A KPI that holds figures of its own is judged by them (as MapScoring does); else by its parts.
        var periods = parts.SelectMany(p => p.Kpi.Values).Where(v => v.Year == year).Select(v => v.Period).Distinct().OrderBy(p => Array.IndexOf(PeriodOrder, p));
        var whole = kpi.Values.Count > 0 ? Periods(scoring, scoring.For(kpi), year, where).ToList() : periods.Select(period =>
        {
            // A period of targets only (the year's, before it ends): nothing to judge, as for a KPI of its own.
            if (!parts.Any(p => p.Results.Any(r => r.Year == year && r.Period == period)))
                return where with { Period = period.ToString() };
            var c = scoring.CompositeAt(kpi, year, period);
            // 預估 from the parts' projections: a verdict and its method; no figure, the parts' units differ.
            var projection = scoring.ProjectionAt(kpi, year, period);
            return where with
            {
                Period = period.ToString(), Achievement = c.Achievement, Verdict = Verdict(c.Standing),
                Rule = Said.Chinese(c.Rule) ?? Said.Chinese(c.Why),
                ProjectionVerdict = projection?.Label, ProjectionMethod = Said.Chinese(projection?.Said),
            };
        }).ToList();
        return whole.Concat(parts.SelectMany((p, i) => Periods(scoring, p, year, where with
        {
            Part = i + 1, PartCode = p.Kpi.Code, Name = p.Kpi.Name,
            Unit = p.Kpi.Unit ?? kpi.Unit, Direction = p.Direction is { } pd ? Directions.Format(pd) : null,
            Formula = p.Kpi.Formula ?? kpi.Formula, Owners = Owners(p.Kpi.Owners.Count > 0 ? p.Kpi.Owners : kpi.Owners), Weight = p.Kpi.Weight,
        })));
    }

    static string? Owners(List<string> owners) => owners.Count == 0 ? null : string.Join("、", owners);

    /// <summary>One row per period the KPI (or part) holds a value for in the year, each with its result.</summary>
    static IEnumerable<OpenDataRow> Periods(MapScoring scoring, KpiScore score, int year, OpenDataRow where)
    {
        var results = score.Results.Where(r => r.Year == year).ToDictionary(r => r.Period);
        var values = score.Kpi.Values.Where(v => v.Year == year).ToList();
        foreach (var period in values.Select(v => v.Period).Distinct().OrderBy(p => Array.IndexOf(PeriodOrder, p)))
        {
            var target = values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Period == period);
            var actual = values.FirstOrDefault(v => v.Kind == ValueKind.Actual && v.Period == period);
            var result = results.GetValueOrDefault(period);
            // A period with no target of its own is measured against the year's.
            target ??= actual is null ? null : values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Period == Period.Y);
            // 預估: only where the row is in the year's course and has a figure; never in place of the result.
            var projection = actual?.Number is not null ? scoring.ProjectionAt(score.Kpi, year, period) : null;
            yield return where with
            {
                Period = period.ToString(), Target = target?.Number, Actual = actual?.Number, Status = actual?.Status,
                Achievement = result?.Percent, Verdict = result is null ? null : Verdict(RollUp.StandingOf(result)),
                Rule = result is null ? null : result.Achievement.Reason is { } why ? $"{result.Achievement.Rule}；{why}" : result.Achievement.Rule,
                YearProgress = result?.YearProgress, YearElapsed = result?.YearElapsed,
                Projection = projection?.YearEnd, ProjectionHigh = projection?.High, ProjectionVerdict = projection?.Label,
                ProjectionMethod = Said.Chinese(projection?.Said), Workings = Said.Chinese(result?.Workings),
                TargetPrinted = target is null ? null : PrintedText.Of(target), ActualPrinted = actual is null ? null : PrintedText.Of(actual),
                ActualDoubt = actual is null ? null : Said.Chinese(ImpossibleFigure.Of(actual, where.Unit)),
            };
        }
    }

    static readonly Period[] PeriodOrder = [Period.Q1, Period.Q2, Period.H1, Period.Q3, Period.Q4, Period.H2, Period.Y];

    static string? Verdict(Standing s) => s is Standing.Achieved or Standing.NotAchieved or Standing.InProgress ? RollUp.Label(s) : null;

    /// <summary>UTF-8 with a byte-order mark, so that Excel opens the Chinese as Chinese; one header row of field names.</summary>
    public static byte[] Csv(IReadOnlyList<OpenDataRow> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Fields.Select(f => f.Field)).Append("\r\n");
        foreach (var r in rows)
        {
            string?[] cells =
            [
                Number(r.Year), Text(r.Organisation), Number(r.PlanYear), Text(r.Theme), Text(r.Objective), Text(r.Perspective), Text(r.Code), Text(r.Name),
                Text(r.Unit), Text(r.Direction), Text(r.Period), Number(r.Target), Number(r.Actual), Text(r.Status), Number(r.Achievement), Text(r.Verdict), Text(r.Rule),
                Number(r.YearProgress), Number(r.YearElapsed),
                Number(r.Part), Text(r.PartCode), Text(r.Formula), Text(r.Owners), Number(r.Weight),
                Number(r.Projection), Number(r.ProjectionHigh), Text(r.ProjectionVerdict), Text(r.ProjectionMethod), Text(r.Workings),
                Text(r.TargetPrinted), Text(r.ActualPrinted), Text(r.ActualDoubt),
            ];
            text.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>As stored, without the trailing zeros a database may add (51.0 → 51).</summary>
    static string? Number(decimal? d) => d?.ToString("0.##########", CultureInfo.InvariantCulture);

    static string? Number(int d) => d.ToString(CultureInfo.InvariantCulture);

    static string? Number(int? d) => d?.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A text a person or a file set (a name, a unit, a status). One that starts as a formula would
    /// (=, +, -, @, a tab or a carriage return) gets a leading apostrophe, so that a spreadsheet opening
    /// the file shows it as text and never runs it (CSV injection). Numbers are written as numbers.
    /// </summary>
    static string? Text(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>RFC 4180: a cell with a comma, a quote or a line break is quoted, its quotes doubled.</summary>
    static string Cell(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : $"\"{value.Replace("\"", "\"\"")}\"";
}
