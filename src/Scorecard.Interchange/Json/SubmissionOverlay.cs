using Scorecard.Domain.Common;
using Scorecard.Domain.Periods;

namespace Scorecard.Interchange.Json;

/// <summary>
/// What a signed-in reader with read rights sees in an export: every value with its state, and the
/// entered actuals not yet published beside the published ones. Signed out, none of this is added.
/// </summary>
public static class SubmissionOverlay
{
    /// <summary>A submission with the KPI it belongs to: the top-level code, and the part's position (1-based) for a part.</summary>
    public sealed record Entry(string Code, int? Part, Submission Submission);

    public static void Apply(MapFile file, IEnumerable<Entry> entries)
    {
        var kpis = (file.Kpis ?? []).GroupBy(k => k.Code ?? "").ToDictionary(g => g.Key, g => g.First());
        foreach (var kpi in kpis.Values)
            foreach (var v in (kpi.Values ?? []).Concat((kpi.SubValues ?? []).SelectMany(p => p.Values ?? [])))
                v.State = "published";
        foreach (var e in entries.Where(e => e.Submission.State != SubmissionState.Published))
        {
            if (!kpis.TryGetValue(e.Code, out var kpi)) continue;
            var target = e.Part is { } part ? kpi.SubValues?.ElementAtOrDefault(part - 1) : kpi;
            if (target is null) continue;
            var s = e.Submission;
            (target.Values ??= []).Add(new ValueDto
            {
                Year = RocYear.FromGregorian(s.Year),
                Period = s.Period.ToString(),
                Kind = "actual",
                Value = s.Number,
                Status = s.Status,
                Note = s.Note,
                State = Workflow.Format(s.State),
                Narrative = s.Narrative,
                Analysis = s.Analysis,
                Countermeasure = s.Countermeasure,
                ReviewComment = s.ReviewComment,
            });
        }
    }
}
