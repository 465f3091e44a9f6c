using Scorecard.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Scorecard.Domain.Scoring;
using Scorecard.Web.Features.Maps;
using Scorecard.Web.Features.Search;

using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Dashboard;

/// <summary>The dashboard and the KPI search as JSON: the same queries as the pages.</summary>
public static class DashboardApi
{
    public static void MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard", async Task<Ok<DashboardAnswer>> (int? year, string? period, string? organisation, string? theme, string? objective, DashboardQueries queries, CancellationToken ct) =>
        {
            var view = await queries.ReadAsync(new DashboardRequest(year, period, organisation, theme, objective), ct);
            if (view is null)
                throw new NotFoundException($"尚無已發布的策略地圖。");
            return TypedResults.Ok(new DashboardAnswer(
                view.RocYear, view.Period.ToString(), view.Organisation, view.Theme?.Code, view.Objective?.Code,
                view.PeriodLabel, view.PreviousLabel, Shape(view.Total),
                view.Themes.Select(Shape).ToList(), view.Perspectives.Select(Shape).ToList(), view.Objectives.Select(Shape).ToList(),
                view.Kpis.Select(Shape).ToList(), view.OffTrack.Select(Shape).ToList(), view.LikelyToMiss.Select(Shape).ToList(),
                view.UnknownKinds.Select(u => new UnknownKindsAnswer(u.Organisation, u.Count, u.Link)).ToList(),
                view.Reporting?.Select(r => new MapReporting(r.Organisation, r.State, r.Deadline,
                    r.Owners.Select(o => new OwnerReporting(o.Progress.Organisation, o.Progress.Total,
                        o.Progress.Counts.ToDictionary(c => c.Label, c => c.Count), o.Overdue)).ToList())).ToList(),
                view.FiguresOfPeriod));
        }).WithTags("Scoring").Problems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
          .CacheOutput(Scorecard.Web.Infrastructure.Caching.PublicAnswers.Name).WithName("getDashboard").WithSummary("The leadership dashboard").WithDescription("The leadership dashboard: KPI standings at the end of a period (?year ROC, ?period, default the latest published) for the city or one ?organisation, per theme and perspective, against the same KPIs at the end of the period before; drill down with ?theme and ?objective; KPIs off track with 狀況分析 and 對策; KPIs in progress projected to miss the year's target (likelyToMiss), with the method of each projection; reporting progress for those who may read unpublished entries (null otherwise).");

        app.MapGet("/api/search", async (string? q, KpiSearch search, CancellationToken ct) =>
        {
            var result = await search.FindAsync(q, ct);
            return TypedResults.Ok(new SearchAnswer(result.Words, result.Total,
                result.Hits.Select(h => new SearchHit(h.Organisation, h.RocYear, h.Code, h.Name, h.Formula, h.Owners, h.PartOf, h.Link)).ToList()));
        }).WithTags("Maps").WithName("searchKpis").WithSummary("Search KPIs").WithDescription($"KPIs of every published map whose code, name, formula or owning organisation holds every word of ?q; the first {KpiSearch.Shown}, with the total.");
    }

    static StandingRow Shape(CountRow r) => new(r.Label, r.Link, MapsApi.Shape(r.Now), r.Before is null ? null : MapsApi.Shape(r.Before));

    static DashboardKpiAnswer Shape(DashboardKpi k) => new(
        k.Organisation, k.Code, k.Name, k.Owners, RollUp.Label(k.Standing), Said.Chinese(k.Figure), Said.Chinese(k.Target), k.Achievement, Said.Chinese(k.Why),
        k.Analysis, k.Countermeasure, k.Trend.Select(p => new TrendYear(p.RocYear, p.Target, p.Actual)).ToList(), k.Link,
        k.Parts.Select(p => new DashboardPartAnswer(p.Code, p.Name, p.Formula, p.Unit, p.Weight, p.Owners, RollUp.Label(p.Standing),
            Said.Chinese(p.Figure), Said.Chinese(p.Target), p.Achievement, Said.Chinese(p.Why), Shape(p.Projection))).ToList(),
        Shape(k.Projection));

    static ProjectionAnswer? Shape(Projection? p) =>
        p is null ? null : new ProjectionAnswer(p.Label, p.YearEnd, p.High, Projection.MethodName(p.Method), Said.Chinese(p.Said));
}

/// <summary>The counts of a theme, perspective or objective at the end of the period, and of the same KPIs at the end of the period before (null where there is none).</summary>
public sealed record StandingRow(string Label, string? Link, RollUpCounts Now, RollUpCounts? Before);

/// <summary>A year of a KPI's trend: its target and actual of the year (ROC), null where there is none.</summary>
public sealed record TrendYear(int Year, decimal? Target, decimal? Actual);

/// <summary>
/// A KPI on the dashboard: its standing (達標, 未達標, 進行中, 尚無資料, 不適用), figure and target with their periods, achievement (%),
/// the rule or reason, 狀況分析 and 對策, its trend, for a KPI with parts each part (empty for a KPI without), and its year-end
/// projection (null at the year's end).
/// </summary>
public sealed record DashboardKpiAnswer(
    string Organisation, string Code, string Name, string Owners, string Standing, string Figure, string Target, decimal? Achievement,
    string? Reason, string? Analysis, string? Countermeasure, IReadOnlyList<TrendYear> Trend, string Link, IReadOnlyList<DashboardPartAnswer> Parts,
    ProjectionAnswer? Projection);

/// <summary>A part of a KPI on the dashboard: its code as printed (BP3.1-1), name, formula, unit, weight (%), owners, standing, figure, target, achievement (%), the rule or reason, and its projection.</summary>
public sealed record DashboardPartAnswer(
    string Code, string Name, string? Formula, string? Unit, decimal? Weight, string Owners, string Standing, string Figure, string Target,
    decimal? Achievement, string? Reason, ProjectionAnswer? Projection);

/// <summary>
/// 預估: never a result. The projected verdict (預估達標, 預估未達標, 預估未定), the projected year-end figure (low and high equal
/// unless the KPI's aggregation is unknown and every way of making the year was read; none for a KPI projected from its parts, whose units
/// differ), the method (lastYearProfile, pace, latest, mean, everyAggregation, parts) and the method with its inputs in words.
/// </summary>
public sealed record ProjectionAnswer(string Verdict, decimal? YearEnd, decimal? High, string Method, string Said);

/// <summary>An owning organisation's entries of the period: how many, how many in each state, how many overdue.</summary>
public sealed record OwnerReporting(string Organisation, int Total, IReadOnlyDictionary<string, int> Counts, int Overdue);

/// <summary>A map's reporting of the period: its state, deadline and owners.</summary>
public sealed record MapReporting(string Organisation, string State, DateOnly? Deadline, IReadOnlyList<OwnerReporting> Owners);

/// <summary>
/// The dashboard: the year (ROC) and period shown, what it is narrowed to, the counts and the KPIs; reporting is null for those
/// who may not read unpublished entries; figuresOfPeriod, how many of the KPIs counted have a published figure of the period
/// itself (the others stand on an earlier one).
/// </summary>
public sealed record DashboardAnswer(
    int Year, string Period, string? Organisation, string? Theme, string? Objective, string PeriodLabel, string PreviousLabel,
    StandingRow Total, IReadOnlyList<StandingRow> Themes, IReadOnlyList<StandingRow> Perspectives, IReadOnlyList<StandingRow> Objectives,
    IReadOnlyList<DashboardKpiAnswer> Kpis, IReadOnlyList<DashboardKpiAnswer> OffTrack, IReadOnlyList<DashboardKpiAnswer> LikelyToMiss,
    IReadOnlyList<UnknownKindsAnswer> UnknownKinds, IReadOnlyList<MapReporting>? Reporting, int FiguresOfPeriod);

/// <summary>An organisation's map with KPIs (or parts) of unknown direction or aggregation: how many, and the page where a planner sets them.</summary>
public sealed record UnknownKindsAnswer(string Organisation, int Count, string Link);

/// <summary>A KPI found: its map (organisation, year ROC), code, name, formula, owners, the KPI it is a part of, and its page.</summary>
public sealed record SearchHit(string Organisation, int Year, string Code, string Name, string? Formula, string Owners, string? PartOf, string Link);

/// <summary>The words searched for, how many KPIs hold them all, and the first of them.</summary>
public sealed record SearchAnswer(IReadOnlyList<string> Words, int Total, IReadOnlyList<SearchHit> Hits);
