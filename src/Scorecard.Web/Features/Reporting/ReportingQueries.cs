using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Organisations;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Infrastructure;
using Scorecard.Web.Infrastructure.Caching;

namespace Scorecard.Web.Features.Reporting;

/// <summary>One KPI (or part) on the entry or review sheet of a period.</summary>
public sealed record SheetRow(
    Kpi Kpi, int? Part, string Code, string Name, string? Unit, string Owners, IReadOnlyCollection<Guid> OwnerIds,
    KpiValue? Target, KpiValue? Previous, KpiValue? Published, Submission? Submission,
    bool? Achieved, bool CanEnter)
{
    /// <summary>The year's target, where the period has a target of its own (a quarter's); null where <see cref="Target"/> is the year's.</summary>
    public KpiValue? YearTarget { get; init; }

    /// <summary>The entered figure judged and projected; null when nothing is entered.</summary>
    public FigureAssessment? Assessment { get; init; }
}

public sealed record Sheet(ReportingMap Scope, IReadOnlyList<SheetRow> Rows, IReadOnlyList<OrganisationProgress> Progress);

/// <summary>「環保局 22 項：已核定 15、已送出 3、草稿 2、未填 2」</summary>
public sealed record OrganisationProgress(string Organisation, int Total, IReadOnlyList<(string Label, int Count)> Counts)
{
    public FormattableString Text => $"{Organisation} {Total} 項：{Said.List(Counts.Where(c => c.Count > 0).Select(c => (FormattableString)$"{c.Label} {c.Count}"))}";

    static readonly string[] States = ["已發布", "已核定", "已送出", "已退回", "草稿", "未填"];

    /// <summary>How many entries are in a state (「已送出」, 「未填」 …).</summary>
    public int Count(string state) => Counts.FirstOrDefault(c => c.Label == state).Count;

    /// <summary>Entered at all, whatever the state: all but 未填.</summary>
    public int Entered => Total - Count("未填");

    /// <summary>
    /// Entries counted by state per owning organisation. A co-owned entry counts for each of its owners, as each owner's
    /// own list (我的待辦, the entry page) has it: 環保局 reads 22 here as on its own list, not 18 with its co-owned KPIs
    /// credited to another agency. The organisations' counts may therefore add up to more than the period's entries.
    /// </summary>
    /// <param name="state">The entry's state in words (<see cref="Workflow.Label(SubmissionState)"/>, or 「未填」).</param>
    public static IReadOnlyList<OrganisationProgress> Of<T>(IEnumerable<T> rows, Func<T, IEnumerable<Guid>> owners, Func<T, string> state,
        IReadOnlyDictionary<Guid, Organisation> organisations) =>
        rows.SelectMany(r => owners(r).Distinct().Select(o => (Owner: o, State: state(r))))
            .GroupBy(x => x.Owner)
            .Select(g => new OrganisationProgress(organisations.TryGetValue(g.Key, out var o) ? ReportingQueries.ShortName(o) : "?", g.Count(),
                States.Select(label => (label, g.Count(x => x.State == label))).ToList()))
            .OrderBy(p => p.Organisation, StringComparer.Ordinal)
            .ToList();
}

public sealed record TodoItem(string Organisation, int PlanYear, int Year, Period Period, string Code, int? Part, string Name,
    SubmissionState? State, DateOnly? Deadline, bool Overdue, string? ReviewComment, string? SubmittedBy);

/// <summary>
/// 我的待辦: what to enter and to review, and for a planner the periods to open next and those under way.
/// <see cref="MayEnter"/>, <see cref="MayReview"/> and <see cref="MayManage"/> say which lists the reader's roles have at all:
/// a viewer has none, and is pointed to the dashboard instead of three empty lists.
/// </summary>
public sealed record Todo(IReadOnlyList<TodoItem> ToEnter, IReadOnlyList<TodoItem> ToReview,
    IReadOnlyList<PeriodToOpen> ToOpen, IReadOnlyList<PeriodUnderWay> UnderWay, bool MayEnter, bool MayReview, bool MayManage);

public sealed class ReportingQueries(ScorecardDb db, CachedReads reads, CurrentUser user, TimeProvider clock)
{
    /// <summary>An entered figure not published yet; <see cref="Part"/> is 1-based for a part of the KPI.</summary>
    public sealed record KpiSubmission(Submission Submission, int? Part);

    /// <summary>
    /// A KPI's (and its parts') submissions that are not published, newest period first. The caller
    /// shows them only to those who may read unpublished figures. Kept while the KPI's audit trail is as it
    /// was (<see cref="DirectReads.TrailVersion"/>): every save of a submission, a part's too, is audited on
    /// the KPI's trail, and a database context per signed-in KPI page cost more than the rest of its reads together.
    /// </summary>
    public async Task<IReadOnlyList<KpiSubmission>> UnpublishedAsync(Kpi kpi, IReadOnlyList<Kpi> parts, CancellationToken ct = default)
    {
        var version = await reads.TrailVersionAsync(DirectReads.AuditTrail.OfKpi, kpi.Id, ct);
        return await reads.GetAsync(("unpublished", kpi.Id, version),
            services => services.GetRequiredService<ReportingQueries>().ReadUnpublishedAsync(kpi, parts, CancellationToken.None), ct);
    }

    async Task<IReadOnlyList<KpiSubmission>> ReadUnpublishedAsync(Kpi kpi, IReadOnlyList<Kpi> parts, CancellationToken ct)
    {
        var ids = parts.Select(p => p.Id).Append(kpi.Id).ToList();
        var rows = await db.Submissions.AsNoTracking()
            .Where(s => ids.Contains(s.KpiId) && s.State != SubmissionState.Published)
            .ToListAsync(ct);
        var partNumber = parts.Select((p, i) => (p.Id, Number: i + 1)).ToDictionary(x => x.Id, x => (int?)x.Number);
        return rows
            .OrderByDescending(s => s.Year).ThenByDescending(s => s.Period)
            .Select(s => new KpiSubmission(s, partNumber.GetValueOrDefault(s.KpiId)))
            .ToList();
    }

    /// <summary>A map's periods, and whether the reader is staff of its organisation (who published, why reopened).</summary>
    public sealed record MapPeriods(IReadOnlyList<ReportingPeriod> Periods, bool Staff);

    /// <summary>
    /// The map's reporting periods. A draft's (a revision not yet published) are its planners' only, as the draft
    /// is; who published a period and why it was reopened are for those who may read the organisation's
    /// unpublished figures: staff addresses and internal reasons are not public.
    /// </summary>
    public async Task<MapPeriods> PeriodsAsync(string organisation, int rocYear, CancellationToken ct = default)
    {
        if (rocYear is < 1 or > 300) throw new NotFoundException($"找不到「{organisation}」{rocYear} 年的策略地圖。");
        var year = RocYear.ToGregorian(rocYear);
        var map = await MapQueries.OfOrganisation(db.Maps, organisation).Where(m => m.Year == year).Include(m => m.Organisation).AsNoTracking()
                .FirstOrDefaultAsync(ct) ?? throw new NotFoundException($"找不到「{organisation}」{rocYear} 年的策略地圖。");
        await user.RequireMaySeeAsync(map, ct);
        var periods = (await db.ReportingPeriods.AsNoTracking().Where(p => p.MapId == map.Id).ToListAsync(ct))
            .OrderBy(p => p.Year).ThenBy(p => p.Period).ToList();
        return new MapPeriods(periods, await user.CanAsync(Permission.ReadUnpublished, map.OrganisationId, ct));
    }

    /// <summary>The entered actual, for those who may enter it or read unpublished figures of the map.</summary>
    public async Task<Submission?> SubmissionAsync(KpiPeriodRef at, CancellationToken ct = default)
    {
        var scope = await ReportingMap.ReadAsync(reads, at.Period, ct);
        if (!user.IsSignedIn) throw new NotSignedInException();
        await user.RequireMaySeeAsync(scope.Map, ct);
        var kpi = scope.Kpi(at.Code, at.Part);
        if (!await user.CanAsync(Permission.ReadUnpublished, scope.Map.OrganisationId, ct) && !await user.CanAnyAsync(Permission.Enter, scope.Owners(kpi), ct))
            throw new AccessDeniedException($"查看 {kpi.Code} 未發布的填報。");
        return await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.KpiId == kpi.Id && s.Year == scope.Year && s.Period == scope.Period, ct);
    }

    /// <summary>
    /// The period's KPIs to enter (the user's own, or all for a reader) or to review, each with its target,
    /// the previous period's published actual and the current submission; and progress per owning organisation.
    /// </summary>
    public async Task<Sheet> SheetAsync(PeriodRef at, bool forReview, CancellationToken ct = default)
    {
        var scope = await ReportingMap.LoadAsync(db, at, ct);
        if (!user.IsSignedIn) throw new NotSignedInException();
        await user.RequireMaySeeAsync(scope.Map, ct);
        var map = scope.Map;
        var canReadAll = await user.CanAsync(forReview ? Permission.Review : Permission.ReadUnpublished, map.OrganisationId, ct);
        var kpiIds = map.Kpis.Select(k => k.Id).ToList();
        var submissions = (await db.Submissions.Where(s => kpiIds.Contains(s.KpiId) && s.Year == scope.Year && s.Period == scope.Period).ToListAsync(ct))
            .ToDictionary(s => s.KpiId);
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        var (previousYear, previousPeriod) = Previous(scope.Year, scope.Period);

        var rows = new List<SheetRow>();
        foreach (var top in map.Kpis.Where(k => k.ParentId is null).OrderBy(k => k.Ordinal))
        {
            var parts = map.Kpis.Where(k => k.ParentId == top.Id).OrderBy(k => k.Ordinal).ToList();
            var leaves = parts.Count == 0 ? [(top, (int?)null)] : parts.Select((p, i) => (p, (int?)(i + 1))).ToList();
            foreach (var (kpi, part) in leaves)
            {
                var owners = scope.Owners(kpi);
                var canEnter = await user.CanAnyAsync(Permission.Enter, owners, ct);
                if (!canEnter && !canReadAll) continue;
                var values = kpi.Values.Count > 0 || part is null ? kpi.Values : top.Values;
                var target = values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == scope.Year && v.Period == scope.Period)
                    ?? values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == scope.Year && v.Period == Period.Y);
                var previous = kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Actual && v.Year == previousYear && v.Period == previousPeriod);
                var published = kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Actual && v.Year == scope.Year && v.Period == scope.Period);
                var submission = submissions.GetValueOrDefault(kpi.Id);
                var yearTarget = target?.Period == Period.Y ? null
                    : values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == scope.Year && v.Period == Period.Y);
                var assessment = submission is null ? null : scope.Assess(kpi, submission.Number, submission.Status);
                var achieved = assessment?.Result?.Achieved;
                var ownerNames = owners.Select(id => organisations.TryGetValue(id, out var o) ? ShortName(o) : "").Where(n => n.Length > 0);
                rows.Add(new SheetRow(kpi, part, top.Code, kpi.Name, kpi.Unit ?? top.Unit, string.Join("、", ownerNames), owners,
                    target, previous, published, submission, achieved, canEnter) { YearTarget = yearTarget, Assessment = assessment });
            }
        }

        var progress = OrganisationProgress.Of(rows, r => r.OwnerIds, r => r.Submission is { } s ? Workflow.Label(s.State) : "未填", organisations);
        return new Sheet(scope, rows, progress);
    }

    /// <summary>What publishing the period would publish and leave out, for those who manage its periods.</summary>
    public async Task<PublishPreview> PublishPreviewAsync(PeriodRef at, CancellationToken ct = default)
    {
        var sheet = await SheetAsync(at, forReview: true, ct);
        await user.RequireAsync(Permission.ManagePeriods, sheet.Scope.Map.OrganisationId, $"管理「{sheet.Scope.Map.Organisation.Name}」的填報期間", ct);
        return Preview(sheet);
    }

    /// <summary>The preview over a review sheet's entries: every KPI and part of the map, as a planner's sheet holds them.</summary>
    public static PublishPreview Preview(Sheet sheet) => PublishPreview.Of(sheet.Rows.Select(r => r.Submission?.State));

    /// <summary>
    /// 我的待辦: for a reporter, the KPIs to fill, fix or submit; for a planner, submissions to review, the periods
    /// under way with their progress, and the period each map opens next.
    /// </summary>
    public async Task<Todo> TodoAsync(CancellationToken ct = default)
    {
        if (!user.IsSignedIn) throw new NotSignedInException();
        var grants = await user.GrantsAsync(ct);
        var organisations = await db.Organisations.AsNoTracking().ToListAsync(ct);
        var enterScope = new HashSet<Guid>();
        var reviewScope = new HashSet<Guid>();
        var manageScope = new HashSet<Guid>();
        foreach (var o in organisations)
        {
            var chain = await user.ChainAsync(o.Id, ct);
            if (Access.Allows(grants, Permission.Enter, chain)) enterScope.Add(o.Id);
            if (Access.Allows(grants, Permission.Review, chain)) reviewScope.Add(o.Id);
            if (Access.Allows(grants, Permission.ManagePeriods, chain)) manageScope.Add(o.Id);
        }
        var today = CityTime.Today(clock.GetUtcNow());

        var periods = await db.ReportingPeriods.AsNoTracking().Join(db.Maps.Include(m => m.Organisation), p => p.MapId, m => m.Id, (p, m) => new { Period = p, Map = m }).ToListAsync(ct);
        var mapIds = periods.Select(p => p.Map.Id).Distinct().ToList();
        var kpis = await db.Kpis.AsNoTracking().Include(k => k.OwnerLinks).Where(k => mapIds.Contains(k.MapId)).ToListAsync(ct);
        var kpiIds = kpis.Select(k => k.Id).ToList();
        // Published ones are history: nothing to do there.
        var submissions = await db.Submissions.AsNoTracking().Where(s => kpiIds.Contains(s.KpiId) && s.State != SubmissionState.Published).ToListAsync(ct);
        var byKey = submissions.ToDictionary(s => (s.KpiId, s.Year, s.Period));
        var entriesOfMap = kpis.GroupBy(k => k.MapId).ToDictionary(g => g.Key, g => KpiOwner.Entries(g.ToList()));
        // A part is addressed by its place among its KPI's parts (BF1.1 × 7 share a code).
        var partNumber = kpis.Where(k => k.ParentId is not null).GroupBy(k => k.ParentId)
            .SelectMany(g => g.OrderBy(k => k.Ordinal).Select((k, i) => (k.Id, Number: i + 1))).ToDictionary(x => x.Id, x => x.Number);
        // Only an open period, or one with entries still moving (returned, submitted), has anything to do.
        var mapOf = kpis.ToDictionary(k => k.Id, k => k.MapId);
        var moving = submissions.Select(s => (s.Year, s.Period, mapOf[s.KpiId])).ToHashSet();

        var toEnter = new List<TodoItem>();
        var toReview = new List<TodoItem>();
        foreach (var x in periods.Where(x => x.Period.State == PeriodState.Open || moving.Contains((x.Period.Year, x.Period.Period, x.Map.Id))).OrderBy(p => p.Period.Deadline))
        {
            var p = x.Period;
            var overdue = p.IsPastDeadline(today);
            foreach (var (k, parent) in entriesOfMap.GetValueOrDefault(x.Map.Id, []))
            {
                var s = byKey.GetValueOrDefault((k.Id, p.Year, p.Period));
                var item = new TodoItem(x.Map.Organisation.Name, x.Map.RocYear, p.Year, p.Period, parent?.Code ?? k.Code, parent is null ? null : partNumber[k.Id],
                    k.Name, s?.State, p.Deadline, overdue, s?.ReviewComment, s?.SubmittedBy);
                var mine = KpiOwner.EnteringFor(k, parent).Any(enterScope.Contains);
                if (mine && ((p.State == PeriodState.Open && Workflow.WithOwner(s?.State)) || s?.State == SubmissionState.Returned))
                    toEnter.Add(item);
                if (reviewScope.Contains(x.Map.OrganisationId) && s?.State == SubmissionState.Submitted)
                    toReview.Add(item with { Overdue = false });
            }
        }

        // The periods a planner watches: under way (填報中, 已截止) on a map it reviews or runs.
        var underWay = periods.Where(x => x.Period.State is PeriodState.Open or PeriodState.Closed
                && (reviewScope.Contains(x.Map.OrganisationId) || manageScope.Contains(x.Map.OrganisationId)))
            .Select(x => (x.Period, x.Map, Entries: entriesOfMap.GetValueOrDefault(x.Map.Id, [])))
            .OrderBy(x => x.Map.Organisation.Level).ThenBy(x => x.Map.Organisation.Name, StringComparer.Ordinal).ThenBy(x => x.Period.Year).ThenBy(x => ReportingCalendar.Order(x.Period.Period))
            .ToList();
        var watchedIds = underWay.SelectMany(x => x.Entries).Select(e => e.Kpi.Id).Distinct().ToList();
        var watchedYears = underWay.Select(x => x.Period.Year).Distinct().ToList();
        // Published entries count too (approved, then published, before a reopen): the query above leaves them out.
        var states = (await db.Submissions.AsNoTracking().Where(s => watchedIds.Contains(s.KpiId) && watchedYears.Contains(s.Year))
                .Select(s => new { s.KpiId, s.Year, s.Period, s.State }).ToListAsync(ct))
            .ToDictionary(s => (s.KpiId, s.Year, s.Period), s => s.State);
        var progress = underWay.Select(x => new PeriodUnderWay(x.Map.Organisation.Name, x.Map.RocYear, x.Period.Year, x.Period.Period, x.Period.State,
                x.Period.Deadline, x.Period.IsPastDeadline(today),
                EntryCounts.Of(x.Entries.Select(e => states.TryGetValue((e.Kpi.Id, x.Period.Year, x.Period.Period), out var st) ? st : (SubmissionState?)null).ToList())))
            .ToList();

        // A map with a period under way finishes it before the next is proposed: 我的待辦 says what to do now. Its page
        // (MapPeriodsAsync) still offers the next one.
        var busy = underWay.Select(x => x.Map.Id).ToHashSet();
        var toOpen = (await PeriodsToOpenAsync(manageScope, ct)).Where(p => !busy.Contains(p.MapId)).Select(p => p.Next).ToList();
        return new Todo(toEnter, toReview, toOpen, progress, enterScope.Count > 0, reviewScope.Count > 0, manageScope.Count > 0);
    }

    /// <summary>
    /// The period each map of these organisations opens next, organisations in tree order, older plans first. A map is
    /// offered while it is in force and unfinished: published (not a draft) and its plan year's own figure (Y) not yet
    /// reported. Not only each organisation's latest map: a city may import a later plan (the 108 and 109 maps of
    /// theme D) while the year before is still being reported (107 has Q1 only), and both are the planner's to run.
    /// </summary>
    async Task<IReadOnlyList<(Guid MapId, PeriodToOpen Next)>> PeriodsToOpenAsync(IReadOnlyCollection<Guid> organisations, CancellationToken ct)
    {
        if (organisations.Count == 0) return [];
        var scope = organisations.ToList();
        var maps = await db.Maps.AsNoTracking().Include(m => m.Organisation).Where(m => !m.IsDraft && scope.Contains(m.OrganisationId)).ToListAsync(ct);
        var next = await NextToOpenAsync(maps.Select(m => (m.Id, m.Year)).ToList(), ct);
        return maps
            .OrderBy(m => m.Organisation.Level).ThenBy(m => m.Organisation.Name, StringComparer.Ordinal).ThenBy(m => m.Year)
            .Where(m => next[m.Id] is not null)
            .Select(m => (m.Id, ToOpen(m.Organisation.Name, m.RocYear, next[m.Id]!.Value)))
            .ToList();
    }

    static PeriodToOpen ToOpen(string organisation, int planRocYear, (int Year, Period Period) next) =>
        new(organisation, planRocYear, next.Year, next.Period, ReportingCalendar.SuggestedDeadline(next.Year, next.Period));

    /// <summary>
    /// For each map (id, plan year), the period it opens next (<see cref="ReportingCalendar.NextToOpen"/>): after the
    /// latest period it holds published figures for or has a reporting period for; null once its year is reported.
    /// </summary>
    async Task<Dictionary<Guid, (int Year, Period Period)?>> NextToOpenAsync(IReadOnlyList<(Guid Id, int Year)> maps, CancellationToken ct)
    {
        var ids = maps.Select(m => m.Id).ToList();
        var actuals = await (from v in db.KpiValues
                             where v.Kind == ValueKind.Actual
                             join k in db.Kpis on v.KpiId equals k.Id
                             where ids.Contains(k.MapId)
                             select new { k.MapId, v.Year, v.Period }).Distinct().ToListAsync(ct);
        var rows = await db.ReportingPeriods.AsNoTracking().Where(p => ids.Contains(p.MapId)).Select(p => new { p.MapId, p.Year, p.Period }).ToListAsync(ct);
        var reported = actuals.Concat(rows).ToLookup(r => r.MapId, r => (r.Year, r.Period));
        return maps.ToDictionary(m => m.Id, m => ReportingCalendar.NextToOpen(m.Year, reported[m.Id]));
    }

    /// <summary>
    /// The map page's 填報期間, for a signed-in reader (null otherwise): the map's reporting periods with their state and
    /// deadline, whether the reader may go on to review them or to enter, and for one who may open them, the next.
    /// </summary>
    public async Task<MapReportingPeriods?> MapPeriodsAsync(Domain.Maps.StrategyMap map, CancellationToken ct = default)
    {
        if (!user.IsSignedIn || map.IsDraft) return null;
        var periods = (await db.ReportingPeriods.AsNoTracking().Where(p => p.MapId == map.Id).ToListAsync(ct))
            .OrderBy(p => p.Year).ThenBy(p => ReportingCalendar.Order(p.Period)).ToList();
        var mayReview = await user.CanAsync(Permission.Review, map.OrganisationId, ct) || await user.CanAsync(Permission.ManagePeriods, map.OrganisationId, ct);
        // A part that names no owner is entered by its KPI's, which are links of the same map: the map's links are every enterer.
        var owners = await db.Kpis.AsNoTracking().Where(k => k.MapId == map.Id).SelectMany(k => k.OwnerLinks.Select(o => o.OrganisationId)).Distinct().ToListAsync(ct);
        var mayEnter = await user.CanAnyAsync(Permission.Enter, owners, ct);
        PeriodToOpen? next = null;
        if (await user.CanAsync(Permission.ManagePeriods, map.OrganisationId, ct)
            && (await NextToOpenAsync([(map.Id, map.Year)], ct))[map.Id] is { } n)
            next = ToOpen(map.Organisation.Name, map.RocYear, n);
        return new MapReportingPeriods(periods, next, mayReview, mayEnter);
    }

    /// <summary>The period before, to show beside an entry: Q2 after Q1, Q1 after last year's Q4, a year after the year before.</summary>
    public static (int Year, Period Period) Previous(int year, Period period) => period switch
    {
        Period.Q1 => (year - 1, Period.Q4),
        Period.Q2 => (year, Period.Q1),
        Period.Q3 => (year, Period.Q2),
        Period.Q4 => (year, Period.Q3),
        Period.H1 => (year - 1, Period.H2),
        Period.H2 => (year, Period.H1),
        _ => (year - 1, Period.Y),
    };

    /// <summary>The name staff use: the shortest alias (環保局), else the full name.</summary>
    public static string ShortName(Organisation o) => o.Aliases.OrderBy(a => a.Length).FirstOrDefault() ?? o.Name;
}
