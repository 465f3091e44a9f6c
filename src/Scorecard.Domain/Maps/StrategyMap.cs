using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Organisations;
using Scorecard.Domain.Revisions;
using Scorecard.Domain.Scoring;

namespace Scorecard.Domain.Maps;

/// <summary>策略地圖: one organisation's map for one plan year (stored as a Gregorian year).</summary>
public class StrategyMap : Entity, IKeepsExtraFacts
{
    public Guid OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    /// <summary>The plan year the map was made for.</summary>
    public int Year { get; set; }
    /// <summary>
    /// 草稿: the next year's map rolled forward and being revised (滾動修正). Its planners edit it;
    /// readers see it, and it is in force, only once the revision is published.
    /// </summary>
    public bool IsDraft { get; set; }
    public int RocYear => Common.RocYear.FromGregorian(Year);

    /// <summary>
    /// The year being looked at: the plan year, or a later year the map is still in force for (the
    /// Secretariat's 105–107 plan read for 106). Its targets, actuals and results are that year's.
    /// Not stored: the read that found the map sets it.
    /// </summary>
    public int ViewYear { get => viewYear ?? Year; set => viewYear = value; }
    int? viewYear;
    public int ViewRocYear => Common.RocYear.FromGregorian(ViewYear);
    /// <summary>True where the map is read for a later year than its own.</summary>
    public bool InForceForLaterYear => ViewYear != Year;

    public List<string> Mission { get; set; } = [];
    public string? Vision { get; set; }
    public List<string> CoreValues { get; set; } = [];
    /// <summary>Perspective codes in the map's row order, e.g. "CPLF".</summary>
    public string PerspectiveOrder { get; set; } = Perspective.DefaultOrder;

    public List<MapDocument> Documents { get; set; } = [];
    public List<Theme> Themes { get; set; } = [];
    public List<Objective> Objectives { get; set; } = [];
    public List<ObjectiveLink> Links { get; set; } = [];
    public List<Kpi> Kpis { get; set; } = [];
    public List<ActionPlan> ActionPlans { get; set; } = [];
    public List<ScheduledTask> Tasks { get; set; } = [];
    public List<Evaluation> Evaluations { get; set; } = [];
    public List<Revision> Revisions { get; set; } = [];
    public List<AchievementRule> AchievementRules { get; set; } = [];
    public ScoringSettings? Scoring { get; set; }

    /// <summary>Map-level facts not modelled yet (form rules, rating rule, revision count table).</summary>
    public string? ExtraJson { get; set; }

    /// <summary>使命, 願景 and 核心價值 with their items, in the documents' order; those the map lacks are left out.</summary>
    public IReadOnlyList<(string Label, IReadOnlyList<string> Items)> Statements()
    {
        var statements = new List<(string, IReadOnlyList<string>)>();
        if (Mission.Count > 0) statements.Add(("使命", Mission));
        if (Vision is not null) statements.Add(("願景", [Vision]));
        if (CoreValues.Count > 0) statements.Add(("核心價值", CoreValues));
        return statements;
    }
}

/// <summary>A source document that contributed to the map (seed file name, title, notes).</summary>
public class MapDocument : Entity
{
    public Guid MapId { get; set; }
    public int Ordinal { get; set; }
    public string? Source { get; set; }
    public string? Title { get; set; }
    public string? Notes { get; set; }
}

/// <summary>策略主題: a column of the map, lettered A–H.</summary>
public class Theme : Entity, IKeepsExtraFacts
{
    public Guid MapId { get; set; }
    public int Ordinal { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? LeadUnit { get; set; }
    public List<string> CoUnits { get; set; } = [];
    /// <summary>The counts the document itself prints, which may differ from what it lists.</summary>
    public int? ReportedObjectives { get; set; }
    public int? ReportedKpis { get; set; }
    public int? ReportedActionPlans { get; set; }
    public string? Notes { get; set; }
    public string? ExtraJson { get; set; }
}

/// <summary>策略目標. A city-wide shared objective (TC1–TC4) belongs to no theme.</summary>
public class Objective : Entity, IKeepsExtraFacts
{
    public Guid MapId { get; set; }
    public int Ordinal { get; set; }
    public Guid? ThemeId { get; set; }
    public Theme? Theme { get; set; }
    public required string Perspective { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? KeySuccessFactor { get; set; }
    /// <summary>The parent organisation's objective this one serves (001 form rule 1).</summary>
    public string? ParentCode { get; set; }
    public string? Notes { get; set; }
    public string? ExtraJson { get; set; }
    public List<Kpi> Kpis { get; set; } = [];
}

/// <summary>策略關聯: a cause-and-effect arrow between two objectives of a map.</summary>
public class ObjectiveLink : Entity, IKeepsExtraFacts
{
    public Guid MapId { get; set; }
    public int Ordinal { get; set; }
    public required string FromCode { get; set; }
    public required string ToCode { get; set; }
    public string? ExtraJson { get; set; }
}
