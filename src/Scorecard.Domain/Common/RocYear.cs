namespace Scorecard.Domain.Common;

/// <summary>
/// The documents count years from the founding of the Republic (民國): ROC 107 = 2018.
/// The product stores Gregorian years and shows ROC years.
/// </summary>
public static class RocYear
{
    public const int Offset = 1911;

    public static int ToGregorian(int rocYear) =>
        rocYear is >= 1 and <= 300 ? rocYear + Offset : throw new DomainException($"民國年 {rocYear} 不在合理範圍（1–300）。");

    public static int FromGregorian(int year) => year - Offset;

    /// <summary>"107 年", as the pages show a year.</summary>
    public static string Label(int gregorianYear) => $"{FromGregorian(gregorianYear)} 年";
}
