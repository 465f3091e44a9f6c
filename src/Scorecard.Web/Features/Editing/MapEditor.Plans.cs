using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Editing;

public sealed record BudgetInput(int? RocYear, decimal? Amount);
public sealed record TaskInput(string? Name, string? Group, List<int>? Months);

/// <summary>An action plan with its budget per year (NT$, no personnel pay) and its monthly schedule (主要任務).</summary>
public sealed record PlanInput(string? Code, string? Name, List<string>? Owners, decimal? Weight, string? Notes, List<BudgetInput>? Budgets, List<TaskInput>? Tasks);

// Action plans under a KPI: owners, weight, budgets and the tasks of the monthly schedule.
public sealed partial class MapEditor
{
    public ActionPlan Plan(string kpiCode, string planCode)
    {
        var kpi = Kpi(kpiCode);
        return Map.ActionPlans.FirstOrDefault(a => a.KpiId == kpi.Id && a.Code == planCode)
            ?? throw new NotFoundException($"KPI {kpiCode} 沒有行動方案 {planCode}。");
    }

    public IReadOnlyList<ActionPlan> PlansOf(Kpi kpi) => Map.ActionPlans.Where(a => a.KpiId == kpi.Id).OrderBy(a => a.Ordinal).ToList();

    public ActionPlan AddPlan(string kpiCode, PlanInput input)
    {
        var kpi = Kpi(kpiCode);
        var plan = new ActionPlan { Code = "", Name = "", Kpi = kpi, KpiId = kpi.Id, MapId = Map.Id, Ordinal = NextOrdinal(Map.ActionPlans, a => a.Ordinal) };
        Fill(plan, kpi, input);
        Map.ActionPlans.Add(plan);
        return plan;
    }

    public async Task<ActionPlan> EditPlanAsync(string kpiCode, string planCode, PlanInput input, long? basedOn, CancellationToken ct = default)
    {
        var plan = Plan(kpiCode, planCode);
        await CheckVersionAsync(plan, basedOn, $"行動方案 {planCode}", ct);
        Fill(plan, plan.Kpi, input);
        return plan;
    }

    void Fill(ActionPlan plan, Kpi kpi, PlanInput input)
    {
        var code = Required(input.Code, "code", "行動方案代碼");
        if (Map.ActionPlans.Any(a => a != plan && a.KpiId == kpi.Id && a.Code == code))
            throw new InvalidInputException("code", $"KPI {kpi.Code} 已有行動方案 {code}。");
        if (input.Weight is < 0 or > 100)
            throw new InvalidInputException("weight", $"權重 {input.Weight}% 不在 0–100% 之間。");
        var oldCode = plan.Code;
        plan.Code = code;
        plan.Name = Required(input.Name, "name", "行動方案名稱");
        plan.Owners = Names(input.Owners);
        plan.Weight = input.Weight;
        plan.Notes = Optional(input.Notes);
        SetBudgets(plan, input.Budgets ?? []);
        SetTasks(oldCode, code, input.Tasks);
    }

    /// <summary>One budget per year; a year's row (and its history) stays when only the amount changes.</summary>
    void SetBudgets(ActionPlan plan, List<BudgetInput> items)
    {
        var kept = new List<ActionPlanBudget>();
        foreach (var item in items)
        {
            if (item.RocYear is not { } rocYear || rocYear is < 1 or > 300)
                throw new InvalidInputException("budgets", $"預算年度「{item.RocYear}」須是民國年（如 108）。");
            if (item.Amount is not { } amount || amount < 0)
                throw new InvalidInputException("budgets", $"{rocYear} 年的預算須是不小於 0 的金額（元）。");
            var year = RocYear.ToGregorian(rocYear);
            if (kept.Any(b => b.Year == year))
                throw new InvalidInputException("budgets", $"{rocYear} 年的預算重複。");
            var budget = plan.Budgets.FirstOrDefault(b => b.Year == year) ?? new ActionPlanBudget { Year = year };
            budget.Amount = amount;
            kept.Add(budget);
        }
        foreach (var gone in plan.Budgets.Except(kept).ToList())
        {
            plan.Budgets.Remove(gone);
            db.Remove(gone);
        }
        var ordinal = 0;
        foreach (var budget in kept.OrderBy(b => b.Year))
        {
            budget.Ordinal = ordinal++;
            if (!plan.Budgets.Contains(budget)) plan.Budgets.Add(budget);
        }
    }

    /// <summary>
    /// The plan's tasks are the map's tasks that name its code. Null leaves them as they are (an API
    /// caller that does not send them); a list replaces them. A renamed plan keeps its tasks.
    /// </summary>
    void SetTasks(string oldCode, string code, List<TaskInput>? items)
    {
        // Where another KPI's plan prints the same code, the tasks are that plan's too: they stay.
        var shared = Map.ActionPlans.Count(a => a.Code == oldCode) > 1;
        var current = oldCode.Length == 0 || shared ? [] : Map.Tasks.Where(t => t.ActionPlanCode == oldCode).OrderBy(t => t.Ordinal).ToList();
        foreach (var task in current)
            task.ActionPlanCode = code;
        if (items is null)
            return;
        var next = NextOrdinal(Map.Tasks, t => t.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var name = Required(items[i].Name, "tasks", $"第 {i + 1} 項主要任務的名稱");
            var months = items[i].Months?.Distinct().Order().ToList();
            if (months?.Where(m => m is < 1 or > 12).Select(m => (int?)m).FirstOrDefault() is { } bad)
                throw new InvalidInputException("tasks", $"主要任務「{name}」的月份 {bad} 不在 1–12 之間。");
            var task = i < current.Count ? current[i] : null;
            if (task is null)
            {
                task = new Domain.Kpis.ScheduledTask { ActionPlanCode = code, Name = name, Ordinal = next++ };
                Map.Tasks.Add(task);
            }
            task.Name = name;
            task.Group = Optional(items[i].Group);
            task.Months = months is { Count: > 0 } ? months : null;
        }
        foreach (var gone in current.Skip(items.Count))
        {
            Map.Tasks.Remove(gone);
            db.Remove(gone);
        }
    }

    public async Task DeletePlanAsync(string kpiCode, string planCode, long? basedOn, CancellationToken ct = default)
    {
        var plan = Plan(kpiCode, planCode);
        await CheckVersionAsync(plan, basedOn, $"行動方案 {planCode}", ct);
        RemovePlan(plan);
    }

    void RemovePlan(ActionPlan plan)
    {
        // Another KPI's plan may print the same code (the documents repeat codes); its tasks stay.
        if (Map.ActionPlans.Count(a => a.Code == plan.Code) == 1)
            foreach (var task in Map.Tasks.Where(t => t.ActionPlanCode == plan.Code).ToList())
            {
                Map.Tasks.Remove(task);
                db.Remove(task);
            }
        db.RemoveRange(plan.Budgets);
        Map.ActionPlans.Remove(plan);
        db.Remove(plan);
    }

    public static IReadOnlyList<FieldWarning> Warnings(ActionPlan plan, Domain.Maps.StrategyMap map) =>
        Codes.CheckActionPlan(plan.Code, map.Kpis.First(k => k.Id == plan.KpiId).Code).Select(m => new FieldWarning("code", m)).ToList();
}
