using Scorecard.Domain.Values;

namespace Scorecard.Domain.Scoring;

/// <summary>Where a KPI stands in a roll-up. 進行中: measured against the year's target before the year ends, with no verdict yet.</summary>
public enum Standing { Achieved, NotAchieved, InProgress, NoData, NotApplicable }

/// <summary>
/// Counts of KPIs by standing and their mean achievement, for an objective, theme, organisation or city.
/// The mean leaves out KPIs in progress: their share of the year's target is not an achievement. Callers give each KPI's achievement as
/// a mean counts it, capped (<see cref="KpiScore.Counted"/>).
/// </summary>
/// <param name="ProjectedMiss">Of those in progress, how many are projected to miss the year's target (預估未達標).</param>
public sealed record RollUp(int Achieved, int NotAchieved, int InProgress, int NoData, int NotApplicable, decimal? MeanAchievement, int ProjectedMiss = 0)
{
    public int Total => Achieved + NotAchieved + InProgress + NoData + NotApplicable;

    public static string Label(Standing s) => s switch
    {
        Standing.Achieved => "達標",
        Standing.NotAchieved => "未達標",
        Standing.InProgress => "進行中",
        Standing.NotApplicable => "不適用",
        _ => "尚無資料",
    };

    public static Standing StandingOf(PeriodResult? current) => current switch
    {
        null => Standing.NoData,
        { ActualStatus: StatusMeaning.NotApplicable or StatusMeaning.Dropped } => Standing.NotApplicable,
        { YearElapsed: not null } => Standing.InProgress,
        { Achieved: true } => Standing.Achieved,
        { Achieved: false } => Standing.NotAchieved,
        _ => Standing.NoData,
    };

    public static RollUp Of(IEnumerable<(Standing Standing, decimal? Achievement)> kpis) =>
        Of(kpis.Select(k => (k.Standing, k.Achievement, false)));

    public static RollUp Of(IEnumerable<(Standing Standing, decimal? Achievement, bool ProjectedMiss)> kpis)
    {
        var list = kpis.ToList();
        var figures = list.Where(k => k.Achievement is not null && k.Standing != Standing.InProgress).Select(k => k.Achievement!.Value).ToList();
        return new RollUp(
            list.Count(k => k.Standing == Standing.Achieved),
            list.Count(k => k.Standing == Standing.NotAchieved),
            list.Count(k => k.Standing == Standing.InProgress),
            list.Count(k => k.Standing == Standing.NoData),
            list.Count(k => k.Standing == Standing.NotApplicable),
            figures.Count == 0 ? null : Math.Round(figures.Average(), 1, MidpointRounding.AwayFromZero),
            list.Count(k => k.Standing == Standing.InProgress && k.ProjectedMiss));
    }

    /// <summary>The colour band of a roll-up, always shown with its text.</summary>
    public string Band => (Achieved + NotAchieved) switch
    {
        0 => "none",
        var judged when Achieved == judged => "good",
        var judged when Achieved * 2 >= judged => "mixed",
        _ => "poor",
    };

    public static string BandLabel(string band) => band switch
    {
        "good" => "全數達標",
        "mixed" => "半數以上達標",
        "poor" => "未達標居多",
        _ => "尚無可判定資料",
    };

    public string Text =>
        $"達標 {Achieved}、未達標 {NotAchieved}、進行中 {InProgress}" + (ProjectedMiss > 0 ? $"（其中預估未達標 {ProjectedMiss}）" : "") +
        $"、尚無資料 {NoData}、不適用 {NotApplicable}" +
        (MeanAchievement is { } m ? $"；平均達成度 {m:0.#}%" : "");
}
