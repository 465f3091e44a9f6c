using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Scorecard.Domain.Common;

/// <summary>Messages are written as interpolated strings in Chinese; this is how they read in Chinese.</summary>
public static class Said
{
    [return: NotNullIfNotNull(nameof(message))]
    public static string? Chinese(FormattableString? message) => message?.ToString(CultureInfo.InvariantCulture);

    /// <summary>Several words or phrases in one hole (「缺達成度、創新度」): each is translated, then joined as the language joins them.</summary>
    public static WordList List(System.Collections.IEnumerable items, string joiner = "、") => new([.. items.Cast<object>()], joiner);

    /// <summary>A year in a heading's hole (「{0}年度施政成果」): its ROC number in Chinese, the Gregorian year in English.</summary>
    public static YearWord Year(int rocYear) => new(rocYear);

    /// <summary>A moment in a message's hole (「於 115/12/07 10:11 修改」): the city's time, a 民國 date in Chinese, a Gregorian one in English.</summary>
    public static CityTime Time(DateTime utc) => new(utc);

    /// <summary>A moment that may not have happened: nothing in the hole.</summary>
    public static CityTime? Time(DateTime? utc) => utc is { } at ? new CityTime(at) : null;
}

/// <summary>A ROC year filling a hole of a heading; reads as its ROC number until a language counts years otherwise.</summary>
public readonly record struct YearWord(int RocYear)
{
    public override string ToString() => RocYear.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Words (strings, or phrases with holes) that fill one hole of a message; reads as the Chinese list until a language says them otherwise.</summary>
public sealed record WordList(IReadOnlyList<object> Items, string Joiner)
{
    public override string ToString() =>
        string.Join(Joiner, Items.Select(i => i is FormattableString f ? Said.Chinese(f) : Convert.ToString(i, CultureInfo.InvariantCulture)));
}
