namespace Scorecard.Domain.Values;

/// <summary>What a status wording means, so that roll-ups can count it (PRODUCT rule 4).</summary>
public enum StatusMeaning
{
    /// <summary>Not tracked: 未統計, 無統計, 無資料, 暫無數據.</summary>
    NotTracked,
    /// <summary>Not applicable, with its reason: 新指標不適用, 公式調整不適用, 換屆不適用.</summary>
    NotApplicable,
    /// <summary>An annual figure only: 本數值屬年度統計值，無單季數據.</summary>
    AnnualOnly,
    /// <summary>Not yet available: 尚無法統計.</summary>
    NotYetAvailable,
    Completed,
    /// <summary>Dropped: —.</summary>
    Dropped,
    /// <summary>A remark beside a number: "(至 5 月)", "(統計時間：…)".</summary>
    Qualifier,
    /// <summary>Any other wording a document uses; shown as written.</summary>
    Other,
}

public static class ValueStatuses
{
    public const string AnnualOnlyWording = "本數值屬年度統計值，無單季數據";

    /// <summary>The statuses staff may choose when they enter an actual (PRODUCT rule 4).</summary>
    public static readonly IReadOnlyList<string> Choices =
        ["未統計", "無統計", "無資料", "新指標不適用", "公式調整不適用", "換屆不適用", AnnualOnlyWording, "尚無法統計", "已完成", "—"];

    static readonly string[] NotTracked = ["未統計", "無統計", "無資料", "暫無數據", "無"];
    static readonly string[] Dropped = ["—", "-", "－"];

    public static StatusMeaning Classify(string status, bool hasNumber)
    {
        var s = status.Trim();
        if (hasNumber)
            return s == "已完成" ? StatusMeaning.Completed : StatusMeaning.Qualifier;
        if (NotTracked.Contains(s))
            return StatusMeaning.NotTracked;
        if (Dropped.Contains(s))
            return StatusMeaning.Dropped;
        if (s == "已完成")
            return StatusMeaning.Completed;
        if (s == AnnualOnlyWording || s == "年度終了時統一計算")
            return StatusMeaning.AnnualOnly;
        if (s.Contains("尚無法統計", StringComparison.Ordinal))
            return StatusMeaning.NotYetAvailable;
        if (s.EndsWith("不適用", StringComparison.Ordinal))
            return StatusMeaning.NotApplicable;
        return StatusMeaning.Other;
    }
}
