namespace Scorecard.Interchange.Drawing;

/// <summary>
/// The words a chart says of its figures (its legend, and the text alternative a screen reader and a
/// printed page read). Chinese as the documents print them; a page in English passes its own.
/// </summary>
/// <param name="Year">A year as the reader counts it: 「107 年」, or 2018.</param>
/// <param name="YearGap">Between a year and its figures in a chart's description: nothing in Chinese (「107 年目標值」), 「: 」 in English.</param>
/// <param name="AxisYear">A year under its columns: the ROC number (107) unless given, 2018 in English.</param>
public sealed record ChartWords(string YearHeading, string Target, string Actual, string NoData, Func<int, string> Year, string YearGap, string Comma, string Semicolon,
    Func<int, string>? AxisYear = null)
{
    /// <summary>A year as a chart's category, under its columns: 107, or 2018.</summary>
    public string Axis(int rocYear) => AxisYear?.Invoke(rocYear) ?? rocYear.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The KPI page's words: 目標值 and 實際值.</summary>
    public static readonly ChartWords Chinese = new("年度", "目標值", "實際值", "無資料", y => $"{y} 年", "", "、", "；");

    /// <summary>The results report's words (seed 003): 目標值 and 達成值.</summary>
    public static readonly ChartWords Report = Chinese with { Actual = "達成值" };
}
