using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;
using Scorecard.Interchange.Reports;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Features.Maps;
using Scorecard.Web.Features.Reporting;
using Scorecard.Web.Infrastructure;
using Scorecard.Web.Infrastructure.Caching;

namespace Scorecard.Web.Features.Dashboard;

/// <summary>What the dashboard is asked for: a year and period, the whole city or one organisation, and how far to drill.</summary>
public sealed record DashboardRequest(int? RocYear, string? Period, string? Organisation, string? Theme, string? Objective);

/// <summary>A row of counts: a theme, a perspective or an objective, now and at the end of the period before.</summary>
public sealed record CountRow(string Label, string? Link, RollUp Now, RollUp? Before);

/// <summary>
/// A KPI as the dashboard lists it: where it stands at the period, its figure and target, why, and its years.
/// The figure, target and reason are phrases with holes (「7.05（全年度）」), said in the reader's language.
/// </summary>
public sealed record DashboardKpi(
    string Organisation, string Code, string Name, string Owners, Standing Standing, FormattableString Figure, FormattableString Target,
    decimal? Achievement, FormattableString? Why, string? Analysis, string? Countermeasure, IReadOnlyList<TrendPoint> Trend, string Link,
    IReadOnlyList<DashboardPart> Parts, Projection? Projection = null);

/// <summary>
/// A part of a composite KPI as the dashboard lists it under its KPI (BP3.1-1, BF1.1 工務局): its own formula, unit,
/// weight and owners, where it stands and its figure, target, achievement and reason, as for a KPI.
/// </summary>
public sealed record DashboardPart(
    string Code, string Name, string? Formula, string? Unit, decimal? Weight, string Owners, Standing Standing,
    FormattableString Figure, FormattableString Target, decimal? Achievement, FormattableString? Why, Projection? Projection = null);

/// <summary>One map's reporting of the period: its state and deadline, and per owning organisation the entries by state and how many are overdue.</summary>
public sealed record ReportingProgress(string Organisation, string State, DateOnly? Deadline, string Link, IReadOnlyList<(OrganisationProgress Progress, int Overdue)> Owners);

public sealed record Dashboard(
    int RocYear, Period Period, string? Organisation, Theme? Theme, Objective? Objective,
    IReadOnlyList<int> Years, IReadOnlyList<Period> Periods, IReadOnlyList<string> Organisations,
    string PeriodLabel, string PreviousLabel, CountRow Total,
    IReadOnlyList<CountRow> Themes, IReadOnlyList<CountRow> Perspectives,
    IReadOnlyList<CountRow> Objectives, IReadOnlyList<DashboardKpi> Kpis,
    IReadOnlyList<DashboardKpi> OffTrack,
    IReadOnlyList<ReportingProgress>? Reporting, string DrillBase,
    IReadOnlyList<DashboardKpi> LikelyToMiss,
    IReadOnlyList<UnknownKinds> UnknownKinds,
    int FiguresOfPeriod);

/// <summary>
/// A map counted whose KPIs (or parts) include some of unknown direction or aggregation: no verdict before the year ends
/// and no projected verdict rests on those. The link is the map's list where a planner sets them (issue 33 §2).
/// </summary>
public sealed record UnknownKinds(string Organisation, int Count, string Link);

/// <summary>
/// 儀表板: where the city (or an organisation) stands at the end of a period, from published figures only,
/// against the period before; the KPIs off track with their explanations; the reporting of the period
/// for those who may see unpublished entries. Every map in force for the year is read once and scored
/// for the period; the period before is counted from each map's kept counts (<see cref="KeptMapCounts"/>).
/// </summary>
public sealed class DashboardQueries(ScorecardDb db, MapReader reader, KeptMapCounts counts, CurrentUser user, TimeProvider clock, CachedReads cached, DirectReads direct)
{
    static readonly Period[] Order = [Period.Q1, Period.H1, Period.Q2, Period.Q3, Period.H2, Period.Q4, Period.Y];

    /// <summary>A map the dashboard counts, as the reporting part needs it.</summary>
    sealed record Counted(Guid MapId, Guid OrganisationId, string Organisation, int PlanRocYear);

    /// <summary>The same for everybody (kept in the <see cref="ReadCache"/>), but for the reporting, which depends on who asks.</summary>
    sealed record SharedPart(Dashboard Dashboard, IReadOnlyList<Counted> Maps, int Year, Period Period, IReadOnlyList<Period> PeriodsWithFigures);

    public async Task<Dashboard?> ReadAsync(DashboardRequest request, CancellationToken ct = default)
    {
        var shared = await cached.GetAsync(("dashboard", request), services => services.GetRequiredService<DashboardQueries>().ReadSharedPartAsync(request), ct);
        if (shared is null) return null;
        var reporting = await ReportingAsync(request, shared.Maps, shared.Year, shared.Period, ct);
        // A period opened for reporting but without published figures is offered only to those who can follow its reporting:
        // to anyone else it would be an empty page that looks like a result.
        return shared.Dashboard with
        {
            Reporting = reporting,
            Periods = reporting is not null ? shared.Dashboard.Periods
                : shared.Dashboard.Periods.Where(p => shared.PeriodsWithFigures.Contains(p) || p == shared.Period).ToList(),
        };
    }

    async Task<SharedPart?> ReadSharedPartAsync(DashboardRequest request, CancellationToken ct = default)
    {
        var inForce = (await reader.YearsAsync(ct)).SelectMany(g => g.Select(y => (Organisation: g.Key, y.Year, y.MapId))).ToList();
        if (inForce.Count == 0) return null;
        // How many KPIs hold a published actual, per map, year and period: the default period is chosen by it.
        var reported = (await (from v in db.KpiValues
                               where v.Kind == ValueKind.Actual
                               join k in db.Kpis on v.KpiId equals k.Id
                               group v by new { k.MapId, v.Year, v.Period } into g
                               select new { g.Key.MapId, g.Key.Year, g.Key.Period, Kpis = g.Count() }).ToListAsync(ct))
            .Select(r => (r.MapId, r.Year, r.Period, r.Kpis)).ToList();
        var inForceKeys = inForce.Select(f => (f.MapId, f.Year)).ToHashSet();
        var reportedInForce = reported.Where(r => inForceKeys.Contains((r.MapId, r.Year))).ToList();
        var years = inForce.Select(f => RocYear.FromGregorian(f.Year)).Distinct().Order().ToList();
        if (request.RocYear is { } asked && !years.Contains(asked))
            throw new NotFoundException($"{asked} 年沒有任何策略地圖；有策略地圖的年度：{Said.List(years)}。");
        var everyOrganisation = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        var opening = request.RocYear is null ? await OpeningAsync(inForce, reportedInForce, everyOrganisation, ct) : null;
        var rocYear = request.RocYear ?? (opening is { } o ? RocYear.FromGregorian(o.Year) : years[^1]);
        var year = RocYear.ToGregorian(rocYear);

        var organisationIds = inForce.Where(f => f.Year == year).Select(f => f.Organisation).ToHashSet();
        var organisations = everyOrganisation.Values.Where(o => organisationIds.Contains(o.Id))
            .OrderBy(o => o.Level).ThenBy(o => o.Name, StringComparer.Ordinal).Select(o => o.Name).ToList();
        if (request.Organisation is { Length: > 0 } asking && !organisations.Contains(asking))
            throw new NotFoundException($"「{asking}」在 {rocYear} 年沒有策略地圖。");
        var organisation = request.Organisation is { Length: > 0 } name ? name : null;
        var mapsOfYear = inForce.Where(f => f.Year == year).Select(f => f.MapId).ToList();
        var withFigures = Order.Where(p => reportedInForce.Any(r => r.Year == year && r.Period == p && mapsOfYear.Contains(r.MapId))).ToList();
        // The list offers the periods opened for reporting too, figures or not yet: there a planner finds the period's
        // reporting progress and its review page. The default stays a period with figures.
        var opened = await db.ReportingPeriods.AsNoTracking().Where(p => p.Year == year && mapsOfYear.Contains(p.MapId)).Select(p => p.Period).Distinct().ToListAsync(ct);
        var period = request.Period is { Length: > 0 } text ? ParsePeriod(text)
            : opening is { } first && first.Year == year ? first.Period
            : withFigures.Count > 0 ? withFigures[^1] : Period.Y;
        var periods = Order.Where(p => withFigures.Contains(p) || opened.Contains(p) || p == period).ToList();

        var (beforeYear, beforePeriod) = Before(year, period);
        var now = (await reader.InForceAsync(rocYear, organisation, ct, period)).Select(s => s.Scoring).ToList();
        // The period before is only counted, by lineage: its maps' counts are kept by map version (KeptMapCounts),
        // rather than read and scored whole again after every change, which doubled the memory the dashboard took.
        var beforeStands = inForce.Where(f => f.Year == beforeYear && (organisation is null || everyOrganisation[f.Organisation].Name == organisation))
            .OrderBy(f => everyOrganisation[f.Organisation].Level).ThenBy(f => everyOrganisation[f.Organisation].Name, StringComparer.Ordinal).ToList();
        var beforeCounts = await counts.OfAsync(beforeStands.Select(f => (f.MapId, f.Year)).ToList(), beforePeriod, ct);
        var before = beforeStands.Where(f => beforeCounts.ContainsKey((f.MapId, f.Year))).SelectMany(f => beforeCounts[(f.MapId, f.Year)].TopLevel).ToList();

        var theme = organisation is null ? null : now.SelectMany(s => s.Map.Themes).FirstOrDefault(t => t.Code == request.Theme);
        var objective = theme is null ? null : now.SelectMany(s => s.Map.Objectives).FirstOrDefault(o => o.ThemeId == theme.Id && o.Code == request.Objective);
        var query = $"dashboard?year={rocYear}&period={period}";
        string Drill(string org, string? themeCode = null, string? objectiveCode = null) =>
            $"{query}&organisation={Uri.EscapeDataString(org)}" +
            (themeCode is null ? "" : $"&theme={Uri.EscapeDataString(themeCode)}") +
            (objectiveCode is null ? "" : $"&objective={Uri.EscapeDataString(objectiveCode)}");

        // 前期 counts the same KPIs (matched by lineage, whatever their code then) as they stood at the end of the
        // period before; one that did not exist then counts as 尚無資料. Two maps of different sizes are never compared.
        var beforeByLineage = before.GroupBy(x => x.LineageId).ToDictionary(g => g.Key, g => g.First());
        CountRow Row(string label, string? link, IEnumerable<KpiScore> scores)
        {
            var list = scores.ToList();
            return new CountRow(label, link, Of(list), beforeCounts.Count == 0 ? null
                : RollUp.Of(list.Select(k => beforeByLineage.TryGetValue(k.Kpi.LineageId, out var b) ? (b.Standing, b.Achievement) : (Standing.NoData, (decimal?)null))));
        }
        IEnumerable<KpiScore> Under(MapScoring s, Func<Objective, bool> wanted)
        {
            var objectiveIds = s.Map.Objectives.Where(wanted).Select(o => o.Id).ToHashSet();
            return TopLevel(s).Where(k => objectiveIds.Contains(k.Kpi.ObjectiveId));
        }

        var total = Row(organisation ?? "全市", null, now.SelectMany(TopLevel));
        var themes = now.SelectMany(s => s.Map.Themes.OrderBy(t => t.Ordinal).ThenBy(t => t.Code).Select(t => Row(
                organisation is null ? $"{s.Map.Organisation.Name}｜{t.Code} {t.Name}" : $"{t.Code} {t.Name}",
                Drill(s.Map.Organisation.Name, t.Code), Under(s, o => o.ThemeId == t.Id))))
            .ToList();
        var perspectives = Perspective.All.Select(p => Row($"{p.NameZh}（{p.Code}）", null, now.SelectMany(s => Under(s, o => o.Perspective == p.Code))))
            .Where(r => r.Now.Total > 0).ToList();

        var objectives = new List<CountRow>();
        var kpis = new List<(MapScoring Scoring, KpiScore Score)>();
        if (theme is not null)
        {
            var scoring = now.First(s => s.Map.Themes.Contains(theme));
            objectives = scoring.Map.Objectives.Where(o => o.ThemeId == theme.Id).OrderBy(o => o.Ordinal)
                .Select(o => Row($"{o.Code} {o.Name}", Drill(scoring.Map.Organisation.Name, theme.Code, o.Code), Under(scoring, x => x.Id == o.Id))).ToList();
            if (objective is not null)
                kpis = Under(scoring, o => o.Id == objective.Id).OrderBy(k => k.Kpi.Ordinal).Select(k => (scoring, k)).ToList();
        }
        var offTrack = now.SelectMany(s => TopLevel(s).Select(k => (Scoring: s, Score: k)))
            .Where(x => x.Score.Standing == Standing.NotAchieved)
            .OrderBy(x => x.Score.Achievement ?? decimal.MaxValue).ThenBy(x => x.Scoring.Map.Organisation.Name, StringComparer.Ordinal).ThenBy(x => x.Score.Kpi.Code)
            .ToList();

        // 預估未達標: in progress, and projected to miss the year's target; listed beside those judged 未達標.
        var likelyToMiss = now.SelectMany(s => TopLevel(s).Select(k => (Scoring: s, Score: k)))
            .Where(x => x.Score.ProjectedMiss)
            .OrderBy(x => x.Scoring.Map.Organisation.Name, StringComparer.Ordinal).ThenBy(x => x.Score.Kpi.Ordinal)
            .ToList();

        var listed = offTrack.Concat(likelyToMiss).Concat(kpis).ToList();
        var trends = await reader.TrendsAsync(listed.Select(x => x.Score.Kpi).ToList(), ct);
        var explanations = await ExplanationsAsync(offTrack.Concat(likelyToMiss).ToList(), year, ct);
        DashboardKpi Listed((MapScoring Scoring, KpiScore Score) x) => Describe(x.Scoring, x.Score, year, trends.GetValueOrDefault(x.Score.Kpi.Id, []), explanations.GetValueOrDefault(x.Score.Kpi.Id));

        var dashboard = new Dashboard(rocYear, period, organisation, theme, objective, years, periods, organisations,
            $"{rocYear} 年{Label(period)}", $"{RocYear.FromGregorian(beforeYear)} 年{Label(beforePeriod)}",
            total, themes, perspectives, objectives, kpis.Select(Listed).ToList(), offTrack.Select(Listed).ToList(),
            null, query, likelyToMiss.Select(Listed).ToList(), now.Select(Unknown).Where(u => u.Count > 0).ToList(),
            now.Sum(s => TopLevel(s).Count(k => k.Current?.Period == period || s.PartsOf(k.Kpi).Any(p => p.Current?.Period == period))));
        return new SharedPart(dashboard, now.Select(s => new Counted(s.Map.Id, s.Map.OrganisationId, s.Map.Organisation.Name, s.Map.RocYear)).ToList(),
            year, period, withFigures);
    }

    static Period ParsePeriod(string text)
    {
        try { return Periods.Parse(text); }
        catch (DomainException e) { throw new InvalidInputException("period", e.Text); }
    }

    /// <summary>「全年度」 rather than 「全年」 where it names the whole year's standing.</summary>
    public static string Label(Period p) => p == Period.Y ? "全年度" : Periods.Label(p);

    /// <summary>
    /// The period compared with: the quarter (or half) before in the same year; for the first quarter or
    /// half and for a year, the previous year as it ended.
    /// </summary>
    public static (int Year, Period Period) Before(int year, Period period) => period switch
    {
        Period.Q2 => (year, Period.Q1),
        Period.Q3 => (year, Period.Q2),
        Period.Q4 => (year, Period.Q3),
        Period.H2 => (year, Period.H1),
        _ => (year - 1, Period.Y),
    };

    static UnknownKinds Unknown(MapScoring s)
    {
        // A part follows its KPI where it states nothing: look the KPI up once, not once per part.
        var byId = s.Map.Kpis.ToDictionary(k => k.Id);
        var count = s.Map.Kpis.Count(k =>
        {
            var parent = k.ParentId is { } p ? byId[p] : null;
            return KnownDirection.Of(k, parent).Value is null || KnownAggregation.Of(k, parent).Value is null;
        });
        return new UnknownKinds(s.Map.Organisation.Name, count, $"{Links.Map(s.Map.Organisation.Name, s.Map.RocYear)}/kinds");
    }

    static IEnumerable<KpiScore> TopLevel(MapScoring s) => s.Map.Kpis.Where(k => k.ParentId is null).OrderBy(k => k.Ordinal).Select(s.For);

    static RollUp Of(IEnumerable<KpiScore> scores) => RollUp.Of(scores.Select(x => (x.Standing, x.Counted, x.ProjectedMiss)));

    static DashboardKpi Describe(MapScoring scoring, KpiScore score, int year, IReadOnlyList<TrendPoint> trend, (string? Analysis, string? Countermeasure) why)
    {
        var kpi = score.Kpi;
        var map = scoring.Map;
        var parts = scoring.PartsOf(kpi);
        var (figure, target, reason) = Figures(score, year);
        if (score.Current is null && parts.Count > 0)
            // A composite KPI stands on its parts' weighted achievement; its parts are listed under it.
            figure = score.Achievement is { } a ? $"分項加權達成度 {ValueWords.Number(a)}%" : (FormattableString)$"見 {parts.Count} 個分項";
        return new DashboardKpi(map.Organisation.Name, kpi.Code, kpi.Name, string.Join("、", kpi.Owners), score.Standing, figure, target,
            score.Achievement, reason, why.Analysis, why.Countermeasure, trend, Links.Kpi(map.Organisation.Name, map.ViewRocYear, kpi.Code),
            parts.Select(p =>
            {
                var (pf, pt, pr) = Figures(p, year);
                return new DashboardPart(p.Kpi.Code, p.Kpi.Name, p.Kpi.Formula ?? kpi.Formula, p.Kpi.Unit ?? kpi.Unit, p.Kpi.Weight,
                    string.Join("、", p.Kpi.Owners.Count > 0 ? p.Kpi.Owners : kpi.Owners), p.Standing, pf, pt, p.Achievement, pr, p.Projection);
            }).ToList(), score.Projection);
    }

    /// <summary>
    /// The period the dashboard opens on when its address names none: the latest whose published figures cover at least
    /// half of the KPIs of the city's own map (the organisation at the root of the tree; of its maps in force that year
    /// and the year before, the larger), so that a map made from one theme's document — the 108 map, theme D's 18 KPIs
    /// imported from the results report, against 107's 303 — is not opened on as 「全市」. Other organisations' maps
    /// are counted on the dashboard but do not choose its period: the mayor reads the city's map first. Where no period
    /// qualifies (the city's own map holds no figures), the latest period with any; null where none has any.
    /// A period the city's planner has published through the reporting cycle is opened on when it is later, however few its
    /// figures: publishing is the city saying "this is where we stand", and the page says how many of its KPIs it holds.
    /// </summary>
    async Task<(int Year, Period Period)?> OpeningAsync(IReadOnlyList<(Guid Organisation, int Year, Guid MapId)> inForce,
        IReadOnlyList<(Guid MapId, int Year, Period Period, int Kpis)> reported, IReadOnlyDictionary<Guid, Domain.Organisations.Organisation> organisations,
        CancellationToken ct)
    {
        if (reported.Count == 0) return null;
        (int Year, Period Period) Latest(IEnumerable<(int Year, Period Period)> periods) =>
            periods.OrderBy(p => p.Year).ThenBy(p => Array.IndexOf(Order, p.Period)).Last();
        var city = inForce.Where(f => organisations.TryGetValue(f.Organisation, out var o) && o.ParentId is null).ToList();
        var cityMapIds = city.Select(f => f.MapId).Distinct().ToList();
        var kpisOfMap = await db.Kpis.AsNoTracking().Where(k => cityMapIds.Contains(k.MapId)).GroupBy(k => k.MapId)
            .Select(g => new { MapId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.MapId, x => x.Count, ct);
        int KpisInForce(int year) => city.Where(f => f.Year == year).Sum(f => kpisOfMap.GetValueOrDefault(f.MapId));
        var cityStands = city.Select(f => (f.MapId, f.Year)).ToHashSet();
        var covering = reported.Where(r => cityStands.Contains((r.MapId, r.Year)))
            .GroupBy(r => (r.Year, r.Period))
            .Where(g => g.Sum(r => r.Kpis) * 2 >= Math.Max(KpisInForce(g.Key.Year), KpisInForce(g.Key.Year - 1)))
            .Select(g => g.Key).ToList();
        var published = await db.ReportingPeriods.AsNoTracking().Where(p => cityMapIds.Contains(p.MapId) && p.PublishedAt != null)
            .Select(p => new { p.MapId, p.Year, p.Period }).ToListAsync(ct);
        var publishedInForce = published.Where(p => cityStands.Contains((p.MapId, p.Year))).Select(p => (p.Year, p.Period));
        return Latest((covering.Count > 0 ? covering : reported.Select(r => (r.Year, r.Period))).Concat(publishedInForce));
    }

    /// <summary>A KPI's (or part's) figure and target with their periods, and the reason or rule to show beside its achievement.</summary>
    static (FormattableString Figure, FormattableString Target, FormattableString? Why) Figures(KpiScore score, int year)
    {
        var kpi = score.Kpi;
        var current = score.Current;
        FormattableString figure, target;
        if (current is null)
        {
            figure = $"—";
            target = $"—";
        }
        else
        {
            var actual = kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Actual && v.Year == year && v.Period == current.Period);
            var goal = kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == year && v.Period == current.Period)
                       ?? kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == year && v.Period == Period.Y);
            figure = $"{(actual is null ? "—" : ValueWords.Of(actual))}（{Label(current.Period)}）";
            if (actual is not null && ImpossibleFigure.Of(actual, kpi.Unit ?? kpi.Parent?.Unit) is { } impossible)
                figure = $"{figure}；疑誤：{impossible}";
            // The figure compared is the year so far: a sum for a cumulative KPI, the mean for an average one (PM2.5's 18.65).
            if (current.ComparedActual is { } compared && current.YearSoFar is { } soFar)
                figure = soFar == Aggregation.Average
                    ? (FormattableString)$"{figure}，平均 {ValueWords.Number(compared)}"
                    : $"{figure}，累計 {ValueWords.Number(compared)}";
            target = goal is null ? $"—" : (FormattableString)$"{ValueWords.Of(goal)}（{Label(goal.Period)}）";
        }
        // An achievement says what it compared (issue 33 §1); a verdict before the year ends rests on how the KPI's year is made
        // (set, or inferred from its unit or name): say the rule too.
        var reason = current?.Achievement.Why ?? score.Why
            ?? (current is { Period: not Period.Y, Percent: not null, Workings: { } sum } ? $"{sum}；{current.Achievement.RuleText}"
                : current is { Period: not Period.Y, Percent: not null } ? current.Achievement.RuleText
                : current?.Workings);
        return (figure, target, reason);
    }

    /// <summary>
    /// 狀況分析 and 對策 of the KPIs off track: from the published entry of the period that judged them, else
    /// from the year's result.
    /// </summary>
    async Task<Dictionary<Guid, (string?, string?)>> ExplanationsAsync(IReadOnlyList<(MapScoring Scoring, KpiScore Score)> kpis, int year, CancellationToken ct)
    {
        if (kpis.Count == 0) return [];
        var ids = kpis.Select(x => x.Score.Kpi.Id).ToList();
        var entries = (await db.Submissions.AsNoTracking()
                .Where(s => ids.Contains(s.KpiId) && s.Year == year && s.State == SubmissionState.Published).ToListAsync(ct))
            .ToLookup(s => (s.KpiId, s.Period));
        var explained = new Dictionary<Guid, (string?, string?)>();
        foreach (var (scoring, score) in kpis)
        {
            var entry = score.Current is { } current ? entries[(score.Kpi.Id, current.Period)].FirstOrDefault() : null;
            var result = scoring.Map.Evaluations.FirstOrDefault(e => e.Year == year && e.Part is null && e.KpiCode == score.Kpi.Code);
            explained[score.Kpi.Id] = (
                entry?.Analysis ?? Join(result?.SituationAnalysis),
                entry?.Countermeasure ?? Join(result?.Countermeasures));
        }
        return explained;
    }

    static string? Join(List<string>? lines) => lines is { Count: > 0 } ? string.Join("\n", lines) : null;

    /// <summary>
    /// What the reporting part needs besides the entries, the same for everybody and kept under the content
    /// stamp: each map's period row and its entries to make (KPIs and parts) with who enters each.
    /// The entries themselves change with every save, which does not move the stamp: they are read per request.
    /// </summary>
    sealed record ReportingShape(
        IReadOnlyDictionary<Guid, ReportingPeriod> Rows,
        IReadOnlyDictionary<Guid, IReadOnlyList<(Guid KpiId, IReadOnlyList<Guid> Owners)>> EntriesOfMap,
        IReadOnlyDictionary<Guid, Domain.Organisations.Organisation> Organisations);

    async Task<ReportingShape> ReadReportingShapeAsync(IReadOnlyList<Counted> maps, int year, Period period)
    {
        var mapIds = maps.Select(m => m.MapId).ToList();
        var rows = (await db.ReportingPeriods.AsNoTracking().Where(r => mapIds.Contains(r.MapId) && r.Year == year && r.Period == period).ToListAsync())
            .ToDictionary(r => r.MapId);
        // With their owners, which the scored maps do not carry.
        var kpisOfMap = (await db.Kpis.AsNoTracking().Include(k => k.OwnerLinks).Where(k => mapIds.Contains(k.MapId)).ToListAsync()).ToLookup(k => k.MapId);
        var entries = mapIds.ToDictionary(id => id, id => (IReadOnlyList<(Guid, IReadOnlyList<Guid>)>)KpiOwner.Entries(kpisOfMap[id].ToList())
            .Select(e => (e.Kpi.Id, KpiOwner.EnteringFor(e.Kpi, e.Parent))).ToList());
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id);
        return new ReportingShape(rows, entries, organisations);
    }

    /// <summary>
    /// The period's reporting per map in force, for the maps whose unpublished entries the user may read;
    /// null when there are none (signed out). Entries are the leaves: a composite KPI's parts, not the KPI.
    /// </summary>
    async Task<IReadOnlyList<ReportingProgress>?> ReportingAsync(DashboardRequest request, IReadOnlyList<Counted> maps, int year, Period period, CancellationToken ct)
    {
        if (!user.IsSignedIn) return null;
        var readable = new List<Counted>();
        foreach (var m in maps)
            if (await user.CanAsync(Permission.ReadUnpublished, m.OrganisationId, ct)) readable.Add(m);
        if (readable.Count == 0) return null;
        // The maps counted follow from the request's year, period and organisation at this stamp.
        var shape = await cached.GetAsync(("dashboard reporting", year, period, request.Organisation),
            services => services.GetRequiredService<DashboardQueries>().ReadReportingShapeAsync(maps, year, period), ct);
        // Only the state of each of the period's entries: the whole city's may be tens of thousands.
        var states = await direct.EntryStatesAsync(readable.Select(m => m.MapId).ToList(), year, period, ct);
        var organisations = shape.Organisations;
        var today = CityTime.Today(clock.GetUtcNow());

        var progress = new List<ReportingProgress>();
        foreach (var m in readable)
        {
            var row = shape.Rows.GetValueOrDefault(m.MapId);
            var leaves = shape.EntriesOfMap[m.MapId];
            var late = row?.IsPastDeadline(today) == true;
            string State((Guid KpiId, IReadOnlyList<Guid> Owners) e) => states.TryGetValue(e.KpiId, out var x) ? Workflow.Label(x) : "未填";
            bool Overdue((Guid KpiId, IReadOnlyList<Guid> Owners) e) => late && Workflow.WithOwner(states.TryGetValue(e.KpiId, out var x) ? x : null);
            var byOwner = OrganisationProgress.Of(leaves, e => e.Owners, State, organisations);
            var overdue = leaves.Where(Overdue).SelectMany(e => e.Owners.Distinct())   // each owner, as the counts beside it
                .GroupBy(o => organisations.TryGetValue(o, out var x) ? ReportingQueries.ShortName(x) : "?").ToDictionary(g => g.Key, g => g.Count());
            progress.Add(new ReportingProgress(m.Organisation, Workflow.Label(row?.State ?? PeriodState.NotOpen), row?.Deadline,
                Links.Review(m.Organisation, m.PlanRocYear, RocYear.FromGregorian(year), period),
                byOwner.Select(o => (o, overdue.GetValueOrDefault(o.Organisation))).ToList()));
        }
        return progress;
    }
}
