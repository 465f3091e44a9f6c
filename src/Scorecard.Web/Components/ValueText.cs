using System.Globalization;
using Scorecard.Domain.Values;

namespace Scorecard.Web.Components;

/// <summary>How a value reads on a page: a number as a number, a status as its wording, never 0 or blank.</summary>
public static class ValueText
{
    static readonly CultureInfo Taiwan = CultureInfo.GetCultureInfo("zh-TW");

    public static string Number(decimal n) => ValueWords.Number(n);

    public static string Show(KpiValue v) => ValueWords.Of(v) ?? "（無資料）";

    public static bool IsStatusOnly(KpiValue v) => v.Number is null;

    public static string Money(decimal amount) => "NT$ " + amount.ToString("#,0", Taiwan);

    public static string Percent(decimal? weight) => weight is { } w ? $"{Number(w)}%" : "";
}
