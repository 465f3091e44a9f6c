using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Organisations;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Reports;
using Scorecard.Domain.Revisions;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;

namespace Scorecard.Data;

/// <summary>
/// The one place every write goes through: <see cref="SaveChangesAsync(bool, CancellationToken)"/>
/// bumps each changed row's version (the concurrency token) and records an audit entry
/// (who, when, what, before, after) in the same transaction as the change. Accounts (ASP.NET Core
/// Identity) and the data-protection keys live in the same database, so sign-ins survive a restart
/// and work across several app instances.
/// </summary>
public class ScorecardDb(DbContextOptions<ScorecardDb> options, TimeProvider clock)
    : IdentityUserContext<ScorecardUser, Guid>(options), IDataProtectionKeyContext
{
    public const string SystemActor = "system";

    /// <summary>Who is making the change: the signed-in user's e-mail, or the system (start-up, command line).</summary>
    public string Actor { get; set; } = SystemActor;

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<KpiOwner> KpiOwners => Set<KpiOwner>();
    public DbSet<KpiMilestone> KpiMilestones => Set<KpiMilestone>();
    public DbSet<ReportingPeriod> ReportingPeriods => Set<ReportingPeriod>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<ReminderSent> RemindersSent => Set<ReminderSent>();
    public DbSet<EvaluationRound> EvaluationRounds => Set<EvaluationRound>();
    public DbSet<SelfAssessmentEntry> SelfAssessmentEntries => Set<SelfAssessmentEntry>();

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<StrategyMap> Maps => Set<StrategyMap>();
    public DbSet<MapDocument> MapDocuments => Set<MapDocument>();
    public DbSet<Theme> Themes => Set<Theme>();
    public DbSet<Objective> Objectives => Set<Objective>();
    public DbSet<ObjectiveLink> ObjectiveLinks => Set<ObjectiveLink>();
    public DbSet<Kpi> Kpis => Set<Kpi>();
    public DbSet<KpiValue> KpiValues => Set<KpiValue>();
    public DbSet<ActionPlan> ActionPlans => Set<ActionPlan>();
    public DbSet<ActionPlanBudget> ActionPlanBudgets => Set<ActionPlanBudget>();
    public DbSet<ScheduledTask> ScheduledTasks => Set<ScheduledTask>();
    public DbSet<Evaluation> Evaluations => Set<Evaluation>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<AchievementRule> AchievementRules => Set<AchievementRule>();
    public DbSet<ScoringSettings> ScoringSettings => Set<ScoringSettings>();
    public DbSet<ScoringLight> ScoringLights => Set<ScoringLight>();
    public DbSet<ReportEdition> ReportEditions => Set<ReportEdition>();
    public DbSet<ReportSection> ReportSections => Set<ReportSection>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ContentStamp> ContentStamps => Set<ContentStamp>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        ModelConfiguration.Apply(b);
    }

    /// <summary>
    /// Refused for product data: every write is audited in <see cref="SaveChangesAsync(bool, CancellationToken)"/>.
    /// The data-protection key ring is the one writer that saves synchronously, and only its keys.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ChangeTracker.DetectChanges();
        if (ChangeTracker.Entries().Any(e => e.State != EntityState.Unchanged && e.Entity is not DataProtectionKey))
            throw new NotSupportedException("Use SaveChangesAsync: every write is audited there.");
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        List<AuditEntry> audits;
        bool shown;
        using (PauseLookingForChanges())   // looked for once, above; Version++ is looked for again by the save itself
            (audits, shown) = await DescribeChangesAsync(cancellationToken);
        if (audits.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // The audit entries and the stamp are written in the change's own transaction, after its rows: the
        // stamp's row lock is held only to the commit.
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            await AuditWriter.InsertAsync(this, audits, cancellationToken);
            if (shown)
                await ContentStamp.BumpAsync(this, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
            return saved + audits.Count;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>
    /// The audit entries of the tracked changes (each changed row's version bumped), and whether any
    /// of them is shown on a page (then the content stamp moves).
    /// </summary>
    async Task<(List<AuditEntry> Audits, bool Shown)> DescribeChangesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var scope = await AuditScope.ReadAsync(this, ct);
        var audits = new List<AuditEntry>();
        var shown = false;
        foreach (var entry in ChangeTracker.Entries<Entity>().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            if (entry.State == EntityState.Modified)
            {
                if (!entry.Properties.Any(p => p.IsModified))
                    continue;
                entry.Entity.Version++;
            }
            if (entry.State != EntityState.Deleted)
                RefuseUnprintable(entry);
            shown |= ContentStamp.Moves(entry);
            var audit = Describe(entry, entry.Entity.Id, now);
            (audit.MapId, audit.KpiId) = scope.Of(entry);
            audits.Add(audit);
        }
        // Accounts are audited too, without their secrets.
        foreach (var entry in ChangeTracker.Entries<ScorecardUser>().ToList())
        {
            if (entry.State is EntityState.Added or EntityState.Deleted
                || (entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified && !Secret(p.Metadata.Name))))
                audits.Add(Describe(entry, entry.Entity.Id, now));
        }
        return (audits, shown);
    }

    /// <summary>
    /// A row's state as the change tracker last looked, without looking again: Entry() looks through
    /// the whole graph the row reaches, which asked for each KPI of a map is quadratic in its size.
    /// A row added to a tracked one's collection since is Detached.
    /// </summary>
    public EntityState LastSeenState(object entity)
    {
        using (PauseLookingForChanges())
            return Entry(entity).State;
    }

    /// <summary>
    /// Until disposed, the change tracker is read as it last looked: each Entries() or Entry() otherwise looks
    /// for changes again, through every tracked row (an import tracks a whole map's thousands).
    /// </summary>
    public IDisposable PauseLookingForChanges()
    {
        var resume = new ResumeLookingForChanges(ChangeTracker, ChangeTracker.AutoDetectChangesEnabled);
        ChangeTracker.AutoDetectChangesEnabled = false;
        return resume;
    }

    sealed class ResumeLookingForChanges(ChangeTracker tracker, bool detecting) : IDisposable
    {
        public void Dispose() => tracker.AutoDetectChangesEnabled = detecting;
    }

    /// <summary>
    /// The last guard for texts, whatever wrote them (form, API, import): a text too long, or with a
    /// character no page can print or PostgreSQL cannot store (a NUL, half a surrogate pair), is
    /// refused as bad input naming the field, rather than failing the write as a server error.
    /// Facts kept as JSON (ExtraJson) are checked as the file they came from was.
    /// </summary>
    static void RefuseUnprintable(EntityEntry entry)
    {
        foreach (var property in entry.Properties)
        {
            if (entry.State != EntityState.Added && !property.IsModified)
                continue;
            var json = property.Metadata.Name.EndsWith("Json", StringComparison.Ordinal);
            IEnumerable<string> texts = property.CurrentValue switch
            {
                string text => [text],
                IEnumerable<string> list => list,
                _ => [],
            };
            foreach (var text in texts)
                if (PrintableText.Problem(text, maxLength: json ? int.MaxValue : PrintableText.MaxLength) is { } problem)
                    throw new InvalidInputException(JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name), problem);
        }
    }

    static bool Secret(string property) =>
        property is nameof(IdentityUser.PasswordHash) or nameof(IdentityUser.SecurityStamp) or nameof(IdentityUser.ConcurrencyStamp);

    AuditEntry Describe(EntityEntry entry, Guid id, DateTime now)
    {
        string? Snapshot(Func<PropertyEntry, object?> pick) =>
            JsonSerializer.Serialize(entry.Properties
                .Where(p => p.Metadata.Name is not nameof(Entity.Id) && !Secret(p.Metadata.Name))
                .ToDictionary(p => p.Metadata.Name, pick), AuditJson);

        return new AuditEntry
        {
            At = now,
            Actor = Actor,
            Entity = entry.Metadata.ClrType.Name,
            EntityId = id,
            Action = entry.State switch
            {
                EntityState.Added => "create",
                EntityState.Deleted => "delete",
                _ => "update",
            },
            Before = entry.State == EntityState.Added ? null : Snapshot(p => p.OriginalValue),
            After = entry.State == EntityState.Deleted ? null : Snapshot(p => p.CurrentValue),
        };
    }

    // Enums by name: 「Target」, 「Q2」, 「Higher」 read in the 修改紀錄 as words, and mean the same after an enum gains a member.
    static readonly JsonSerializerOptions AuditJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}

/// <summary>
/// The map and the KPI a changed row belongs to, so that a map's and a KPI's 修改紀錄 find their rows,
/// deleted ones included. A row names its map or KPI itself, or through its parent. A part's changes
/// belong to its KPI.
/// </summary>
sealed class AuditScope
{
    readonly Dictionary<Guid, (Guid MapId, Guid? ParentId)> kpis;
    readonly Dictionary<Guid, ActionPlan> plans;
    readonly Dictionary<Guid, Guid> settings;

    AuditScope(Dictionary<Guid, (Guid, Guid?)> kpis, Dictionary<Guid, ActionPlan> plans, Dictionary<Guid, Guid> settings) =>
        (this.kpis, this.plans, this.settings) = (kpis, plans, settings);

    /// <summary>
    /// The KPIs the write has loaded, and those a changed row names without them loaded (a reporter's entry
    /// is saved against the map kept for everybody, untracked): the latter asked for together, in one query.
    /// </summary>
    public static async Task<AuditScope> ReadAsync(ScorecardDb db, CancellationToken ct)
    {
        var kpis = db.ChangeTracker.Entries<Kpi>().ToDictionary(e => e.Entity.Id, e => (e.Entity.MapId, e.Entity.ParentId));
        var named = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not Kpi)
            .Select(e => e.Metadata.FindProperty(nameof(KpiValue.KpiId)) is { } p ? e.Property(p.Name).CurrentValue as Guid? : null)
            .OfType<Guid>().Where(id => !kpis.ContainsKey(id)).Distinct().ToList();
        if (named.Count > 0)
            foreach (var k in await db.Kpis.AsNoTracking().Where(k => named.Contains(k.Id)).Select(k => new { k.Id, k.MapId, k.ParentId }).ToListAsync(ct))
                kpis[k.Id] = (k.MapId, k.ParentId);
        return new AuditScope(kpis,
            db.ChangeTracker.Entries<ActionPlan>().ToDictionary(e => e.Entity.Id, e => e.Entity),
            db.ChangeTracker.Entries<ScoringSettings>().ToDictionary(e => e.Entity.Id, e => e.Entity.MapId));
    }

    public (Guid? Map, Guid? Kpi) Of(EntityEntry entry) => entry.Entity switch
    {
        StrategyMap m => (m.Id, null),
        Kpi k => (k.MapId, k.ParentId ?? k.Id),
        ActionPlan a => (a.MapId, OfKpi(a.KpiId).Kpi),
        ActionPlanBudget b => plans.TryGetValue(b.ActionPlanId, out var p) ? (p.MapId, OfKpi(p.KpiId).Kpi) : (null, null),
        ScoringLight l => (settings.TryGetValue(l.ScoringSettingsId, out var m) ? m : null, null),
        _ when entry.Metadata.FindProperty(nameof(Kpi.MapId)) is { } map => ((Guid?)entry.Property(map.Name).CurrentValue, null),
        _ when entry.Metadata.FindProperty(nameof(KpiValue.KpiId)) is { } kpi => OfKpi((Guid)entry.Property(kpi.Name).CurrentValue!),
        _ => (null, null),
    };

    (Guid? Map, Guid? Kpi) OfKpi(Guid id) =>
        kpis.TryGetValue(id, out var k) ? (k.MapId, k.ParentId ?? id) : (null, id);
}

/// <summary>A person who signs in (e-mail as user name). What they may do is in <see cref="RoleAssignment"/> rows.</summary>
public class ScorecardUser : IdentityUser<Guid>;

/// <summary>One change to one row: who, when, what, and the row before and after.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public required string Entity { get; set; }
    public Guid EntityId { get; set; }
    public required string Action { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    /// <summary>The map the row belongs to, where it belongs to one.</summary>
    public Guid? MapId { get; set; }
    /// <summary>The KPI the row belongs to (a part's, its KPI), where it belongs to one.</summary>
    public Guid? KpiId { get; set; }
}
