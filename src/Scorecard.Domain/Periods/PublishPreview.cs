using Scorecard.Domain.Common;

namespace Scorecard.Domain.Periods;

/// <summary>
/// What publishing a period would do, shown before it is done (issue 34, 「發布是個陷阱」): how many approved entries
/// become public, and how many it leaves out, by why — submitted and not yet reviewed, returned, a draft not submitted,
/// never entered. Counted over the period's entries (a KPI, or each part of a composite one), as the review page lists them.
/// </summary>
public sealed record PublishPreview(int ToPublish, int Submitted, int Returned, int Drafts, int NotEntered)
{
    /// <param name="entries">Each entry's state; null where nothing was entered. Entries published already are neither published again nor left out.</param>
    public static PublishPreview Of(IEnumerable<SubmissionState?> entries)
    {
        var list = entries.ToList();
        return new PublishPreview(
            list.Count(s => s == SubmissionState.Approved),
            list.Count(s => s == SubmissionState.Submitted),
            list.Count(s => s == SubmissionState.Returned),
            list.Count(s => s == SubmissionState.Draft),
            list.Count(s => s is null));
    }

    public int LeftOut => Submitted + Returned + Drafts + NotEntered;

    /// <summary>「將發布 220 項；3 項已送出但未核定、2 項已退回、5 項草稿未送出、68 項未填，不會發布。」</summary>
    public FormattableString Text
    {
        get
        {
            var left = new List<FormattableString>();
            if (Submitted > 0) left.Add($"{Submitted} 項已送出但未核定");
            if (Returned > 0) left.Add($"{Returned} 項已退回");
            if (Drafts > 0) left.Add($"{Drafts} 項草稿未送出");
            if (NotEntered > 0) left.Add($"{NotEntered} 項未填");
            return left.Count == 0
                ? (FormattableString)$"將發布 {ToPublish} 項；所有項目皆已核定。"
                : $"將發布 {ToPublish} 項；{Said.List(left)}，不會發布。";
        }
    }
}
