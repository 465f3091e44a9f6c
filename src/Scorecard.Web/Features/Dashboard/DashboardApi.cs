using Scorecard.Domain.Scoring;
using Scorecard.Web.Features.Maps;
using Scorecard.Web.Features.Search;

namespace Scorecard.Web.Features.Dashboard;

/// <summary>The dashboard and the KPI search as JSON: the same queries as the pages.</summary>
public static class DashboardApi
{
    public static void MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard", async (int? year, string? period, string? organisation, string? theme, string? objective, DashboardQueries queries, CancellationToken ct) =>
        {
            var view = await queries.ReadAsync(new DashboardRequest(year, period, organisation, theme, objective), ct);
            if (view is null)
                return Results.Problem(title: "尚無已發布的策略地圖。", statusCode: StatusCodes.Status404NotFound);
            return Results.Ok(new
            {
                year = view.RocYear,
                period = view.Period.ToString(),
                organisation = view.Organisation,
                theme = view.Theme?.Code,
                objective = view.Objective?.Code,
                periodLabel = view.PeriodLabel,
                previousLabel = view.PreviousLabel,
                total = Shape(view.Total),
                themes = view.Themes.Select(Shape),
                perspectives = view.Perspectives.Select(Shape),
                objectives = view.Objectives.Select(Shape),
                kpis = view.Kpis.Select(Shape),
                offTrack = view.OffTrack.Select(Shape),
                reporting = view.Reporting?.Select(r => new
                {
                    organisation = r.Organisation,
                    state = r.State,
                    deadline = r.Deadline,
                    owners = r.Owners.Select(o => new
                    {
                        organisation = o.Progress.Organisation,
                        total = o.Progress.Total,
                        counts = o.Progress.Counts.ToDictionary(c => c.Label, c => c.Count),
                        overdue = o.Overdue,
                    }),
                }),
            });
        }).WithTags("Scoring")
          .WithSummary("The leadership dashboard: KPI standings at the end of a period (?year ROC, ?period, default the latest published) for the city or one ?organisation, per theme and perspective, against the same KPIs at the end of the period before; drill down with ?theme and ?objective; KPIs off track with 狀況分析 and 對策; reporting progress for those who may read unpublished entries (null otherwise).");

        app.MapGet("/api/search", async (string? q, KpiSearch search, CancellationToken ct) =>
        {
            var result = await search.FindAsync(q, ct);
            return Results.Ok(new
            {
                words = result.Words,
                total = result.Total,
                hits = result.Hits.Select(h => new { organisation = h.Organisation, year = h.RocYear, code = h.Code, name = h.Name, formula = h.Formula, owners = h.Owners, partOf = h.PartOf, link = h.Link }),
            });
        }).WithTags("Maps").WithSummary($"KPIs of every published map whose code, name, formula or owning organisation holds every word of ?q; the first {KpiSearch.Shown}, with the total.");
    }

    static object Shape(CountRow r) => new { label = r.Label, link = r.Link, now = MapsApi.Shape(r.Now), before = r.Before is null ? null : MapsApi.Shape(r.Before) };

    static object Shape(DashboardKpi k) => new
    {
        organisation = k.Organisation,
        code = k.Code,
        name = k.Name,
        owners = k.Owners,
        standing = RollUp.Label(k.Standing),
        figure = k.Figure,
        target = k.Target,
        achievement = k.Achievement,
        reason = k.Reason,
        analysis = k.Analysis,
        countermeasure = k.Countermeasure,
        trend = k.Trend.Select(p => new { year = p.RocYear, target = p.Target, actual = p.Actual }),
        link = k.Link,
    };
}
