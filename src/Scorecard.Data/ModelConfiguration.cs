using Microsoft.EntityFrameworkCore;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Organisations;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Reports;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;

namespace Scorecard.Data;

/// <summary>Table shapes shared by both providers. Enums are stored as their names, to read in SQL.</summary>
static class ModelConfiguration
{
    public static void Apply(ModelBuilder b)
    {
        foreach (var type in b.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType)).ToList())
            b.Entity(type.ClrType).Property(nameof(Entity.Version)).IsConcurrencyToken();

        b.Entity<Organisation>(e =>
        {
            e.HasIndex(o => o.Name).IsUnique();
            e.Property(o => o.Level).HasConversion<string>().HasMaxLength(16);
            e.HasOne(o => o.Parent).WithMany(o => o.Children).HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<StrategyMap>(e =>
        {
            e.HasIndex(m => new { m.OrganisationId, m.Year }).IsUnique();
            e.Ignore(m => m.ViewYear);
            e.HasOne(m => m.Organisation).WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(m => m.Documents).WithOne().HasForeignKey(d => d.MapId);
            e.HasMany(m => m.Themes).WithOne().HasForeignKey(t => t.MapId);
            e.HasMany(m => m.Objectives).WithOne().HasForeignKey(o => o.MapId);
            e.HasMany(m => m.Links).WithOne().HasForeignKey(l => l.MapId);
            e.HasMany(m => m.Kpis).WithOne().HasForeignKey(k => k.MapId);
            e.HasMany(m => m.ActionPlans).WithOne().HasForeignKey(a => a.MapId);
            e.HasMany(m => m.Tasks).WithOne().HasForeignKey(t => t.MapId);
            e.HasMany(m => m.Evaluations).WithOne().HasForeignKey(v => v.MapId);
            e.HasMany(m => m.Revisions).WithOne().HasForeignKey(r => r.MapId);
            e.HasMany(m => m.AchievementRules).WithOne().HasForeignKey(r => r.MapId);
            e.HasOne(m => m.Scoring).WithOne().HasForeignKey<ScoringSettings>(s => s.MapId);
            e.Ignore(m => m.RocYear);
        });

        b.Entity<ContentStamp>().HasData(new ContentStamp { Id = ContentStamp.TheRow, Value = 0 });

        b.Entity<Theme>().HasIndex(t => new { t.MapId, t.Code }).IsUnique();

        b.Entity<Objective>(e =>
        {
            e.HasIndex(o => new { o.MapId, o.Code }).IsUnique();
            e.HasOne(o => o.Theme).WithMany().HasForeignKey(o => o.ThemeId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(o => o.Kpis).WithOne(k => k.Objective).HasForeignKey(k => k.ObjectiveId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Kpi>(e =>
        {
            e.HasIndex(k => new { k.MapId, k.Code });
            e.HasIndex(k => k.LineageId);
            e.Property(k => k.Direction).HasConversion<string>().HasMaxLength(16);
            e.Property(k => k.Frequency).HasConversion<string>().HasMaxLength(16);
            e.Property(k => k.Aggregation).HasConversion<string>().HasMaxLength(16);
            e.HasOne(k => k.Parent).WithMany(k => k.Parts).HasForeignKey(k => k.ParentId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(k => k.Values).WithOne().HasForeignKey(v => v.KpiId);
            e.HasMany(k => k.OwnerLinks).WithOne().HasForeignKey(o => o.KpiId);
            e.HasMany(k => k.Milestones).WithOne().HasForeignKey(m => m.KpiId);
            e.Property(k => k.ComputedFrom).HasConversion<string>().HasMaxLength(16);
            e.Ignore(k => k.IsPart);
        });

        b.Entity<KpiOwner>(e =>
        {
            e.HasIndex(o => new { o.KpiId, o.OrganisationId }).IsUnique();
            e.HasIndex(o => o.OrganisationId);
            e.HasOne<Organisation>().WithMany().HasForeignKey(o => o.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<RoleAssignment>(e =>
        {
            e.HasIndex(r => new { r.UserId, r.Role, r.OrganisationId }).IsUnique();
            e.Property(r => r.Role).HasConversion<string>().HasMaxLength(16);
            e.HasOne<ScorecardUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<ReportingPeriod>(e =>
        {
            e.HasIndex(p => new { p.MapId, p.Year, p.Period }).IsUnique();
            e.Property(p => p.Period).HasConversion<string>().HasMaxLength(4);
            e.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
            e.HasOne<StrategyMap>().WithMany().HasForeignKey(p => p.MapId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<ReminderSent>(e =>
        {
            e.HasIndex(r => new { r.Recipient, r.Kind, r.About }).IsUnique();
            e.Property(r => r.Recipient).HasMaxLength(256);
            e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.About).HasMaxLength(200);
        });

        b.Entity<Submission>(e =>
        {
            e.HasIndex(s => new { s.KpiId, s.Year, s.Period }).IsUnique();
            e.Property(s => s.Period).HasConversion<string>().HasMaxLength(4);
            e.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Kpi>().WithMany().HasForeignKey(s => s.KpiId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<EvaluationRound>(e =>
        {
            e.HasIndex(r => new { r.MapId, r.Year }).IsUnique();
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            e.HasOne<StrategyMap>().WithMany().HasForeignKey(r => r.MapId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<SelfAssessmentEntry>(e =>
        {
            e.HasIndex(s => new { s.KpiId, s.Year }).IsUnique();
            e.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
            e.Ignore(s => s.StateLabel);
            e.HasOne<Kpi>().WithMany().HasForeignKey(s => s.KpiId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<KpiValue>(e =>
        {
            e.HasIndex(v => new { v.KpiId, v.Year, v.Period, v.Kind }).IsUnique();
            e.Property(v => v.Period).HasConversion<string>().HasMaxLength(4);
            e.Property(v => v.Kind).HasConversion<string>().HasMaxLength(8);
        });

        b.Entity<ActionPlan>(e =>
        {
            e.HasOne(a => a.Kpi).WithMany().HasForeignKey(a => a.KpiId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(a => new { a.KpiId, a.Code }).IsUnique();
            e.HasMany(a => a.Budgets).WithOne().HasForeignKey(x => x.ActionPlanId);
        });

        b.Entity<ScoringSettings>().HasMany(s => s.Lights).WithOne().HasForeignKey(l => l.ScoringSettingsId);

        b.Entity<AchievementRule>(e =>
        {
            e.Property(r => r.LowerIsBetter).HasConversion<string>().HasMaxLength(32);
            e.Property(r => r.Rounding).HasConversion<string>().HasMaxLength(16);
        });

        b.Entity<Evaluation>().Property(v => v.Direction).HasConversion<string>().HasMaxLength(16);

        b.Entity<ReportEdition>(e =>
        {
            e.HasIndex(r => new { r.OrganisationId, r.Kind, r.Year, r.Period }).IsUnique();
            e.Property(r => r.Kind).HasMaxLength(16);
            e.Property(r => r.Period).HasConversion<string>().HasMaxLength(4);
            e.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Sections).WithOne().HasForeignKey(s => s.EditionId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<ReportSection>(e =>
        {
            e.Property(s => s.Title).HasMaxLength(ReportSection.MaxTitle);
            e.Property(s => s.Body).HasMaxLength(ReportSection.MaxBody);
        });

        b.Entity<AuditEntry>(e =>
        {
            e.HasIndex(a => new { a.Entity, a.EntityId });
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.MapId, a.At });
            e.HasIndex(a => new { a.KpiId, a.At });
        });
    }
}
