using Scorecard.Domain.Common;

namespace Scorecard.Domain.Values;

/// <summary>What an entered figure is compared with before it is stored.</summary>
public enum Comparison { Target, PreviousPeriod, PreviousYear }

/// <summary>A figure the KPI already holds that an entry is compared with: its target, its previous period's actual, its previous year's.</summary>
public sealed record Reference(Comparison Against, decimal Value)
{
    /// <summary>「目標值 0.463」, 「前期 0.45」, 「去年同期 0.44」.</summary>
    public FormattableString Text => Against switch
    {
        Comparison.Target => $"目標值 {ValueWords.Number(Value)}",
        Comparison.PreviousPeriod => $"前期 {ValueWords.Number(Value)}",
        _ => $"去年同期 {ValueWords.Number(Value)}",
    };
}

/// <summary>
/// Issue 33 §7: a figure an order of magnitude away from everything the KPI holds to compare it with — more than ten
/// times, or less than a tenth of, its target, its previous period and its previous year, each of those that exists —
/// is held until the reporter confirms it: 「47」 typed for 0.47, a sum in 元 typed in 千元. One figure near any of
/// them is enough to let it through (a KPI whose target was set far off its history is not held every quarter). A zero
/// on either side says nothing about the scale (the ratio is undefined), so it holds nothing; nor does a KPI with
/// nothing to compare with.
/// </summary>
public static class FarFigure
{
    /// <summary>How far off is far: more than this many times, or less than its inverse.</summary>
    public const decimal Factor = 10;

    public static FormattableString Question => $"數值與目標及前期差距甚大，確認無誤？";

    /// <summary>The references the figure is far from, all of them; empty when it is not held.</summary>
    public static IReadOnlyList<Reference> Check(decimal figure, IReadOnlyCollection<Reference> references)
    {
        if (figure == 0 || references.Count == 0 || references.Any(r => r.Value == 0))
            return [];
        // Multiplied, not divided: exact at the boundary (4.89 is ten times 0.489, not more), and 10^15 over 10^-10
        // would be beyond decimal's range. Figures are bounded by FileLimits.MaxNumber (10^15), so ten times one is not.
        var size = Math.Abs(figure);
        return references.All(r => size > Factor * Math.Abs(r.Value) || size * Factor < Math.Abs(r.Value)) ? references.ToList() : [];
    }

    /// <summary>Refuses a figure far from every reference unless the reporter has confirmed it; names the field <paramref name="field"/>.</summary>
    public static void Hold(decimal figure, IReadOnlyCollection<Reference> references, bool confirmed, string field = "value")
    {
        if (confirmed) return;
        var far = Check(figure, references);
        if (far.Count > 0)
            throw new UnconfirmedFigureException(field, far);
    }
}

/// <summary>
/// An entered figure held for confirmation (<see cref="FarFigure"/>): nothing is stored. <see cref="ComparedWith"/>
/// lists what it was compared with, so a page and the API can show the reporter the figures beside it.
/// </summary>
public sealed class UnconfirmedFigureException(string field, IReadOnlyList<Reference> comparedWith)
    : InvalidInputException(field, FarFigure.Question)
{
    public IReadOnlyList<Reference> ComparedWith { get; } = comparedWith;
}
