using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;
using Scorecard.Web.Infrastructure;
using Scorecard.Web.Infrastructure.Caching;

namespace Scorecard.Web.Features.Reporting;

/// <summary>A period of a map as the routes name it: the map's organisation and plan year, then the values' year and period.</summary>
public sealed record PeriodRef(string Organisation, int RocYear, int ValueRocYear, string Period)
{
    public override string ToString() => $"{Organisation} {RocYear} 年策略地圖的 {ValueRocYear} 年{Periods.Label(Periods.Parse(Period))}";
}

/// <summary>A period's figure judged: its result by the map's rule, and its year-end projection while the year runs.</summary>
public sealed record FigureAssessment(PeriodResult? Result, Projection? Projection);

/// <summary>
/// What a write to the reporting cycle works on: the map, its KPIs with values and owners, and the
/// period. Loads in split queries, tracked for publishing, which writes values; the steps of a
/// submission only read it and take it from the <see cref="ReadCache"/> (<see cref="ReadAsync"/>):
/// on the morning of a deadline hundreds of reporters save at once, and reading the map for each
/// save cost more than the save.
/// </summary>
public sealed class ReportingMap
{
    public required StrategyMap Map { get; init; }
    public required int Year { get; init; }
    public required Period Period { get; init; }
    public ReportingPeriod? Row { get; init; }
    public PeriodState State => Row?.State ?? PeriodState.NotOpen;

    public static Task<ReportingMap> LoadAsync(ScorecardDb db, PeriodRef at, CancellationToken ct) => LoadAsync(db, at, tracked: true, ct);

    /// <summary>
    /// The period's map as kept under the content stamp, which every change to a map, its KPIs, targets,
    /// owners or periods moves. Shared between requests: read it, never change it nor attach it to a context.
    /// </summary>
    public static Task<ReportingMap> ReadAsync(CachedReads reads, PeriodRef at, CancellationToken ct) =>
        reads.GetAsync(("reporting map", at), services => LoadAsync(services.GetRequiredService<ScorecardDb>(), at, tracked: false, CancellationToken.None), ct);

    static async Task<ReportingMap> LoadAsync(ScorecardDb db, PeriodRef at, bool tracked, CancellationToken ct)
    {
        var period = ParsePeriod(at.Period);
        if (at.ValueRocYear is < 1 or > 300)
            throw new InvalidInputException("valueRocYear", $"民國年 {at.ValueRocYear} 不在合理範圍（1–300）。");
        if (at.RocYear is < 1 or > 300)
            throw new NotFoundException($"找不到「{at.Organisation}」{at.RocYear} 年的策略地圖。");
        var planYear = RocYear.ToGregorian(at.RocYear);
        var maps = tracked ? db.Maps : db.Maps.AsNoTrackingWithIdentityResolution();
        var map = await MapQueries.OfOrganisation(maps, at.Organisation)
            .Include(m => m.Organisation)
            .Include(m => m.Themes)
            .Include(m => m.Objectives)
            .Include(m => m.AchievementRules)
            .Include(m => m.Kpis).ThenInclude(k => k.Values)
            .Include(m => m.Kpis).ThenInclude(k => k.OwnerLinks)
            .Include(m => m.Kpis).ThenInclude(k => k.Milestones)
            .Include(m => m.ActionPlans)
            .Include(m => m.Scoring).ThenInclude(s => s!.Lights)
            .AsSplitQuery()
            .FirstOrDefaultAsync(m => m.Year == planYear, ct)
            ?? throw new NotFoundException($"找不到「{at.Organisation}」{at.RocYear} 年的策略地圖。");
        var year = RocYear.ToGregorian(at.ValueRocYear);
        var periods = tracked ? db.ReportingPeriods : db.ReportingPeriods.AsNoTracking();
        var row = await periods.FirstOrDefaultAsync(p => p.MapId == map.Id && p.Year == year && p.Period == period, ct);
        return new ReportingMap { Map = map, Year = year, Period = period, Row = row };
    }

    static Period ParsePeriod(string text)
    {
        try { return Periods.Parse(text); }
        catch (DomainException e) { throw new InvalidInputException("period", e.Text); }
    }

    /// <summary>A KPI by code; <paramref name="part"/> (1-based) picks a part of a composite KPI, whose codes may repeat (BF1.1 × 7).</summary>
    public Kpi Kpi(string code, int? part)
    {
        var kpi = Map.Kpis.FirstOrDefault(k => k.ParentId is null && k.Code == code)
            ?? throw new NotFoundException($"找不到「{Map.Organisation.Name}」{Map.RocYear} 年的 KPI {code}。");
        if (part is null)
            return kpi;
        var parts = Map.Kpis.Where(k => k.ParentId == kpi.Id).OrderBy(k => k.Ordinal).ToList();
        return part >= 1 && part <= parts.Count
            ? parts[part.Value - 1]
            : throw new NotFoundException($"KPI {code} 沒有第 {part} 個分項（共 {parts.Count} 項）。");
    }

    public Kpi? ParentOf(Kpi kpi) => kpi.ParentId is { } id ? Map.Kpis.First(k => k.Id == id) : null;

    public IReadOnlyList<ActionPlan> PlansOf(Kpi kpi) => Map.ActionPlans.Where(a => a.KpiId == kpi.Id).OrderBy(a => a.Ordinal).ToList();

    public bool HasParts(Kpi kpi) => Map.Kpis.Any(k => k.ParentId == kpi.Id);

    public IReadOnlyList<Guid> Owners(Kpi kpi) => KpiOwner.EnteringFor(kpi, ParentOf(kpi));

    /// <summary>Whether the figure meets the period's target by the map's own achievement rule; null when it cannot be judged.</summary>
    public bool? Achieved(Kpi kpi, decimal? number, string? status) => Assess(kpi, number, status).Result?.Achieved;

    /// <summary>
    /// What a figure for this period says, before or after it is published: its result (achievement and verdict, or
    /// progress toward the year's target with no verdict) by the map's rule, and for an in-year figure the year-end
    /// projection — the same rules, inferences and words as the dashboard and the KPI page give a published figure.
    /// A part with no targets of its own is read against its KPI's. Both null when there is nothing to judge by.
    /// </summary>
    public FigureAssessment Assess(Kpi kpi, decimal? number, string? status)
    {
        var parent = ParentOf(kpi);
        var direction = KnownDirection.Of(kpi, parent);
        var aggregation = KnownAggregation.Of(kpi, parent);
        var settings = SettingsOf(parent ?? kpi);
        var own = kpi.Values.Count > 0 || parent is null ? kpi.Values : parent.Values.Where(v => v.Kind == ValueKind.Target).ToList();
        var proposed = new KpiValue { Year = Year, Period = Period, Kind = ValueKind.Actual, Number = number, Status = status };
        var copy = new Kpi
        {
            Code = kpi.Code, Name = kpi.Name, Unit = kpi.Unit ?? parent?.Unit,
            Values = own.Where(v => !(v.Kind == ValueKind.Actual && v.Year == Year && v.Period == Period)).Append(proposed).ToList(),
        };
        var result = KpiResults.For(copy, direction.Value, aggregation.Value, settings, aggregation.Said, direction.Said, aggregation.Firm)
            .FirstOrDefault(r => r.Year == Year && r.Period == Period);
        var projection = Projections.At(copy, direction.Value, aggregation.Value, settings, Year, Period);
        foreach (var said in new[] { aggregation.Said, direction.Said })
            if (projection is not null && said is not null)
                projection = projection with { Said = $"{projection.Said}；{said}" };
        return new FigureAssessment(result, projection);
    }

    /// <summary>The achievement rule a KPI of the map follows: its own entry, its theme's, or the map's.</summary>
    public AchievementSettings SettingsOf(Kpi kpi)
    {
        var theme = Map.Objectives.FirstOrDefault(o => o.Id == kpi.ObjectiveId)?.ThemeId is { } t ? Map.Themes.FirstOrDefault(x => x.Id == t)?.Code : null;
        return AchievementSettings.Resolve(Map.AchievementRules, theme, kpi.Code);
    }
}
