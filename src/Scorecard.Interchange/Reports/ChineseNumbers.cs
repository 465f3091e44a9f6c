namespace Scorecard.Interchange.Reports;

/// <summary>The numbering of the city's documents: 「一、」 for a section, 「(一)」 for an item under it.</summary>
public static class ChineseNumbers
{
    static readonly string[] Digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    /// <summary>1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; larger numbers stay in digits.</summary>
    public static string Of(int n) => n switch
    {
        < 1 or > 99 => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        < 10 => Digits[n],
        _ => (n / 10 == 1 ? "" : Digits[n / 10]) + "十" + (n % 10 == 0 ? "" : Digits[n % 10]),
    };
}
