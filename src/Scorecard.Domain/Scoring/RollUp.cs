using Scorecard.Domain.Values;

namespace Scorecard.Domain.Scoring;

/// <summary>Where a KPI stands in a roll-up.</summary>
public enum Standing { Achieved, NotAchieved, NoData, NotApplicable }

/// <summary>Counts of KPIs by standing and their mean achievement, for an objective, theme, organisation or city.</summary>
public sealed record RollUp(int Achieved, int NotAchieved, int NoData, int NotApplicable, decimal? MeanAchievement)
{
    public int Total => Achieved + NotAchieved + NoData + NotApplicable;

    public static Standing StandingOf(PeriodResult? current) => current switch
    {
        null => Standing.NoData,
        { ActualStatus: StatusMeaning.NotApplicable or StatusMeaning.Dropped } => Standing.NotApplicable,
        { Achieved: true } => Standing.Achieved,
        { Achieved: false } => Standing.NotAchieved,
        _ => Standing.NoData,
    };

    public static RollUp Of(IEnumerable<(Standing Standing, decimal? Achievement)> kpis)
    {
        var list = kpis.ToList();
        var figures = list.Where(k => k.Achievement is not null).Select(k => k.Achievement!.Value).ToList();
        return new RollUp(
            list.Count(k => k.Standing == Standing.Achieved),
            list.Count(k => k.Standing == Standing.NotAchieved),
            list.Count(k => k.Standing == Standing.NoData),
            list.Count(k => k.Standing == Standing.NotApplicable),
            figures.Count == 0 ? null : Math.Round(figures.Average(), 1, MidpointRounding.AwayFromZero));
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
        $"達標 {Achieved}、未達標 {NotAchieved}、尚無資料 {NoData}、不適用 {NotApplicable}" +
        (MeanAchievement is { } m ? $"；平均達成度 {m:0.#}%" : "");
}
