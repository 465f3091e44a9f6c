using Microsoft.EntityFrameworkCore;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Organisations;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Editing;

public sealed record MilestoneInput(string? Name, decimal? Points);

/// <summary>A KPI's definition. Direction, frequency, aggregation and computedFrom use the interchange words (higher, quarterly, cumulative, actionPlans).</summary>
public sealed record KpiInput(
    string? Code, string? Objective, string? Name, string? Formula, string? Unit, string? Direction, string? Threshold,
    List<string>? Owners, List<string>? CoOwners, decimal? Weight, string? Frequency, string? Aggregation,
    string? ComputedFrom, List<MilestoneInput>? Milestones, string? Notes);

/// <summary>A year's or period's target: a number or a status (新指標不適用 …).</summary>
public sealed record TargetInput(decimal? Value, string? Status, string? Note);

// KPIs: definition, owners (resolved to organisations), milestones, targets per year.
public sealed partial class MapEditor
{
    List<Organisation>? organisations;

    /// <summary>A KPI by code; <paramref name="part"/> (1-based) picks one of its parts.</summary>
    public Kpi Kpi(string code, int? part = null)
    {
        var kpi = Map.Kpis.FirstOrDefault(k => k.ParentId is null && k.Code == code)
            ?? throw new NotFoundException($"找不到 KPI {code}。");
        if (part is null)
            return kpi;
        var parts = PartsOf(kpi);
        return part >= 1 && part <= parts.Count ? parts[part.Value - 1] : throw new NotFoundException($"KPI {code} 沒有第 {part} 個分項（共 {parts.Count} 項）。");
    }

    public List<Kpi> PartsOf(Kpi kpi) => Map.Kpis.Where(k => k.ParentId == kpi.Id).OrderBy(k => k.Ordinal).ToList();

    public async Task<Kpi> AddKpiAsync(KpiInput input, CancellationToken ct = default)
    {
        var objective = ObjectiveFor(input);
        var kpi = new Kpi { Code = "", Name = "", Objective = objective, ObjectiveId = objective.Id, MapId = Map.Id, Ordinal = NextOrdinal(Map.Kpis, k => k.Ordinal) };
        Map.Kpis.Add(kpi);
        await FillAsync(kpi, input, ct);
        return kpi;
    }

    public async Task<Kpi> EditKpiAsync(string code, int? part, KpiInput input, long? basedOn, CancellationToken ct = default)
    {
        var kpi = Kpi(code, part);
        await CheckVersionAsync(kpi, basedOn, part is null ? $"KPI {code}" : $"KPI {code} 的第 {part} 個分項", ct);
        if (part is null)
        {
            var objective = ObjectiveFor(input);
            kpi.Objective = objective;
            kpi.ObjectiveId = objective.Id;
            foreach (var p in PartsOf(kpi)) { p.Objective = objective; p.ObjectiveId = objective.Id; }
        }
        await FillAsync(kpi, input, ct);
        if (part is null && kpi.Code != code)
            foreach (var rule in Map.AchievementRules.Where(r => r.KpiCode == code))
                rule.KpiCode = kpi.Code;   // a rule for this KPI follows its new code
        return kpi;
    }

    Domain.Maps.Objective ObjectiveFor(KpiInput input)
    {
        var code = Required(input.Objective, "objective", "所屬策略目標");
        return Map.Objectives.FirstOrDefault(o => o.Code == code) ?? throw new InvalidInputException("objective", $"沒有策略目標 {code}。");
    }

    async Task FillAsync(Kpi kpi, KpiInput input, CancellationToken ct)
    {
        var code = Required(input.Code, "code", "KPI 代碼");
        if (!kpi.IsPart && Map.Kpis.Any(k => k != kpi && k.ParentId is null && k.Code == code))
            throw new InvalidInputException("code", $"KPI {code} 已存在。");
        kpi.Code = code;
        kpi.Name = Required(input.Name, "name", "KPI 名稱");
        kpi.Formula = Optional(input.Formula);
        kpi.Unit = Optional(input.Unit);
        kpi.Direction = Optional(input.Direction) is { } d ? Parse("direction", () => Directions.Parse(d)) : null;
        kpi.Threshold = Optional(input.Threshold);
        kpi.Frequency = Optional(input.Frequency) is { } f ? Parse("frequency", () => Frequencies.Parse(f)) : null;
        kpi.Aggregation = Optional(input.Aggregation) is { } a ? Parse("aggregation", () => Aggregations.Parse(a)) : null;
        kpi.Notes = Optional(input.Notes);
        if (input.Weight is < 0 or > 100)
            throw new InvalidInputException("weight", $"權重 {input.Weight}% 不在 0–100% 之間。");
        kpi.Weight = input.Weight;
        kpi.ComputedFrom = Optional(input.ComputedFrom) is { } c ? Parse("computedFrom", () => Compositions.Parse(c)) : null;
        if (kpi.ComputedFrom is not null && (kpi.IsPart || PartsOf(kpi).Count > 0))
            throw new InvalidInputException("computedFrom", $"有分項的 KPI 由分項計算，不能再設定由行動方案或里程碑計算。");
        SetMilestones(kpi, input.Milestones ?? []);
        if (kpi.ComputedFrom == KpiComposition.Milestones && kpi.Milestones.Count == 0)
            throw new InvalidInputException("milestones", $"由里程碑計算的 KPI 須列出里程碑與配分。");
        kpi.Owners = Names(input.Owners);
        kpi.CoOwners = Names(input.CoOwners);
        await ResolveOwnersAsync(kpi, ct);
    }

    void SetMilestones(Kpi kpi, List<MilestoneInput> items)
    {
        var steps = new List<(string Name, decimal Points)>();
        for (var i = 0; i < items.Count; i++)
        {
            var name = Required(items[i].Name, "milestones", $"第 {i + 1} 個里程碑的名稱");
            if (items[i].Points is not { } points || points < 0)
                throw new InvalidInputException("milestones", $"里程碑「{name}」須有不小於 0 的配分。");
            if (steps.Any(s => s.Name == name))
                throw new InvalidInputException("milestones", $"里程碑「{name}」重複。");
            steps.Add((name, points));
        }
        db.RemoveRange(KpiMilestone.Replace(kpi, steps));
    }

    /// <summary>
    /// The owners as organisations, so that their reporters may enter the KPI. Unlike an import, an
    /// edit does not create an organisation for a name it does not know: the planner is there to fix it.
    /// </summary>
    async Task ResolveOwnersAsync(Kpi kpi, CancellationToken ct)
    {
        organisations ??= await db.Organisations.ToListAsync(ct);
        Guid Named(string name, string field) =>
            OrganisationNames.Resolve(name, Map.Organisation, organisations)?.Id
            ?? throw new InvalidInputException(field, $"找不到機關「{name}」：請用機關全名或簡稱（如「環保局」），或請系統管理者先新增此機關。");
        var top = kpi.ParentId is { } p ? Map.Kpis.First(k => k.Id == p) : kpi;
        var theme = Map.Themes.FirstOrDefault(t => t.Id == top.Objective.ThemeId);
        var agencies = theme is null ? [] : (theme.LeadUnit is null ? [] : new[] { theme.LeadUnit }).Concat(theme.CoUnits).Select(n => Named(n, "owners")).Distinct().ToList();
        var wanted = KpiOwner.Wanted(kpi, agencies, name => Named(name, kpi.CoOwners.Contains(name) ? "coOwners" : "owners"));
        foreach (var link in KpiOwner.Sync(kpi, wanted))
            db.Remove(link);
    }

    public async Task DeleteKpiAsync(string code, long? basedOn, CancellationToken ct = default)
    {
        var kpi = Kpi(code);
        await CheckVersionAsync(kpi, basedOn, $"KPI {code}", ct);
        foreach (var plan in Map.ActionPlans.Where(a => a.KpiId == kpi.Id).ToList())
            RemovePlan(plan);
        foreach (var rule in Map.AchievementRules.Where(r => r.KpiCode == code).ToList())
        {
            Map.AchievementRules.Remove(rule);
            db.Remove(rule);
        }
        await RemoveRowsAsync(PartsOf(kpi).Append(kpi).ToList(), ct);
    }

    /// <summary>A part (分項) of a composite KPI, owned by its own agency and weighted (000 AP2.1: 50% + 50%).</summary>
    public async Task<Kpi> AddPartAsync(string code, KpiInput input, CancellationToken ct = default)
    {
        var kpi = Kpi(code);
        if (kpi.ComputedFrom is not null)
            throw new InvalidInputException("computedFrom", $"KPI {code} {Compositions.Label(kpi.ComputedFrom)}，不能再加分項。");
        var part = new Kpi
        {
            Code = "", Name = "", Parent = kpi, ParentId = kpi.Id, Objective = kpi.Objective, ObjectiveId = kpi.ObjectiveId, MapId = Map.Id,
            Ordinal = NextOrdinal(PartsOf(kpi), k => k.Ordinal),
        };
        Map.Kpis.Add(part);
        await FillAsync(part, input with { ComputedFrom = null, Milestones = null }, ct);
        return part;
    }

    public async Task DeletePartAsync(string code, int part, long? basedOn, CancellationToken ct = default)
    {
        var row = Kpi(code, part);
        await CheckVersionAsync(row, basedOn, $"KPI {code} 的第 {part} 個分項", ct);
        await RemoveRowsAsync([row], ct);
    }

    /// <summary>KPI rows with their values, owners, milestones and submissions, each removed explicitly so that the audit records it.</summary>
    async Task RemoveRowsAsync(List<Kpi> rows, CancellationToken ct)
    {
        var ids = rows.Select(k => k.Id).ToList();
        db.RemoveRange(await db.Submissions.Where(s => ids.Contains(s.KpiId)).ToListAsync(ct));
        foreach (var row in rows)
        {
            db.RemoveRange(row.Values);
            db.RemoveRange(row.OwnerLinks);
            db.RemoveRange(row.Milestones);
            Map.Kpis.Remove(row);
            db.Remove(row);
        }
    }

    public async Task<KpiValue> SetTargetAsync(string code, int? part, int valueRocYear, string period, TargetInput input, long? basedOn, CancellationToken ct = default)
    {
        var kpi = Kpi(code, part);
        var (year, p) = ValuePeriod(valueRocYear, period);
        var status = Optional(input.Status);
        if (input.Value is null && status is null)
            throw new InvalidInputException("value", $"請填入目標值（數字），或填入狀態文字（如「新指標不適用」）。");
        var value = kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == year && v.Period == p);
        if (value is null)
        {
            value = new KpiValue { Kind = ValueKind.Target, Year = year, Period = p, Ordinal = NextOrdinal(kpi.Values, v => v.Ordinal) };
            kpi.Values.Add(value);
        }
        else
            await CheckVersionAsync(value, basedOn, $"KPI {code} 的 {valueRocYear} 年{Periods.Label(p)}目標值", ct);
        value.Number = input.Value;
        value.Status = status;
        value.Raw = input.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? status;
        value.Note = Optional(input.Note);
        return value;
    }

    public async Task DeleteTargetAsync(string code, int? part, int valueRocYear, string period, long? basedOn, CancellationToken ct = default)
    {
        var kpi = Kpi(code, part);
        var (year, p) = ValuePeriod(valueRocYear, period);
        var value = kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == year && v.Period == p)
            ?? throw new NotFoundException($"KPI {code} 沒有 {valueRocYear} 年{Periods.Label(p)}的目標值。");
        await CheckVersionAsync(value, basedOn, $"KPI {code} 的 {valueRocYear} 年{Periods.Label(p)}目標值", ct);
        kpi.Values.Remove(value);
        db.Remove(value);
    }

    static (int Year, Period Period) ValuePeriod(int valueRocYear, string period)
    {
        if (valueRocYear is < 1 or > 300)
            throw new InvalidInputException("valueRocYear", $"民國年 {valueRocYear} 不在合理範圍（1–300）。");
        return (RocYear.ToGregorian(valueRocYear), Parse("period", () => Periods.Parse(period)));
    }

    /// <summary>What a planner should look at on a KPI: irregular code, weights or points that do not add up, too many plans.</summary>
    public static IReadOnlyList<FieldWarning> Warnings(Kpi kpi, Domain.Maps.StrategyMap map)
    {
        var warnings = new List<FieldWarning>();
        if (!kpi.IsPart)
        {
            var objective = map.Objectives.FirstOrDefault(o => o.Id == kpi.ObjectiveId);
            warnings.AddRange(Codes.CheckKpi(kpi.Code, objective?.Code ?? "").Select(m => new FieldWarning("code", m)));
            var parts = map.Kpis.Where(k => k.ParentId == kpi.Id).ToList();
            if (Composite.WeightWarning("分項", parts.Select(p => p.Weight)) is { } w)
                warnings.Add(new FieldWarning("parts", w));
            var plans = map.ActionPlans.Where(a => a.KpiId == kpi.Id).ToList();
            if (Codes.CheckActionPlanCount(kpi.Code, plans.Count) is { } count)
                warnings.Add(new FieldWarning("plans", count));
            if (Composite.WeightWarning("行動方案", plans.Select(p => p.Weight)) is { } pw && kpi.ComputedFrom == KpiComposition.ActionPlans)
                warnings.Add(new FieldWarning("plans", pw));
        }
        if (kpi.ComputedFrom == KpiComposition.Milestones)
            warnings.AddRange(Composite.Milestones(kpi.Milestones.Select(m => new Milestone(m.Name, m.Points, false)).ToList()).Warnings.Select(m => new FieldWarning("milestones", m)));
        if (kpi.Owners.Count == 0 && !kpi.IsPart)
            warnings.Add(new FieldWarning("owners", $"未指定主責機關：沒有機關能填報此 KPI。"));
        return warnings;
    }
}
