using System.Text;
using System.Text.RegularExpressions;

namespace Scorecard.Testing;

/// <summary>
/// What became of one mutated file: imported whole (importing it again changed nothing), refused
/// (with the file, the place and the reason the user was told), or something else — any other
/// error, an answer that is not a refusal, tables changed by a refusal — which is a fault.
/// </summary>
public sealed record FuzzOutcome(MutatedFile File, bool Imported = false, string? RefusedFile = null, string? Place = null, string? Reason = null, string? Broke = null)
{
    public bool Refused => Reason is not null;
}

public static partial class FuzzOutcomes
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    /// <summary>The figures for the note: files tried, imported whole, refused, faults; per kind of mutation with one refusal as the user read it.</summary>
    public static string Summary(IReadOnlyList<FuzzOutcome> outcomes)
    {
        var text = new StringBuilder($"{outcomes.Count} files: {outcomes.Count(o => o.Imported)} imported whole, {outcomes.Count(o => o.Refused)} refused with a located message, {Faults(outcomes).Count} faults\n");
        foreach (var kind in outcomes.GroupBy(o => o.File.Mutation))
        {
            var example = kind.FirstOrDefault(o => o.Refused);
            text.Append($"  {kind.Key}: {kind.Count(o => o.Imported)} imported, {kind.Count(o => o.Refused)} refused")
                .Append(example is null ? "" : $", e.g. 「{example.RefusedFile}：{example.Place}：{example.Reason}」").Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Every outcome that is neither a whole import nor a refusal naming this file, a place and a reason in Chinese.</summary>
    public static IReadOnlyList<string> Faults(IReadOnlyList<FuzzOutcome> outcomes) => outcomes
        .Select(o => o switch
        {
            { Broke: { } broke } => broke,
            { Imported: true } => null,
            { Refused: false } => "neither imported nor refused",
            _ when o.RefusedFile != o.File.Name => $"the refusal names {o.RefusedFile}",
            _ when string.IsNullOrWhiteSpace(o.Place) => $"the refusal names no place: {o.Reason}",
            _ when !Chinese().IsMatch(o.Reason!) => $"the reason is not in Chinese: {o.Reason}",
            _ => null,
        } is { } fault ? $"{o.File}: {fault}" : null)
        .OfType<string>().ToList();
}
