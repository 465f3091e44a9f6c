using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Organisations;
using Scorecard.Domain.Revisions;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;

namespace Scorecard.Interchange.Json;

/// <summary>
/// Imports interchange files. All files of one call go in together or not at all. A file adds to
/// or updates the map it names, matched by codes, and never removes what other files brought, so
/// importing the same file twice leaves one copy. A bad value is refused with the file and JSON
/// path, and nothing changes.
/// </summary>
public sealed class MapImporter(ScorecardDb db)
{
    readonly List<ImportWarning> warnings = [];
    readonly Dictionary<(Guid, int), StrategyMap> maps = [];

    /// <summary>A map this import creates is a draft (a roll-forward): its planners see it, readers do not yet.</summary>
    public bool NewMapsAreDrafts { get; init; }

    /// <summary>The lineage a new KPI takes by its code (a roll-forward carries every KPI on); else it is found by name.</summary>
    public IReadOnlyDictionary<string, Guid>? LineageByCode { get; init; }
    // An owner name means the same organisation throughout one import, seen from the same map's organisation.
    readonly Dictionary<(Organisation, string), Organisation> ownerNames = [];
    List<Organisation> organisations = [];

    public Task<ImportReport> ImportAsync(IReadOnlyList<(string Name, Stream Content)> files, CancellationToken ct = default) =>
        ImportAsync(files.Select(f => (f.Name, MapFileReader.Read(f.Name, f.Content))).ToList(), ct);

    /// <summary>Files already read (the API reads them first, to check the caller's rights on each organisation they name).</summary>
    public Task<ImportReport> ImportAsync(IReadOnlyList<(string Name, MapFile File)> parsed, CancellationToken ct = default) =>
        ImportAsync(parsed.Select(p => new ImportInput(p.Name, p.File)).ToList(), dryRun: false, ct);

    /// <summary>
    /// Files read from JSON or from a workbook. A dry run does all the work and checks, reports
    /// what would be created, changed and left alone, and writes nothing.
    /// </summary>
    public async Task<ImportReport> ImportAsync(IReadOnlyList<ImportInput> inputs, bool dryRun, CancellationToken ct = default)
    {
        if (inputs.Count == 0)
            throw new ImportException("（無檔案）", "$", $"沒有收到任何檔案。");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        organisations = await db.Organisations.ToListAsync(ct);
        var touched = new List<ImportedMap>();
        var current = inputs[0];
        try
        {
            // Organisation lists first, so that every map's owners can resolve against them.
            foreach (var input in inputs)
            {
                current = input;
                ApplyOrganisationList(new FileScope(input.Name), input.File.Organizations ?? []);
            }
            // Earlier plan years first, so that a later year's facts find the map in force for them.
            foreach (var input in inputs.OrderBy(i => i.File.PlanYear ?? int.MaxValue))
            {
                current = input;
                var file = input.File;
                if (file.Organization is null && file.PlanYear is null && file.Organizations is not null)
                    continue;   // a file of organisations only
                var map = await ApplyAsync(new FileScope(input.Name), file, ct);
                var entry = new ImportedMap(map.Organisation.Name, map.RocYear);
                if (!touched.Contains(entry))
                    touched.Add(entry);
            }
        }
        catch (ImportException e) when (e.File == current.Name && current.Cells is not null)
        {
            throw new ImportException(e.File, current.Locate(e.Location), e.ReasonText);   // the cell, not the JSON path
        }

        // Looked for once: the report's two readings of the tracked rows need not walk them again.
        db.ChangeTracker.DetectChanges();
        IReadOnlyList<ImportChange> changes;
        List<EntityEntry<Entity>> entries;
        using (db.PauseLookingForChanges())
        {
            changes = ImportChanges.Of(db.ChangeTracker);
            entries = db.ChangeTracker.Entries<Entity>().ToList();
        }
        var created = entries.Count(e => e.State == EntityState.Added);
        var updated = entries.Count(e => e.State == EntityState.Modified && e.Properties.Any(p => p.IsModified));
        var located = warnings.Select(w => inputs.FirstOrDefault(i => i.Name == w.File) is { Cells: not null } input ? w with { Path = input.Locate(w.Path) } : w).ToList();
        if (dryRun)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
        }
        else
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return new ImportReport(inputs.Select(p => p.Name).ToList(), touched, created, updated, located) { DryRun = dryRun, Changes = changes };
    }

    /// <summary>Where in which file we are, to name it in an error or warning.</summary>
    sealed record FileScope(string File)
    {
        public ImportException Fail(string path, FormattableString reason) => new(File, path, reason);

        public T Parse<T>(string path, Func<T> parse)
        {
            try { return parse(); }
            catch (DomainException e) { throw Fail(path, e.Text); }
        }

        public void Check(string path, Action check)
        {
            try { check(); }
            catch (DomainException e) { throw Fail(path, e.Text); }
        }

        public string Required(string? value, string path, string what) =>
            string.IsNullOrWhiteSpace(value) ? throw Fail(path, $"缺少{what}。") : value;

        public T Required<T>(T? value, string path, string what) where T : struct =>
            value ?? throw Fail(path, $"缺少{what}。");
    }

    async Task<StrategyMap> ApplyAsync(FileScope f, MapFile file, CancellationToken ct)
    {
        var organisation = ResolveOrganisation(f, file.Organization);
        var rocYear = f.Required(file.PlanYear, "$.planYear", "計畫年度 planYear（民國年）");
        var year = f.Parse("$.planYear", () => RocYear.ToGregorian(rocYear));
        var map = await LoadOrCreateMapAsync(organisation, year, file, ct);

        ApplyDocument(map, file);
        if (file.Mission is not null) map.Mission = file.Mission;
        if (file.Vision is not null) map.Vision = file.Vision;
        if (file.CoreValues is not null) map.CoreValues = file.CoreValues;
        map.ExtraJson = ExtraFacts.Merge(map.ExtraJson, file.Extra);

        ApplyCityObjectives(f, map, file.CityObjectives ?? []);
        ApplyThemes(f, map, file.Themes ?? []);
        ApplyObjectives(f, map, file.Objectives ?? []);
        ApplyLinks(f, map, file.Links ?? []);
        ApplyKpis(f, map, file.Kpis ?? []);
        ApplyActionPlans(f, map, file.ActionPlans ?? []);
        ApplyTasks(f, map, file.Tasks ?? []);
        ApplyEvaluations(f, map, file.Evaluations ?? []);
        ApplyRevisions(f, map, file.Revisions ?? []);
        if (file.AchievementRules is not null) ApplyAchievementRules(f, map, file.AchievementRules);
        if (file.Scoring is not null) ApplyScoring(f, map, file.Scoring);
        ResolveOwners(f, map);
        await LinkLineageAsync(map, ct);
        return map;
    }

    void ApplyOrganisationList(FileScope f, List<OrganizationDto> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"$.organizations[{i}]";
            var organisation = ResolveOrganisation(f, items[i], path);
            if (items[i].Aliases is { } aliases)
                organisation.Aliases = aliases.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct().ToList();
        }
    }

    /// <summary>
    /// Every owner, co-owner and theme agency the map names resolves to an organisation (issue 6 §1):
    /// by name or alias; 「本組各機關」 means the theme's lead and co-agencies. A name that matches
    /// nothing becomes a new organisation under the map's own, and the import says so.
    /// </summary>
    void ResolveOwners(FileScope f, StrategyMap map)
    {
        var themeAgencies = new Dictionary<Theme, List<Guid>>();
        foreach (var theme in map.Themes)
        {
            var names = (theme.LeadUnit is null ? [] : new[] { theme.LeadUnit }).Concat(theme.CoUnits);
            themeAgencies[theme] = names.Select(n => OrganisationNamed(f, map, n, $"主題 {theme.Code} 的主協辦機關").Id).Distinct().ToList();
        }
        foreach (var kpi in map.Kpis)
        {
            var agencies = kpi.Objective.Theme is { } theme ? themeAgencies.GetValueOrDefault(theme) ?? [] : [];
            var wanted = KpiOwner.Wanted(kpi, agencies, name => OrganisationNamed(f, map, name, $"KPI {kpi.Code} 的主責機關").Id);
            foreach (var link in KpiOwner.Sync(kpi, wanted))
                db.Remove(link);
        }
    }

    Organisation OrganisationNamed(FileScope f, StrategyMap map, string text, string what)
    {
        var name = text.Trim();
        var owner = map.Organisation;
        if (ownerNames.TryGetValue((owner, name), out var known))
            return known;
        if (OrganisationNames.Resolve(name, owner, organisations) is { } found)
            return ownerNames[(owner, name)] = found;
        var level = owner.Level == OrganisationLevel.City ? OrganisationLevel.Bureau : OrganisationLevel.Unit;
        var created = FindOrAddOrganisation(name.StartsWith(owner.Name, StringComparison.Ordinal) ? name : owner.Name + name, level, owner);
        if (!created.Aliases.Contains(name) && created.Name != name)
            created.Aliases = [.. created.Aliases, name];
        warnings.Add(new ImportWarning(f.File, "$", $"{what}「{name}」不是已知的機關，已在「{owner.Name}」下新增「{created.Name}」，請確認。"));
        return ownerNames[(owner, name)] = created;
    }

    Organisation ResolveOrganisation(FileScope f, OrganizationDto? dto, string path = "$.organization")
    {
        if (dto is null)
            throw f.Fail(path, $"缺少機關資料 organization。");
        var name = f.Required(dto.Name, path + ".name", "機關名稱");
        var level = f.Parse(path + ".level", () => OrganisationTree.ParseLevel(f.Required(dto.Level, path + ".level", "機關層級")));
        var organisation = FindOrAddOrganisation(name, level);
        organisation.Level = level;
        organisation.ExtraJson = ExtraFacts.Merge(organisation.ExtraJson, dto.Extra);
        if (dto.Parent is not null)
        {
            var parent = organisations.FirstOrDefault(o => o.Name == dto.Parent)
                ?? FindOrAddOrganisation(dto.Parent, OrganisationTree.LevelOfNamedParent(dto.Parent), OrganisationTree.CityOwning(dto.Parent, organisations));
            f.Check(path + ".parent", () => OrganisationTree.CheckParent(organisation, parent));
            organisation.Parent = parent;
        }
        foreach (var orphan in OrganisationTree.OrphansOf(organisation, organisations).ToList())
            orphan.Parent = organisation;
        return organisation;
    }

    Organisation FindOrAddOrganisation(string name, OrganisationLevel level, Organisation? parent = null)
    {
        var found = organisations.FirstOrDefault(o => o.Name == name);
        if (found is not null)
            return found;
        // The key is set here, not by the database: owner links name organisations made in the same import.
        var created = new Organisation { Id = Guid.NewGuid(), Name = name, Level = level, Parent = parent };
        organisations.Add(created);
        db.Organisations.Add(created);
        return created;
    }

    /// <summary>
    /// The map a file's facts go to: the map of its plan year; or where that year has none and the file
    /// brings only facts (values, results) about KPIs of the map in force — the organisation's latest
    /// earlier map — that map, for that year (the Secretariat's 106 council report adds to its 105–107
    /// plan); else a new map for the year.
    /// </summary>
    async Task<StrategyMap> LoadOrCreateMapAsync(Organisation organisation, int year, MapFile file, CancellationToken ct)
    {
        if (maps.TryGetValue((organisation.Id, year), out var cached))
            return cached;
        var isNew = db.LastSeenState(organisation) == EntityState.Added;
        var map = isNew ? null : await LoadAsync(m => m.OrganisationId == organisation.Id && m.Year == year, ct);
        if (map is null && BringsFactsOnly(file) && await LatestBeforeAsync(organisation, year, isNew, ct) is { } inForce && NamesOnlyKpisOf(inForce, file))
            map = inForce;
        if (map is null)
        {
            map = new StrategyMap { Organisation = organisation, Year = year, IsDraft = NewMapsAreDrafts };
            db.Maps.Add(map);
        }
        maps[(organisation.Id, year)] = map;
        return map;
    }

    Task<StrategyMap?> LoadAsync(System.Linq.Expressions.Expression<Func<StrategyMap, bool>> which, CancellationToken ct) =>
        MapQueries.WithEverything(db.Maps).Include(m => m.Kpis).ThenInclude(k => k.OwnerLinks).FirstOrDefaultAsync(which, ct);

    /// <summary>
    /// The organisation's latest published map before the year, whether made in this import or stored
    /// (read once, and kept under its own year for the files that follow): the map in force for the
    /// year, and the previous version its new KPIs carry on.
    /// </summary>
    async Task<StrategyMap?> LatestBeforeAsync(Organisation organisation, int year, bool isNew, CancellationToken ct)
    {
        var made = maps.Where(m => m.Key.Item1 == organisation.Id && m.Value.Year < year && !m.Value.IsDraft).Select(m => m.Value).MaxBy(m => m.Year);
        var storedYear = isNew ? null : await db.Maps.Where(m => m.OrganisationId == organisation.Id && m.Year < year && !m.IsDraft)
            .MaxAsync(m => (int?)m.Year, ct);
        if (storedYear is not { } y || made is not null && made.Year >= y)
            return made;
        if (maps.TryGetValue((organisation.Id, y), out var loaded))
            return loaded;
        var stored = await LoadAsync(m => m.OrganisationId == organisation.Id && m.Year == y, ct);
        maps[(organisation.Id, y)] = stored!;
        return stored;
    }

    /// <summary>
    /// A KPI new to a map carries on the KPI of the same name in the organisation's previous map, and
    /// takes its lineage: codes are renumbered from year to year (107 DC1.2 失業率 is 108 DC1.1), names
    /// stay. A name the previous map has twice, or a KPI already carried on, links nothing.
    /// </summary>
    async Task LinkLineageAsync(StrategyMap map, CancellationToken ct)
    {
        // New rows are not tracked yet (Detached) until the change tracker next looks.
        var added = map.Kpis.Where(k => k.ParentId is null && k.Parent is null && db.LastSeenState(k) is EntityState.Added or EntityState.Detached).ToList();
        if (LineageByCode is not null)
        {
            foreach (var kpi in added)
                if (LineageByCode.TryGetValue(kpi.Code, out var carried))
                    kpi.LineageId = carried;
            return;
        }
        if (added.Count == 0) return;
        var previous = await LatestBeforeAsync(map.Organisation, map.Year, db.LastSeenState(map.Organisation) == EntityState.Added, ct);
        if (previous is null) return;
        var byName = previous.Kpis.Where(k => k.ParentId is null && k.Parent is null)
            .GroupBy(k => SameName(k.Name)).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().LineageId);
        var taken = map.Kpis.Where(k => !added.Contains(k)).Select(k => k.LineageId).ToHashSet();
        foreach (var kpi in added)
            if (byName.TryGetValue(SameName(kpi.Name), out var lineage) && taken.Add(lineage))
                kpi.LineageId = lineage;
    }

    static string SameName(string name) => string.Concat(name.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>A file with no structure of its own: no themes, objectives, links or statements.</summary>
    static bool BringsFactsOnly(MapFile file) =>
        file.Themes is not { Count: > 0 } && file.Objectives is not { Count: > 0 } && file.CityObjectives is not { Count: > 0 }
        && file.Links is not { Count: > 0 } && file.Mission is null && file.Vision is null && file.CoreValues is null;

    /// <summary>Whether every KPI the file names (its KPIs, results, action plans) is one of the map's, and it names at least one.</summary>
    static bool NamesOnlyKpisOf(StrategyMap map, MapFile file)
    {
        var kpiCodes = (file.Kpis ?? []).Select(k => k.Code).Concat((file.Evaluations ?? []).Select(e => e.Kpi)).OfType<string>().ToList();
        var planCodes = (file.ActionPlans ?? []).Select(a => a.Code).OfType<string>().ToList();
        var tops = map.Kpis.Where(k => k.ParentId is null).ToList();
        return kpiCodes.Count + planCodes.Count > 0
            && kpiCodes.All(c => Codes.Find(tops, k => k.Code, c) is not null)
            && planCodes.All(c => Codes.Find(map.ActionPlans, a => a.Code, c) is not null);
    }

    static int Next<T>(IEnumerable<T> items, Func<T, int> ordinal) => items.Select(ordinal).DefaultIfEmpty(-1).Max() + 1;

    static void ApplyDocument(StrategyMap map, MapFile file)
    {
        if (file.Source is null && file.Title is null && file.Notes is null)
            return;
        var doc = map.Documents.FirstOrDefault(d => d.Source == file.Source && d.Title == file.Title);
        if (doc is null)
        {
            doc = new MapDocument { Source = file.Source, Title = file.Title, Ordinal = Next(map.Documents, d => d.Ordinal) };
            map.Documents.Add(doc);
        }
        if (file.Notes is not null) doc.Notes = file.Notes;
    }

    static void ApplyCityObjectives(FileScope f, StrategyMap map, List<CityObjectiveDto> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var dto = items[i];
            var path = $"$.cityObjectives[{i}]";
            var code = f.Required(dto.Code, path + ".code", "代碼");
            var perspective = f.Parse(path + ".perspective", () => Perspective.Parse(f.Required(dto.Perspective, path + ".perspective", "構面"))).Code;
            var objective = Codes.Find(map.Objectives, o => o.Code, code);
            if (objective is null)
            {
                objective = new Objective { Code = code, Name = "", Perspective = perspective, Ordinal = Next(map.Objectives, o => o.Ordinal) };
                map.Objectives.Add(objective);
            }
            objective.Theme = null;
            objective.ThemeId = null;
            objective.Perspective = perspective;
            objective.Name = f.Required(dto.Name, path + ".name", "名稱");
            objective.ExtraJson = ExtraFacts.Merge(objective.ExtraJson, dto.Extra);
        }
    }

    static void ApplyThemes(FileScope f, StrategyMap map, List<ThemeDto> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var dto = items[i];
            var path = $"$.themes[{i}]";
            var code = f.Required(dto.Code, path + ".code", "主題代碼");
            var theme = map.Themes.FirstOrDefault(t => t.Code == code);
            if (theme is null)
            {
                theme = new Theme { Code = code, Name = "", Ordinal = Next(map.Themes, t => t.Ordinal) };
                map.Themes.Add(theme);
            }
            theme.Name = f.Required(dto.Name, path + ".name", "主題名稱");
            if (dto.LeadUnit is not null) theme.LeadUnit = dto.LeadUnit;
            if (dto.CoUnits is not null) theme.CoUnits = dto.CoUnits;
            if (dto.ReportedCounts is { } counts)
            {
                theme.ReportedObjectives = counts.Objectives ?? theme.ReportedObjectives;
                theme.ReportedKpis = counts.Kpis ?? theme.ReportedKpis;
                theme.ReportedActionPlans = counts.ActionPlans ?? theme.ReportedActionPlans;
                theme.ExtraJson = ExtraFacts.Merge(theme.ExtraJson, ExtraFacts.Nest("reportedCounts", counts.Extra));
            }
            if (dto.Notes is not null) theme.Notes = dto.Notes;
            theme.ExtraJson = ExtraFacts.Merge(theme.ExtraJson, dto.Extra);
        }
    }

    void ApplyObjectives(FileScope f, StrategyMap map, List<ObjectiveDto> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var dto = items[i];
            var path = $"$.objectives[{i}]";
            var code = f.Required(dto.Code, path + ".code", "策略目標代碼");
            var themeCode = f.Required(dto.Theme, path + ".theme", "所屬主題");
            var theme = map.Themes.FirstOrDefault(t => t.Code == themeCode)
                ?? throw f.Fail(path + ".theme", $"主題「{themeCode}」不在 {map.Organisation.Name} {map.RocYear} 年的策略地圖中。");
            var perspective = f.Parse(path + ".perspective", () => Perspective.Parse(f.Required(dto.Perspective, path + ".perspective", "構面"))).Code;
            var objective = Codes.Find(map.Objectives, o => o.Code, code);
            if (objective is null)
            {
                objective = new Objective { Code = code, Name = "", Perspective = perspective, Ordinal = Next(map.Objectives, o => o.Ordinal) };
                map.Objectives.Add(objective);
            }
            objective.Theme = theme;
            objective.Perspective = perspective;
            objective.Name = f.Required(dto.Name, path + ".name", "策略目標名稱");
            if (dto.KeySuccessFactor is not null) objective.KeySuccessFactor = dto.KeySuccessFactor;
            if (dto.ParentCode is not null) objective.ParentCode = dto.ParentCode;
            if (dto.Notes is not null) objective.Notes = dto.Notes;
            objective.ExtraJson = ExtraFacts.Merge(objective.ExtraJson, dto.Extra);
            foreach (var w in Codes.CheckObjective(code, theme.Code, perspective))
                warnings.Add(new ImportWarning(f.File, path + ".code", w));
        }
    }

    static void ApplyLinks(FileScope f, StrategyMap map, List<LinkDto> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var dto = items[i];
            var path = $"$.links[{i}]";
            var from = f.Required(dto.From, path + ".from", "起點策略目標");
            var to = f.Required(dto.To, path + ".to", "終點策略目標");
            foreach (var (code, p) in new[] { (from, ".from"), (to, ".to") })
                if (map.Objectives.All(o => o.Code != code))
                    throw f.Fail(path + p, $"策略目標「{code}」不在此策略地圖中。");
            var link = map.Links.FirstOrDefault(l => l.FromCode == from && l.ToCode == to);
            if (link is null)
            {
                link = new ObjectiveLink { FromCode = from, ToCode = to, Ordinal = Next(map.Links, l => l.Ordinal) };
                map.Links.Add(link);
            }
            link.ExtraJson = ExtraFacts.Merge(link.ExtraJson, dto.Extra);
        }
    }

    void ApplyKpis(FileScope f, StrategyMap map, List<KpiDto> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var dto = items[i];
            var path = $"$.kpis[{i}]";
            var code = f.Required(dto.Code, path + ".code", "KPI 代碼");
            var objectiveCode = f.Required(dto.Objective, path + ".objective", "所屬策略目標");
            var objective = Codes.Find(map.Objectives, o => o.Code, objectiveCode)
                ?? throw f.Fail(path + ".objective", $"策略目標「{objectiveCode}」不在 {map.Organisation.Name} {map.RocYear} 年的策略地圖中。");
            var kpi = Codes.Find(map.Kpis.Where(k => k.ParentId is null && k.Parent is null), k => k.Code, code);
            if (kpi is null)
            {
                kpi = new Kpi { Code = code, Name = "", Ordinal = Next(map.Kpis, k => k.Ordinal) };
                map.Kpis.Add(kpi);
            }
            kpi.Objective = objective;
            ApplyKpiFields(f, path, kpi, dto);
            ApplyParts(f, path, map, objective, kpi, dto.SubValues);
            foreach (var w in Codes.CheckKpi(code, objectiveCode))
                warnings.Add(new ImportWarning(f.File, path + ".code", w));
        }
    }

    void ApplyKpiFields(FileScope f, string path, Kpi kpi, KpiDto dto)
    {
        kpi.Name = f.Required(dto.Name, path + ".name", "名稱");
        if (dto.Formula is not null) kpi.Formula = dto.Formula;
        if (dto.Unit is not null) kpi.Unit = dto.Unit;
        if (dto.Direction is not null) kpi.Direction = f.Parse(path + ".direction", () => Directions.Parse(dto.Direction));
        if (dto.Threshold is not null) kpi.Threshold = dto.Threshold;
        if (dto.Owners is not null) kpi.Owners = dto.Owners;
        if (dto.CoOwners is not null) kpi.CoOwners = dto.CoOwners;
        if (dto.Weight is not null) kpi.Weight = dto.Weight;
        if (dto.Frequency is not null) kpi.Frequency = f.Parse(path + ".frequency", () => Frequencies.Parse(dto.Frequency));
        if (dto.Aggregation is not null) kpi.Aggregation = f.Parse(path + ".aggregation", () => Aggregations.Parse(dto.Aggregation));
        if (dto.Notes is not null) kpi.Notes = dto.Notes;
        if (dto.ComputedFrom is not null) kpi.ComputedFrom = f.Parse(path + ".computedFrom", () => Compositions.Parse(dto.ComputedFrom));
        if (dto.Milestones is not null) ApplyMilestones(f, path, kpi, dto.Milestones);
        kpi.ExtraJson = ExtraFacts.Merge(kpi.ExtraJson, dto.Extra);
        ApplyValues(f, path, kpi, dto.Values ?? []);
    }

    /// <summary>The file's steps replace the KPI's.</summary>
    void ApplyMilestones(FileScope f, string kpiPath, Kpi kpi, List<MilestoneDto> items)
    {
        var steps = new List<(string Name, decimal Points)>();
        for (var j = 0; j < items.Count; j++)
        {
            var path = $"{kpiPath}.milestones[{j}]";
            var name = f.Required(items[j].Name, path + ".name", "里程碑名稱").Trim();
            if (steps.Any(s => s.Name == name))
                throw new ImportException(f.File, path + ".name", $"里程碑「{name}」重複。");
            steps.Add((name, f.Required(items[j].Points, path + ".points", "里程碑配分")));
        }
        db.RemoveRange(KpiMilestone.Replace(kpi, steps));
    }

    void ApplyValues(FileScope f, string kpiPath, Kpi kpi, List<ValueDto> items)
    {
        for (var j = 0; j < items.Count; j++)
        {
            var dto = items[j];
            var path = $"{kpiPath}.values[{j}]";
            if (dto.State is { } state && state != "published")
            {
                // An export for a signed-in reader carries drafts and submissions; only published figures are data to import.
                warnings.Add(new ImportWarning(f.File, path + ".state", $"未發布的數值（{state}）不匯入。"));
                continue;
            }
            var rocYear = f.Required(dto.Year, path + ".year", "年度");
            var year = f.Parse(path + ".year", () => RocYear.ToGregorian(rocYear));
            var period = f.Parse(path + ".period", () => Periods.Parse(f.Required(dto.Period, path + ".period", "期別")));
            var kind = f.Parse(path + ".kind", () => Periods.ParseKind(f.Required(dto.Kind, path + ".kind", "數值種類（target 或 actual）")));
            f.Check(path, () => KpiValue.CheckHasContent(dto.Value, dto.Status));
            var value = kpi.Values.FirstOrDefault(v => v.Year == year && v.Period == period && v.Kind == kind);
            if (value is null)
            {
                value = new KpiValue { Year = year, Period = period, Kind = kind, Ordinal = Next(kpi.Values, v => v.Ordinal) };
                kpi.Values.Add(value);
            }
            value.Number = dto.Value;
            value.Status = string.IsNullOrWhiteSpace(dto.Status) ? null : dto.Status;
            value.Raw = dto.Raw;
            if (dto.Note is not null) value.Note = dto.Note;
            value.ExtraJson = ExtraFacts.Merge(value.ExtraJson, dto.Extra);
        }
    }

    void ApplyParts(FileScope f, string kpiPath, StrategyMap map, Objective objective, Kpi kpi, List<KpiDto>? parts)
    {
        if (parts is null)
            return;
        // Parts are matched by position: the documents repeat a part's code (BF1.1 is printed
        // seven times, once per agency).
        var existing = kpi.Parts.OrderBy(p => p.Ordinal).ToList();
        for (var i = 0; i < parts.Count; i++)
        {
            var path = $"{kpiPath}.subValues[{i}]";
            var code = f.Required(parts[i].Code, path + ".code", "分項代碼");
            var part = i < existing.Count ? existing[i] : null;
            if (part is null)
            {
                part = new Kpi { Code = code, Name = "", Parent = kpi, Objective = objective, Ordinal = i };
                kpi.Parts.Add(part);
                map.Kpis.Add(part);
            }
            part.Code = code;
            part.Ordinal = i;
            part.Objective = objective;
            ApplyKpiFields(f, path, part, parts[i]);
        }
        foreach (var extra in existing.Skip(parts.Count))
        {
            kpi.Parts.Remove(extra);
            map.Kpis.Remove(extra);
            db.Remove(extra);
        }
    }

    void ApplyActionPlans(FileScope f, StrategyMap map, List<ActionPlanDto> items)
    {
        var touchedKpis = new HashSet<Kpi>();
        for (var i = 0; i < items.Count; i++)
        {
            var dto = items[i];
            var path = $"$.actionPlans[{i}]";
            var code = f.Required(dto.Code, path + ".code", "行動方案代碼");
            var kpiCode = f.Required(dto.Kpi, path + ".kpi", "所屬 KPI");
            var kpi = Codes.Find(map.Kpis.Where(k => k.Parent is null), k => k.Code, kpiCode)
                ?? throw f.Fail(path + ".kpi", $"KPI「{kpiCode}」不在 {map.Organisation.Name} {map.RocYear} 年的策略地圖中。");
            // The documents reuse a plan code under two KPIs (GP2.5.1), so a plan is known by KPI and code.
            var plan = Codes.Find(map.ActionPlans.Where(a => a.Kpi == kpi), a => a.Code, code);
            if (plan is null)
            {
                plan = new ActionPlan { Code = code, Name = "", Kpi = kpi, Ordinal = Next(map.ActionPlans, a => a.Ordinal) };
                map.ActionPlans.Add(plan);
            }
            plan.Name = f.Required(dto.Name, path + ".name", "行動方案名稱");
            if (dto.Owners is not null) plan.Owners = dto.Owners;
            if (dto.Weight is not null) plan.Weight = dto.Weight;
            if (dto.Notes is not null) plan.Notes = dto.Notes;
            plan.ExtraJson = ExtraFacts.Merge(plan.ExtraJson, dto.Extra);
            var budgets = dto.Budgets ?? [];
            for (var j = 0; j < budgets.Count; j++)
            {
                var bpath = $"{path}.budgets[{j}]";
                var rocYear = f.Required(budgets[j].Year, bpath + ".year", "預算年度");
                var year = f.Parse(bpath + ".year", () => RocYear.ToGregorian(rocYear));
                var amount = f.Required(budgets[j].Amount, bpath + ".amount", "預算金額");
                if (amount < 0)
                    throw f.Fail(bpath + ".amount", $"預算金額不能是負數。");
                var budget = plan.Budgets.FirstOrDefault(x => x.Year == year);
                if (budget is null)
                {
                    budget = new ActionPlanBudget { Year = year, Ordinal = Next(plan.Budgets, x => x.Ordinal) };
                    plan.Budgets.Add(budget);
                }
                budget.Amount = amount;
                budget.ExtraJson = ExtraFacts.Merge(budget.ExtraJson, budgets[j].Extra);
            }
            foreach (var w in Codes.CheckActionPlan(code, kpiCode))
                warnings.Add(new ImportWarning(f.File, path + ".code", w));
            touchedKpis.Add(kpi);
        }
        foreach (var kpi in touchedKpis)
            if (Codes.CheckActionPlanCount(kpi.Code, map.ActionPlans.Count(a => a.Kpi == kpi)) is { } w)
                warnings.Add(new ImportWarning(f.File, "$.actionPlans", w));
    }

    static void ApplyTasks(FileScope f, StrategyMap map, List<TaskDto> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var dto = items[i];
            var path = $"$.tasks[{i}]";
            var planCode = f.Required(dto.ActionPlan, path + ".actionPlan", "行動方案代碼");
            var name = f.Required(dto.Name, path + ".name", "工作項目名稱");
            var badMonth = dto.Months?.Where(m => m is < 1 or > 12).Cast<int?>().FirstOrDefault();
            if (badMonth is not null)
                throw f.Fail(path + ".months", $"月份 {badMonth} 不在 1–12 之間。");
            var task = map.Tasks.FirstOrDefault(t => t.ActionPlanCode == planCode && t.Name == name && t.Group == dto.Group);
            if (task is null)
            {
                task = new ScheduledTask { ActionPlanCode = planCode, Name = name, Group = dto.Group, Ordinal = Next(map.Tasks, t => t.Ordinal) };
                map.Tasks.Add(task);
            }
            if (dto.Months is not null) task.Months = dto.Months;
            task.ExtraJson = ExtraFacts.Merge(task.ExtraJson, dto.Extra);
        }
    }

    static void ApplyEvaluations(FileScope f, StrategyMap map, List<EvaluationDto> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var dto = items[i];
            var path = $"$.evaluations[{i}]";
            var rocYear = f.Required(dto.Year, path + ".year", "年度");
            var year = f.Parse(path + ".year", () => RocYear.ToGregorian(rocYear));
            foreach (var (score, name) in new[] { (dto.Innovation, "innovation"), (dto.Challenge, "challenge"), (dto.Contribution, "contribution") })
                if (score is < 0 or > 100)
                    throw f.Fail($"{path}.{name}", $"自評分數 {score} 不在 0–100 之間。");
            var evaluation = map.Evaluations.FirstOrDefault(e => e.KpiCode == dto.Kpi && e.Year == year && e.Part == dto.Part && e.Section == dto.Section);
            if (evaluation is null)
            {
                evaluation = new Evaluation { KpiCode = dto.Kpi, Year = year, Part = dto.Part, Section = dto.Section, Ordinal = Next(map.Evaluations, e => e.Ordinal) };
                map.Evaluations.Add(evaluation);
            }
            evaluation.ThemeCode = dto.Theme;
            evaluation.Direction = dto.Direction is null ? null : f.Parse(path + ".direction", () => Directions.Parse(dto.Direction));
            evaluation.AchievementReportedDecimals = PrintedDecimals(dto);
            evaluation.InnovationNarrative = dto.InnovationNarrative;
            evaluation.ChallengeNarrative = dto.ChallengeNarrative;
            evaluation.ContributionNarrative = dto.ContributionNarrative;
            evaluation.SituationAnalysis = dto.Explanation?.SituationAnalysis;
            evaluation.Countermeasures = dto.Explanation?.Countermeasures;
            evaluation.Target = dto.Target;
            evaluation.Actual = dto.Actual;
            evaluation.AchievementReported = dto.AchievementReported;
            evaluation.Innovation = dto.Innovation;
            evaluation.Challenge = dto.Challenge;
            evaluation.Contribution = dto.Contribution;
            evaluation.WeightedAverage = dto.WeightedAverage;
            evaluation.Light = dto.Light;
            evaluation.AchievedFlag = dto.AchievedFlag;
            evaluation.Notes = dto.Notes;
            evaluation.ExtraJson = ExtraFacts.Merge(evaluation.ExtraJson, dto.Extra);
            evaluation.ExtraJson = ExtraFacts.Merge(evaluation.ExtraJson, ExtraFacts.Nest("explanation", dto.Explanation?.Extra));
        }
    }

    /// <summary>The decimals of the printed achievement: from its text ("105.6%") where given, else the number as written.</summary>
    static int? PrintedDecimals(EvaluationDto dto)
    {
        if (dto.AchievementReported is not { } reported)
            return null;
        var printed = dto.Extra?.GetValueOrDefault("achievementRaw") is { ValueKind: JsonValueKind.String } raw
            ? raw.GetString()!
            : reported.ToString(System.Globalization.CultureInfo.InvariantCulture);   // a decimal keeps the digits it was written with
        return Achievement.PrintedDecimals(printed);
    }

    static void ApplyRevisions(FileScope f, StrategyMap map, List<RevisionDto> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var dto = items[i];
            var path = $"$.revisions[{i}]";
            var rocYear = f.Required(dto.Year, path + ".year", "年度");
            var year = f.Parse(path + ".year", () => RocYear.ToGregorian(rocYear));
            var change = f.Required(dto.Change, path + ".change", "修正類別");
            var revision = map.Revisions.FirstOrDefault(r => r.Year == year && r.Change == change && r.Code == dto.Code);
            if (revision is null)
            {
                revision = new Revision { Year = year, Change = change, Code = dto.Code, Ordinal = Next(map.Revisions, r => r.Ordinal) };
                map.Revisions.Add(revision);
            }
            revision.Before = dto.Before;
            revision.After = dto.After;
            revision.Reason = dto.Reason;
            revision.ExtraJson = ExtraFacts.Merge(revision.ExtraJson, dto.Extra);
        }
    }

    /// <summary>The rules are one setting of the map: a file that states them states all of them.</summary>
    void ApplyAchievementRules(FileScope f, StrategyMap map, List<AchievementRuleDto> items)
    {
        var existing = map.AchievementRules.OrderBy(r => r.Ordinal).ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var dto = items[i];
            var path = $"$.achievementRules[{i}]";
            var rule = i < existing.Count ? existing[i] : null;
            if (rule is null)
            {
                rule = new AchievementRule { Ordinal = i };
                map.AchievementRules.Add(rule);
            }
            rule.ThemeCode = dto.Theme;
            rule.KpiCode = dto.Kpi;
            rule.LowerIsBetter = dto.LowerIsBetter is null ? null : f.Parse(path + ".lowerIsBetter", () => AchievementRule.ParseLowerIsBetter(dto.LowerIsBetter));
            rule.CapSpecified = dto.Cap.ValueKind != JsonValueKind.Undefined;
            rule.Cap = dto.Cap.ValueKind switch
            {
                JsonValueKind.Undefined or JsonValueKind.Null => null,
                JsonValueKind.Number when dto.Cap.TryGetDecimal(out var cap) && cap > 0 => cap,
                _ => throw f.Fail(path + ".cap", $"上限 cap 應為正數，或 null（不設上限）。"),
            };
            rule.Rounding = dto.Rounding is null ? null : f.Parse(path + ".rounding", () => AchievementRule.ParseRounding(dto.Rounding));
            if (dto.Decimals is < 0 or > 6)
                throw f.Fail(path + ".decimals", $"小數位數 {dto.Decimals} 不在 0–6 之間。");
            rule.Decimals = dto.Decimals;
            rule.Notes = dto.Notes;
            rule.ExtraJson = ExtraFacts.Merge(null, dto.Extra);
        }
        foreach (var extra in existing.Skip(items.Count))
        {
            map.AchievementRules.Remove(extra);
            db.Remove(extra);
        }
    }

    void ApplyScoring(FileScope f, StrategyMap map, ScoringDto dto)
    {
        var s = map.Scoring ??= new ScoringSettings();
        if (dto.Weights is { } w)
        {
            s.AchievementWeight = w.Achievement;
            s.InnovationWeight = w.Innovation;
            s.ChallengeWeight = w.Challenge;
            s.ContributionWeight = w.Contribution;
            foreach (var (weight, name) in new[] { (w.Achievement, "achievement"), (w.Innovation, "innovation"), (w.Challenge, "challenge"), (w.Contribution, "contribution") })
                if (weight is < 0 or > 1)
                    throw f.Fail($"$.scoring.weights.{name}", $"權重 {weight} 應介於 0 與 1 之間。");
        }
        s.AchievementCap = dto.AchievementCap ?? s.AchievementCap;
        s.UnknownLabel = dto.UnknownLabel ?? s.UnknownLabel;
        s.UnknownSymbol = dto.UnknownSymbol ?? s.UnknownSymbol;
        s.Notes = dto.Notes ?? s.Notes;
        s.ExtraJson = ExtraFacts.Merge(s.ExtraJson, dto.Extra);
        s.ExtraJson = ExtraFacts.Merge(s.ExtraJson, ExtraFacts.Nest("weights", dto.Weights?.Extra));
        if (dto.Lights is null)
            return;
        var existing = s.Lights.OrderBy(l => l.Ordinal).ToList();
        for (var i = 0; i < dto.Lights.Count; i++)
        {
            var label = f.Required(dto.Lights[i].Label, $"$.scoring.lights[{i}].label", "燈號名稱");
            var light = i < existing.Count ? existing[i] : null;
            if (light is null)
            {
                light = new ScoringLight { Label = label, Ordinal = i };
                s.Lights.Add(light);
            }
            light.Label = label;
            light.Symbol = dto.Lights[i].Symbol;
            light.Min = dto.Lights[i].Min;
        }
        foreach (var extra in existing.Skip(dto.Lights.Count))
        {
            s.Lights.Remove(extra);
            db.Remove(extra);
        }
    }
}
