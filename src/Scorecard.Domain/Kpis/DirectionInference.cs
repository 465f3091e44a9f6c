namespace Scorecard.Domain.Kpis;

/// <summary>
/// A KPI's direction as it is known: set on the KPI (or its parent), inferred from how its target is printed or
/// from its name, or unknown. The city's 107 document marks only its 負向指標; 81 of its 303 KPIs say neither way,
/// PM2.5 among them, and without a direction no figure of theirs was judged: a concentration of 19.2 against a
/// target of 17 read 「不計算達成度」 instead of 未達標. An inferred direction is said wherever a figure rests on it.
/// </summary>
public sealed record KnownDirection(Direction? Value, FormattableString? Basis)
{
    public static readonly KnownDirection Unknown = new(null, null);

    public bool Inferred => Basis is not null;

    /// <summary>The KPI's own, its parent's, or else inferred from the KPI's (or its parent's) target and name.</summary>
    public static KnownDirection Of(Kpi kpi, Kpi? parent = null)
    {
        if ((Stated(kpi.Direction) ?? Stated(parent?.Direction)) is { } set)
            return new(set, null);
        var targets = kpi.Values.Concat(parent?.Values ?? []).Where(v => v.Kind == Values.ValueKind.Target).Select(v => v.Raw);
        return DirectionInference.Infer(targets, kpi.Name, parent?.Name, kpi.Unit ?? parent?.Unit) is { } inferred ? new(inferred.Direction, inferred.Basis) : Unknown;
    }

    static Direction? Stated(Direction? d) => d is null or Direction.Unknown ? null : d;

    /// <summary>「負向，依名稱「濃度」推定」: how the direction is known; null when it is set (nothing to say) or unknown.</summary>
    public FormattableString? Said => Basis is { } basis && Value is { } v
        ? v == Direction.Lower ? (FormattableString)$"負向，{basis}推定" : $"正向，{basis}推定"
        : null;
}

/// <summary>
/// Infers whether higher or lower is better only where the printed words leave no doubt (issue 33 §2): a target printed
/// as a bound (「10 以下」, 「&lt;50」 is lower-is-better; 「80 以上」, 「≥90%」 higher), else a name that says what is
/// measured is harmful (濃度, 死亡率, 失業率, 傷亡, 排放, 差異率…) or is a share of something sought (成長率, 出席率,
/// 完成率, 滿意度…), else a count (件, 人次, 家, 處…): the document marks what is to be kept down (負向指標), and a count
/// it does not mark is a number of services, cases or places to reach. A bare rate (率) or a "比" says neither: 拒賠率
/// and 生師比 are argued both ways, and stay unknown until a planner sets them.
/// </summary>
public static class DirectionInference
{
    static readonly string[] UpperBound = ["以下", "以內", "不超過", "<", "＜", "≤", "≦"];
    static readonly string[] LowerBound = ["以上", "不低於", ">", "＞", "≥", "≧"];

    /// <summary>What is measured is harmful: less of it is better.</summary>
    static readonly string[] HarmfulWords =
        ["濃度", "死亡率", "失業率", "傷亡", "排放", "差異率", "受威脅", "未經處理", "處理日數", "優養", "災害", "事故", "犯罪率"];

    /// <summary>What is measured is sought: more of it is better.</summary>
    static readonly string[] SoughtWords =
        ["成長率", "增長率", "出席率", "完成率", "完訓率", "參與率", "滿意度", "執行率", "達成率", "供給率", "使用率", "入住率",
         "查察率", "輔導率", "電子化比率", "授課比率", "平均餘命", "參與人次", "使用人次", "使用量"];

    public static (Direction Direction, FormattableString Basis)? Infer(IEnumerable<string?> printedTargets, string? name, string? parentName = null, string? unit = null)
    {
        foreach (var raw in printedTargets)
        {
            var text = (raw ?? "").Trim();
            if (text.Length == 0) continue;
            if (UpperBound.FirstOrDefault(text.Contains) is not null)
                return (Direction.Lower, $"依目標值「{Flat(text)}」");
            if (LowerBound.FirstOrDefault(text.Contains) is not null)
                return (Direction.Higher, $"依目標值「{Flat(text)}」");
        }
        foreach (var words in new[] { name, parentName })
        {
            if (string.IsNullOrWhiteSpace(words)) continue;
            if (HarmfulWords.FirstOrDefault(words.Contains) is { } harmful)
                return (Direction.Lower, $"依名稱「{harmful}」");
            if (SoughtWords.FirstOrDefault(words.Contains) is { } sought)
                return (Direction.Higher, $"依名稱「{sought}」");
        }
        var u = (unit ?? "").Trim();
        if (AggregationInference.CountUnits.Contains(u))
            return (Direction.Higher, $"依單位「{u}」（計數）");
        return null;
    }

    /// <summary>A target printed over two lines (「&lt;50\n(無優養化)」) is quoted on one.</summary>
    static string Flat(string text) => string.Join(" ", text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
