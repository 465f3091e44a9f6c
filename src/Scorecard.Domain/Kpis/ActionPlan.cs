using Scorecard.Domain.Common;

namespace Scorecard.Domain.Kpis;

/// <summary>行動方案 / 行動計畫 under a KPI. Codes may repeat across KPIs in the documents.</summary>
public class ActionPlan : Entity, IKeepsExtraFacts
{
    public Guid MapId { get; set; }
    public Guid KpiId { get; set; }
    public Kpi Kpi { get; set; } = null!;
    public int Ordinal { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public List<string> Owners { get; set; } = [];
    public decimal? Weight { get; set; }
    public string? Notes { get; set; }
    public string? ExtraJson { get; set; }
    public List<ActionPlanBudget> Budgets { get; set; } = [];
}

/// <summary>A year's budget in NT$: plan, works and operating costs, never personnel pay (001 rule 2).</summary>
public class ActionPlanBudget : Entity, IKeepsExtraFacts
{
    public Guid ActionPlanId { get; set; }
    public int Ordinal { get; set; }
    public int Year { get; set; }
    public decimal Amount { get; set; }
    public string? ExtraJson { get; set; }
}

/// <summary>
/// A task of the monthly schedule (主要任務 甘特圖). It names its action plan by code, as the
/// documents do; the code may differ from the plan table's (003 codes DC1.3.1 as DC1.2.1).
/// </summary>
public class ScheduledTask : Entity, IKeepsExtraFacts
{
    public Guid MapId { get; set; }
    public int Ordinal { get; set; }
    public required string ActionPlanCode { get; set; }
    public required string Name { get; set; }
    public string? Group { get; set; }
    /// <summary>Months 1–12 the task runs in, where the document says; null where it cannot be read.</summary>
    public List<int>? Months { get; set; }
    public string? ExtraJson { get; set; }
}
