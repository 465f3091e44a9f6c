using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Revisions;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;

namespace Scorecard.Interchange.Reports;

/// <summary>A year of a KPI's trend: its target and actual for the year, where known.</summary>
public sealed record TrendPoint(int RocYear, decimal? Target, decimal? Actual)
{
    /// <summary>「106-108年失業率」, as seed 003 titles its charts.</summary>
    public static FormattableString Title(IReadOnlyList<TrendPoint> trend, string name) =>
        trend.Count == 0 ? (FormattableString)$"{name}" : $"{Said.Year(trend[0].RocYear)}-{Said.Year(trend[^1].RocYear)}年{name}";
}

/// <summary>
/// A KPI's card of the results report (seed 003): target, actual, achievement, the three
/// self-assessment scores, weighted total and light, the score narratives, the trend of the last
/// three years, and for a KPI that missed its target its 狀況分析 and 對策.
/// </summary>
public sealed record ResultsCard(
    string? Code, string? Part, string Name, string? Objective, string Owners, string? Unit,
    string Target, string Actual, string Achievement,
    string Innovation, string Challenge, string Contribution, string Total, string Light,
    IReadOnlyList<(string Label, string Text)> Narratives,
    IReadOnlyList<TrendPoint> Trend,
    bool Missed, IReadOnlyList<string> SituationAnalysis, IReadOnlyList<string> Countermeasures,
    string? Warning)
{
    /// <summary>「DC1.1 失業率」, with the part where the card is for one: 「GF1.1 運用現有資源加強市政行銷（圖片）」.</summary>
    public string Heading => $"{Code} {Name}{(Part is null ? "" : $"（{Part}）")}".Trim();

    /// <summary>「106-108年失業率」, as the seed titles its chart.</summary>
    public FormattableString TrendTitle => TrendPoint.Title(Trend, Name);
}

public sealed record ResultsTheme(string Code, string Name, IReadOnlyList<ResultsCard> Cards);

/// <summary>
/// The next plan year's revision, shown after the year's results as seed 003 shows 109's 修正內容 after
/// the 108 results: the count table (the document's own beside it) and the changes with their reasons.
/// </summary>
public sealed record ResultsRevision(int RocYear, int PreviousRocYear, RevisionReading Reading)
{
    public IReadOnlyList<CountRow> Counts => Reading.Counts;
    public IReadOnlyList<PrintedCount> Printed => Reading.Printed;
    public IReadOnlyList<ReasonedChange> Changes => Reading.Changes;

    /// <summary>The next plan year's map compared with this one (the version just before it); reasons as the next map records them.</summary>
    public static ResultsRevision Of(StrategyMap map, StrategyMap next, IReadOnlyDictionary<Guid, string> moved) =>
        new(next.RocYear, map.RocYear, RevisionDiff.Read(map, next, l => moved.GetValueOrDefault(l), describesBefore: true));
}

/// <summary>
/// 成果報告 (seed 003): a card per KPI evaluated for the year, grouped by theme. A KPI with a year's
/// actual but no self-assessment yet gets a card with its figures and 「未自評」; the KPIs with neither
/// are listed by name, so that nothing is silently left out.
/// </summary>
/// <param name="NextRevision">The next plan year's revision, where a published map of that year exists.</param>
/// <param name="RatingRule">The map's scale of lights, 「【自評標準】★優(KPI總得分>=92.5)；…」.</param>
public sealed record ResultsReport(string Title, string Organisation, int RocYear, string RatingRule,
    IReadOnlyList<ResultsTheme> Themes, IReadOnlyList<string> WithoutResults, ResultsRevision? NextRevision = null)
{
    public int CardCount => Themes.Sum(t => t.Cards.Count);

    // The document's own headings, said by the writers in the reader's language (ReportWords).
    public static FormattableString WithoutResultsHeading => $"尚無年度成果之 KPI";
    public static FormattableString ObjectiveLine(string objective) => $"策略目標：{objective}";
    public static FormattableString OwnersLine(string owners) => $"主責：{owners}";
    public static IReadOnlyList<FormattableString> ScoreColumns => [$"目標值", $"達成值", $"達成度", $"創新度", $"挑戰度", $"貢獻度", $"加權平均", $"自評燈號"];
    public static FormattableString MissedHeading => $"未達目標值 KPI 之補充說明";
    public static FormattableString SituationAnalysis => $"狀況分析";
    public static FormattableString Countermeasures => $"對策";
    public static FormattableString RevisionHeading(ResultsRevision r) => $"{Said.Year(r.RocYear)} 年度修正內容（與 {Said.Year(r.PreviousRocYear)} 年比較）";
    public static IReadOnlyList<FormattableString> CountColumns => [$"構面", $"策略目標 修訂前", $"修訂後", $"KPI 修訂前", $"修訂後", $"行動計畫 修訂前", $"修訂後"];
    public static FormattableString CountNote => $"註：( )內表示策略目標、KPI及行動方案之數字調整。";
    public static FormattableString NoChanges => $"與前一版相同，沒有修正。";
    public static IReadOnlyList<FormattableString> ChangeColumns => [$"類別", $"代碼", $"修訂前", $"修訂後", $"修正方向/原因"];
    public static FormattableString NoReason => $"（未填）";
    public static FormattableString Unknown => $"不明";
    public static FormattableString AsPrinted => $"文件所載";
    public static FormattableString StatedByDocument => $"文件所載（前一版無此資料）";
    /// <summary>A change that goes with a listed one: 「一併：刪除策略目標 DF2（提高預算執行效能）」.</summary>
    public static FormattableString GoesWith(string label, string code, string words) => $"一併：{label} {code}（{words}）";

    /// <param name="scoring">The year's map (its own or the one in force for it), scored.</param>
    /// <param name="history">Every version of the map's KPIs in any map (<see cref="MapQueries.LineageAsync"/>), for the trend of earlier years.</param>
    public static ResultsReport Build(MapScoring scoring, IReadOnlyList<KpiVersion> history, ReportWords? words = null)
    {
        words ??= ReportWords.Chinese;
        var map = scoring.Map;
        var rocYear = Domain.Common.RocYear.FromGregorian(map.ViewYear);
        // The map's own version as read here (its results as scored), in place of the stored one.
        var versions = map.Kpis.Where(k => k.ParentId is null)
            .Select(k => new KpiVersion(map.Year, map.Organisation.Name, k, map.Evaluations.Where(e => e.KpiCode == k.Code).ToList()))
            .Concat(history.Where(v => v.Kpi.MapId != map.Id))
            .ToList();
        var years = Enumerable.Range(map.ViewYear - 2, 3).ToList();
        var themeOf = map.Objectives.ToDictionary(o => o.Id, o => o.ThemeId is { } id ? map.Themes.First(t => t.Id == id).Code : null);
        var kpis = map.Kpis.Where(k => k.ParentId is null).OrderBy(k => k.Ordinal).ToList();
        var cards = new List<(string? Theme, int Order, ResultsCard Card)>();

        foreach (var s in scoring.Evaluations.Where(e => e.Evaluation.Year == map.ViewYear))
        {
            var e = s.Evaluation;
            var kpi = kpis.FirstOrDefault(k => k.Code == e.KpiCode);
            var order = kpi is null ? int.MaxValue : kpis.IndexOf(kpi);
            cards.Add((e.ThemeCode ?? (kpi is null ? null : themeOf[kpi.ObjectiveId]), order, Card(s, kpi, map, versions, years, words)));
        }
        var assessed = cards.Select(c => c.Card.Code).OfType<string>().ToHashSet();
        var without = new List<string>();
        foreach (var kpi in kpis.Where(k => !assessed.Contains(k.Code)))
        {
            var result = scoring.For(kpi).Results.FirstOrDefault(r => r.Year == map.ViewYear && r.Period == Period.Y);
            if (result is null)
                without.Add($"{kpi.Code} {kpi.Name}");
            else
                cards.Add((themeOf[kpi.ObjectiveId], kpis.IndexOf(kpi), Unassessed(kpi, result, map, versions, years, scoring.Rules, words)));
        }

        var themes = map.Themes.OrderBy(t => t.Ordinal).ThenBy(t => t.Code)
            .Select(t => new ResultsTheme(t.Code, t.Name, cards.Where(c => c.Theme == t.Code).OrderBy(c => c.Order).Select(c => c.Card).ToList()))
            .ToList();
        var homeless = cards.Where(c => themes.All(t => t.Code != c.Theme)).OrderBy(c => c.Order).Select(c => c.Card).ToList();
        if (homeless.Count > 0)
            themes.Add(new ResultsTheme("", words.Say($"全府共同目標及其他"), homeless));
        return new ResultsReport(words.Say($"{map.Organisation.Name} {Said.Year(rocYear)} 年度施政成果"), map.Organisation.Name, rocYear, RatingRuleOf(scoring.Rules, words),
            themes.Where(t => t.Cards.Count > 0).ToList(), without);
    }

    static ResultsCard Card(EvaluationScore s, Kpi? kpi, StrategyMap map, List<KpiVersion> versions, List<int> years, ReportWords words)
    {
        var e = s.Evaluation;
        var unit = kpi?.Unit;
        var achievement = s.Achievement.Percent is { } p ? $"{ValueWords.Number(p)}%"
            : e.AchievementReported is { } r ? words.Say($"{ValueWords.Number(r)}%（機關填報）") : "—";
        var missed = (e.AchievedFlag ?? s.Achievement.Achieved) == false;
        var narratives = new[] { (words.Say($"創新度"), e.InnovationNarrative), (words.Say($"挑戰度"), e.ChallengeNarrative), (words.Say($"貢獻度"), e.ContributionNarrative) }
            .Where(n => !string.IsNullOrWhiteSpace(n.Item2)).Select(n => (n.Item1, n.Item2!)).ToList();
        return new ResultsCard(e.KpiCode, e.Part, kpi?.Name ?? Json.ExtraFacts.Text(e.ExtraJson, "name") ?? e.KpiCode ?? "", Objective(kpi, map), Owners(kpi), unit,
            Printed(e, target: true) ?? Figure(e.Target, unit), Printed(e, target: false) ?? Figure(e.Actual, unit), achievement,
            Score(e.Innovation), Score(e.Challenge), Score(e.Contribution), Score(e.WeightedAverage ?? s.Computed.Total),
            s.LightComputed.ToString(),
            narratives, Trend(kpi, e, map, versions, years), missed, e.SituationAnalysis ?? [], e.Countermeasures ?? [], s.Incomplete is null ? null : words.Say(s.Incomplete));
    }

    static ResultsCard Unassessed(Kpi kpi, PeriodResult result, StrategyMap map, List<KpiVersion> versions, List<int> years, ScoringRules rules, ReportWords words)
    {
        var notAssessed = words.Say($"未自評");
        var target = kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == map.ViewYear && v.Period == Period.Y);
        var actual = kpi.Values.First(v => v.Kind == ValueKind.Actual && v.Year == map.ViewYear && v.Period == Period.Y);
        var missed = result.Achieved == false;
        return new ResultsCard(kpi.Code, null, kpi.Name, Objective(kpi, map), Owners(kpi), kpi.Unit,
            target is null ? "—" : ValueWords.Of(target) ?? "—", ValueWords.Of(actual) ?? "—",
            result.Percent is { } p ? $"{ValueWords.Number(p)}%" : "—",
            notAssessed, notAssessed, notAssessed, notAssessed, rules.Unknown.ToString(),
            [], Trend(kpi, null, map, versions, years), missed, [], [],
            missed ? words.Say($"未達標：尚未填寫狀況分析及對策。") : null);
    }

    /// <summary>
    /// The KPI's targets and actuals over the three years ending with the year looked at: from the
    /// year-end results and the yearly values of every version of the KPI (its lineage: the same KPI
    /// under another code, or in another organisation's map), the map's own first. A card for a part
    /// (圖片, 影片) follows that part's results in this map only.
    /// </summary>
    static List<TrendPoint> Trend(Kpi? kpi, Domain.Scoring.Evaluation? evaluation, StrategyMap map, List<KpiVersion> versions, List<int> years)
    {
        if (kpi is not null && evaluation?.Part is null)
            return KpiHistory.Of(kpi, versions, years);
        return years.Select(year =>
        {
            var results = map.Evaluations.Where(e => e.Year == year && e.KpiCode == evaluation?.KpiCode && e.Part == evaluation?.Part).ToList();
            return new TrendPoint(Domain.Common.RocYear.FromGregorian(year), results.Select(e => e.Target).FirstOrDefault(t => t is not null), results.Select(e => e.Actual).FirstOrDefault(a => a is not null));
        }).ToList();
    }

    static string? Objective(Kpi? kpi, StrategyMap map) =>
        kpi is null ? null : map.Objectives.FirstOrDefault(o => o.Id == kpi.ObjectiveId) is { } o ? $"{o.Code} {o.Name}" : null;

    static string Owners(Kpi? kpi) => kpi is null ? "" : string.Join("、", kpi.Owners);

    /// <summary>
    /// A result's target or actual as its document prints it (「12 日內」, 「降低至 9.2%」, 「1.38 天/件」), where that text still states the
    /// figure; null where there is none to show or it says no more than the number (issue 33 §5).
    /// </summary>
    public static string? Printed(Domain.Scoring.Evaluation e, bool target) => target
        ? PrintedText.Of(e.Target, Json.ExtraFacts.Text(e.ExtraJson, "targetRaw"))
        : PrintedText.Of(e.Actual, Json.ExtraFacts.Text(e.ExtraJson, "actualRaw"));

    static string Figure(decimal? n, string? unit) => n is { } v ? unit == "%" ? $"{ValueWords.Number(v)}%" : ValueWords.Number(v) : "—";

    static string Score(decimal? n) => n is { } v ? ValueWords.Number(v) : "—";

    /// <summary>「【自評標準】★優(KPI總得分>=92.5)；●良(92.5>KPI總得分>=84.5)；…；？不明(缺項無法統計，或其他原因無法執行者)」, from the map's rules.</summary>
    public static string RatingRuleOf(ScoringRules rules, ReportWords words)
    {
        var parts = new List<FormattableString>();
        decimal? above = null;
        foreach (var light in rules.Lights)
        {
            FormattableString range = (above, light.Min) switch
            {
                (null, { } min) => $"KPI總得分>={ValueWords.Number(min)}",
                ({ } a, { } min) => $"{ValueWords.Number(a)}>KPI總得分>={ValueWords.Number(min)}",
                ({ } a, null) => $"KPI總得分<{ValueWords.Number(a)}",
                _ => $"KPI總得分",
            };
            parts.Add($"{light}({range})");
            above = light.Min;
        }
        parts.Add($"{rules.Unknown}(缺項無法統計，或其他原因無法執行者)");
        return words.Say($"【自評標準】{Said.List(parts, "；")}");
    }
}
