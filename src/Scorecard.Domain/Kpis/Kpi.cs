using Scorecard.Domain.Common;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Values;

namespace Scorecard.Domain.Kpis;

public enum Direction
{
    Unknown,  // the document does not say
    Higher,   // higher is better
    Lower,    // 負向指標: lower is better
    Target,   // closest to the target is best
}

/// <summary>How a KPI's quarters make its year, so that quarters combine correctly.</summary>
public enum Aggregation
{
    /// <summary>The year is the sum of its periods (counts of cases, visitors).</summary>
    Cumulative,
    /// <summary>The year is its latest period (a rate or a stock at a date).</summary>
    PointInTime,
    /// <summary>The year is the mean of its periods.</summary>
    Average,
    /// <summary>
    /// Each period is reported as the year so far (a completion rate, 執行進度 5.74% at Q1 of the year's 90.5%): the year
    /// is its last period, as at a point in time, but an in-year figure is progress, not a verdict.
    /// </summary>
    YearToDate,
}

public enum ReportingFrequency
{
    Annual,
    HalfYearly,
    Quarterly,
    Monthly,
}

/// <summary>
/// 關鍵績效指標. A KPI with parts (分項) is composite: each part is itself a KPI row
/// (own code as printed, owner, weight, values) whose <see cref="ParentId"/> is the KPI.
/// </summary>
public class Kpi : Entity, IKeepsExtraFacts
{
    public Guid MapId { get; set; }
    /// <summary>
    /// The KPI's identity across the yearly versions of the maps: the same in every map that carries
    /// it on, whatever its code or name there (107 DC1.2 失業率 is 108 DC1.1), so that its history of
    /// targets and actuals runs across years. A new KPI starts a lineage of its own.
    /// </summary>
    public Guid LineageId { get; set; } = Guid.NewGuid();
    public Guid ObjectiveId { get; set; }
    public Objective Objective { get; set; } = null!;
    public Guid? ParentId { get; set; }
    public Kpi? Parent { get; set; }
    public int Ordinal { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Formula { get; set; }
    public string? Unit { get; set; }
    /// <summary>Null where the document does not state one (a part then follows its KPI).</summary>
    public Direction? Direction { get; set; }
    /// <summary>The comparison the formula writes, e.g. "≥70%".</summary>
    public string? Threshold { get; set; }
    public List<string> Owners { get; set; } = [];
    public List<string> CoOwners { get; set; } = [];
    /// <summary>Weight in %, for a part of a composite KPI.</summary>
    public decimal? Weight { get; set; }
    public ReportingFrequency? Frequency { get; set; }
    public Aggregation? Aggregation { get; set; }
    /// <summary>Where the figure comes from when it is not entered as a number: the action plans' progress or milestones done.</summary>
    public KpiComposition? ComputedFrom { get; set; }
    public string? Notes { get; set; }
    public string? ExtraJson { get; set; }

    public List<Kpi> Parts { get; set; } = [];
    public List<KpiValue> Values { get; set; } = [];
    /// <summary>The owners and co-owners as organisations (resolved from the printed names on import).</summary>
    public List<KpiOwner> OwnerLinks { get; set; } = [];
    /// <summary>The steps of a milestone scheme (BP3.2), when <see cref="ComputedFrom"/> says so.</summary>
    public List<KpiMilestone> Milestones { get; set; } = [];

    public bool IsPart => ParentId is not null;
}

/// <summary>A KPI whose figure is computed from other inputs than a number (PRODUCT rule 6).</summary>
public enum KpiComposition
{
    /// <summary>Σ plan weight × progress % (000 AC2.3).</summary>
    ActionPlans,
    /// <summary>The points of the milestones done (000 BP3.2).</summary>
    Milestones,
}

/// <summary>A step of a KPI's milestone scheme, worth points; the points sum to 100.</summary>
public class KpiMilestone : Entity
{
    public Guid KpiId { get; set; }
    public int Ordinal { get; set; }
    public required string Name { get; set; }
    public decimal Points { get; set; }

    /// <summary>
    /// Makes a KPI's steps these, in this order; a step keeps its row (and its history) where its
    /// name stays. Returns the steps to delete. The caller has refused repeated names.
    /// </summary>
    public static List<KpiMilestone> Replace(Kpi kpi, IReadOnlyList<(string Name, decimal Points)> steps)
    {
        var kept = steps.Select((s, i) =>
        {
            var step = kpi.Milestones.FirstOrDefault(m => m.Name == s.Name) ?? new KpiMilestone { Name = s.Name };
            step.Ordinal = i;
            step.Points = s.Points;
            return step;
        }).ToList();
        var removed = kpi.Milestones.Except(kept).ToList();
        foreach (var gone in removed)
            kpi.Milestones.Remove(gone);
        foreach (var step in kept.Where(s => !kpi.Milestones.Contains(s)))
            kpi.Milestones.Add(step);
        return removed;
    }
}

public static class Compositions
{
    public static KpiComposition Parse(string text) => text switch
    {
        "actionPlans" => KpiComposition.ActionPlans,
        "milestones" => KpiComposition.Milestones,
        _ => throw new DomainException($"計算來源「{text}」不是 actionPlans 或 milestones。"),
    };

    public static string Format(KpiComposition c) => c == KpiComposition.ActionPlans ? "actionPlans" : "milestones";

    public static string Label(KpiComposition? c) => c switch
    {
        KpiComposition.ActionPlans => "由行動方案進度加權計算",
        KpiComposition.Milestones => "由完成的里程碑配分加總",
        _ => "直接填報數值",
    };
}

public static class Directions
{
    public static Direction Parse(string text) => text switch
    {
        "higher" => Direction.Higher,
        "lower" => Direction.Lower,
        "target" => Direction.Target,
        "unknown" => Direction.Unknown,
        _ => throw new DomainException($"方向「{text}」不是 higher、lower、target 或 unknown。"),
    };

    public static string Format(Direction d) => d.ToString().ToLowerInvariant();

    public static string Label(Direction? d) => d switch
    {
        Direction.Higher => "越高越好",
        Direction.Lower => "負向指標（越低越好）",
        Direction.Target => "越接近目標越好",
        _ => "未標示",
    };
}

/// <summary>How often a KPI is reported, in the interchange format and on screen.</summary>
public static class Frequencies
{
    public static ReportingFrequency Parse(string text) => text switch
    {
        "annual" => ReportingFrequency.Annual,
        "halfYearly" => ReportingFrequency.HalfYearly,
        "quarterly" => ReportingFrequency.Quarterly,
        "monthly" => ReportingFrequency.Monthly,
        _ => throw new DomainException($"填報頻率「{text}」不是 annual、halfYearly、quarterly 或 monthly。"),
    };

    public static string Format(ReportingFrequency f) =>
        f == ReportingFrequency.HalfYearly ? "halfYearly" : f.ToString().ToLowerInvariant();

    public static string Label(ReportingFrequency f) => f switch
    {
        ReportingFrequency.Annual => "每年",
        ReportingFrequency.HalfYearly => "每半年",
        ReportingFrequency.Quarterly => "每季",
        _ => "每月",
    };
}

/// <summary>How a KPI's periods make its year, in the interchange format and on screen.</summary>
public static class Aggregations
{
    public static Aggregation Parse(string text) => text switch
    {
        "cumulative" => Aggregation.Cumulative,
        "pointInTime" => Aggregation.PointInTime,
        "average" => Aggregation.Average,
        "yearToDate" => Aggregation.YearToDate,
        _ => throw new DomainException($"累計方式「{text}」不是 cumulative、pointInTime、average 或 yearToDate。"),
    };

    public static string Format(Aggregation a) => a switch
    {
        Aggregation.Cumulative => "cumulative",
        Aggregation.PointInTime => "pointInTime",
        Aggregation.YearToDate => "yearToDate",
        _ => "average",
    };

    public static string Label(Aggregation a) => a switch
    {
        Aggregation.Cumulative => "累計（全年為各期加總）",
        Aggregation.PointInTime => "時點（全年為最新一期）",
        Aggregation.YearToDate => "累計至今（各期填報年初至該期，全年為最後一期）",
        _ => "平均（全年為各期平均）",
    };
}

/// <summary>
/// A KPI's owner or co-owner resolved to an organisation, so that the owning agency's reporters
/// may enter its figures. <see cref="Kpi.Owners"/> keeps the names as printed.
/// </summary>
public class KpiOwner : Entity
{
    public Guid KpiId { get; set; }
    public Guid OrganisationId { get; set; }
    public bool IsCoOwner { get; set; }

    /// <summary>
    /// The organisations whose reporters enter a KPI, owners before co-owners: its own, or for a
    /// part that names none, its KPI's.
    /// </summary>
    public static IReadOnlyList<Guid> EnteringFor(Kpi kpi, Kpi? parent)
    {
        var links = kpi.OwnerLinks.Count > 0 || parent is null ? kpi.OwnerLinks : parent.OwnerLinks;
        return links.OrderBy(l => l.IsCoOwner).Select(l => l.OrganisationId).ToList();
    }

    /// <summary>
    /// What is entered for a map's KPIs, in the sheet's order: each KPI, or for a composite KPI each of its
    /// parts instead, with the KPI it belongs to.
    /// </summary>
    public static IReadOnlyList<(Kpi Kpi, Kpi? Parent)> Entries(IReadOnlyCollection<Kpi> kpisOfMap)
    {
        var byId = kpisOfMap.ToDictionary(k => k.Id);
        var composites = kpisOfMap.Where(k => k.ParentId is not null).Select(k => k.ParentId!.Value).ToHashSet();
        return kpisOfMap.Where(k => !composites.Contains(k.Id))
            .Select(k => (Kpi: k, Parent: k.ParentId is { } p ? byId[p] : null))
            .OrderBy(x => x.Parent?.Ordinal ?? x.Kpi.Ordinal).ThenBy(x => x.Kpi.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The organisations a KPI's printed owners and co-owners name (organisation → is co-owner).
    /// 「本組各機關」 means the theme's agencies; <paramref name="named"/> resolves any other name.
    /// </summary>
    public static Dictionary<Guid, bool> Wanted(Kpi kpi, IReadOnlyList<Guid> themeAgencies, Func<string, Guid> named)
    {
        var wanted = new Dictionary<Guid, bool>();
        foreach (var (names, co) in new[] { (kpi.Owners, false), (kpi.CoOwners, true) })
            foreach (var name in names)
                foreach (var id in Organisations.OrganisationNames.IsThemeGroup(name) ? themeAgencies : [named(name)])
                    wanted.TryAdd(id, co);
        return wanted;
    }

    /// <summary>Makes the KPI's links what <paramref name="wanted"/> says; returns the links to delete.</summary>
    public static List<KpiOwner> Sync(Kpi kpi, IReadOnlyDictionary<Guid, bool> wanted)
    {
        var removed = kpi.OwnerLinks.Where(l => !wanted.ContainsKey(l.OrganisationId)).ToList();
        foreach (var link in removed)
            kpi.OwnerLinks.Remove(link);
        foreach (var (id, co) in wanted)
        {
            if (kpi.OwnerLinks.FirstOrDefault(l => l.OrganisationId == id) is { } link)
                link.IsCoOwner = co;
            else
                kpi.OwnerLinks.Add(new KpiOwner { OrganisationId = id, IsCoOwner = co });
        }
        return removed;
    }
}
