using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;

namespace Scorecard.Web.Features.Reporting;

/// <summary>
/// The entry page's form as posted: one row a KPI (or part) the reporter may still change. Rows already submitted,
/// approved or published are not in it: the page shows them as they stand.
/// </summary>
public sealed class EntrySheetForm
{
    public List<Row> Rows { get; set => field = value ?? []; } = [];

    public sealed class Row
    {
        public string? Code { get; set; }
        public int? Part { get; set; }
        public long? Version { get; set; }
        public string? Value { get; set; }
        public string? Status { get; set; }
        public string? Narrative { get; set; }
        public string? Analysis { get; set; }
        public string? Countermeasure { get; set; }
        public bool Submit { get; set; }
        /// <summary>The reporter confirms a figure held as far from the KPI's target and history.</summary>
        public bool Confirm { get; set; }
        // Null when the form has none (the binder does not keep an empty list).
        public List<PlanProgress>? Plans { get; set; }
        public List<Milestone>? Steps { get; set; }

        /// <summary>
        /// What the row asks to store, as <see cref="SubmissionCommands.SaveAsync"/> takes it; a figure that is not a
        /// number is refused here, naming its field. <paramref name="note"/> is the stored note, which the page does not edit.
        /// </summary>
        public ActualInput Input(KpiComposition? from, string? note)
        {
            decimal? number = null;
            string? typed = null;
            if (!string.IsNullOrWhiteSpace(Value))
                number = TypedNumber.TryParseQualified(Value, "value", out var n, out typed) ? n : throw new InvalidInputException("value", $"「{Value}」不是數字。");
            var composite = string.IsNullOrWhiteSpace(Status) ? Composite(from) : null;
            return new ActualInput(number, Status, Narrative, Analysis, Countermeasure, note, composite?.Progress, composite?.Done, Confirm, typed);
        }

        /// <summary>What the row holds for a KPI computed from its plans or milestones; null for a KPI entered as a number.</summary>
        (Dictionary<string, decimal>? Progress, List<string>? Done)? Composite(KpiComposition? from) => from switch
        {
            KpiComposition.ActionPlans => ((Plans ?? []).Where(p => !string.IsNullOrWhiteSpace(p.Progress)).ToDictionary(p => p.Code ?? "", p =>
                TypedNumber.TryParse(p.Progress!.Trim().TrimEnd('%', '％'), "planProgress", out var n) ? n
                : throw new InvalidInputException("planProgress", $"行動方案 {p.Code} 的進度「{p.Progress}」不是數字（%）。")), null),
            KpiComposition.Milestones => (null, (Steps ?? []).Where(s => s.Done).Select(s => s.Name ?? "").ToList()),
            _ => null,
        };
    }

    public sealed class PlanProgress { public string? Code { get; set; } public string? Progress { get; set; } }
    public sealed class Milestone { public string? Name { get; set; } public bool Done { get; set; } }
}
