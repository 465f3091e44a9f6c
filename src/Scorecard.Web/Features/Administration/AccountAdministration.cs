using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Organisations;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Features.Editing;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Administration;

/// <summary>An account as the administrator sees it: e-mail, whether it is locked, and its roles.</summary>
public sealed record AccountView(string Email, bool LockedOut, IReadOnlyList<RoleView> Roles);

public sealed record RoleView(WorkRole Role, string? Organisation);

public sealed record OrganisationInput(string? Name, string? Level, string? Parent, List<string>? Aliases);

/// <summary>
/// 系統管理者's work: accounts and their roles, and the organisations roles and KPI owners name.
/// Only the administrator may (401 signed out, 403 otherwise); every change is audited with their e-mail.
/// </summary>
public sealed class AccountAdministration(ScorecardDb db, UserManager<ScorecardUser> users, UserAccounts accounts, CurrentUser user, TimeProvider clock)
{
    async Task RequireAdministratorAsync(CancellationToken ct)
    {
        if (!user.IsSignedIn) throw new NotSignedInException();
        if (!await user.IsAdministratorAsync(ct))
            throw new AccessDeniedException($"您的角色不能管理帳號與機關（僅系統管理者）。");
    }

    public async Task<IReadOnlyList<AccountView>> AccountsAsync(CancellationToken ct = default)
    {
        await RequireAdministratorAsync(ct);
        var names = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var roles = (await db.RoleAssignments.AsNoTracking().ToListAsync(ct)).ToLookup(r => r.UserId);
        var now = clock.GetUtcNow();
        return (await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct))
            .Select(u => new AccountView(u.Email ?? u.UserName ?? "", u.LockoutEnd > now,
                roles[u.Id].OrderBy(r => r.Role).Select(r => new RoleView(r.Role, r.OrganisationId is { } o ? names.GetValueOrDefault(o) : null)).ToList()))
            .ToList();
    }

    /// <summary>A new account with one role; returns the generated password, shown once.</summary>
    public async Task<string> AddAccountAsync(string? email, string? role, string? organisation, CancellationToken ct = default)
    {
        await RequireAdministratorAsync(ct);
        return await accounts.AddAsync(Required(email, "email", "電子郵件"), Roles.Parse(Required(role, "role", "角色")), organisation, ct: ct);
    }

    public async Task<string> ResetPasswordAsync(string email, CancellationToken ct = default)
    {
        await RequireAdministratorAsync(ct);
        return await accounts.ResetPasswordAsync(email, ct);
    }

    public async Task GrantAsync(string email, string? role, string? organisation, CancellationToken ct = default)
    {
        await RequireAdministratorAsync(ct);
        var (account, parsed, organisationId) = await ResolveAsync(email, role, organisation, ct);
        if (await db.RoleAssignments.AnyAsync(r => r.UserId == account.Id && r.Role == parsed && r.OrganisationId == organisationId, ct))
            throw new InvalidInputException("role", $"「{email}」已有此角色。");
        db.RoleAssignments.Add(new RoleAssignment { UserId = account.Id, Role = parsed, OrganisationId = organisationId });
        await db.SaveChangesAsync(ct);
    }

    public async Task RevokeAsync(string email, string? role, string? organisation, CancellationToken ct = default)
    {
        await RequireAdministratorAsync(ct);
        var (account, parsed, organisationId) = await ResolveAsync(email, role, organisation, ct);
        var row = await db.RoleAssignments.FirstOrDefaultAsync(r => r.UserId == account.Id && r.Role == parsed && r.OrganisationId == organisationId, ct)
            ?? throw new NotFoundException($"「{email}」沒有此角色。");
        // The last administrator cannot take away their own way back in.
        if (parsed == WorkRole.Administrator && await db.RoleAssignments.CountAsync(r => r.Role == WorkRole.Administrator, ct) == 1)
            throw new WorkflowException($"這是最後一個系統管理者角色，不能移除；請先指定另一位系統管理者。");
        db.RoleAssignments.Remove(row);
        await db.SaveChangesAsync(ct);
    }

    async Task<(ScorecardUser, WorkRole, Guid?)> ResolveAsync(string email, string? role, string? organisation, CancellationToken ct)
    {
        var account = await users.FindByEmailAsync(email.Trim()) ?? throw new NotFoundException($"找不到帳號「{email}」。");
        var parsed = Roles.Parse(Required(role, "role", "角色"));
        if (parsed == WorkRole.Administrator)
            return (account, parsed, null);
        var name = Required(organisation, "organisation", $"{Roles.Label(parsed)}角色的機關");
        var found = OrganisationNames.Find(name, await db.Organisations.AsNoTracking().ToListAsync(ct))
            ?? throw new InvalidInputException("organisation", $"找不到機關「{name}」（或簡稱不只一個機關使用）。");
        return (account, parsed, found.Id);
    }

    public async Task<Organisation> AddOrganisationAsync(OrganisationInput input, CancellationToken ct = default)
    {
        await RequireAdministratorAsync(ct);
        return await AddOrganisationAsync(db, input, ct);
    }

    /// <summary>The write itself, once the administrator is known (or for the command line, whose operator has the server).</summary>
    internal static async Task<Organisation> AddOrganisationAsync(ScorecardDb db, OrganisationInput input, CancellationToken ct)
    {
        var all = await db.Organisations.ToListAsync(ct);
        var name = Required(input.Name, "name", "機關全名");
        if (all.Any(o => o.Name == name))
            throw new InvalidInputException("name", $"機關「{name}」已存在。");
        var organisation = new Organisation { Name = name };
        Fill(organisation, input, all);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        return organisation;
    }

    /// <summary>Renames an organisation, or changes its level, parent or aliases. Maps, roles and KPI owners keep pointing at it.</summary>
    public async Task<Organisation> EditOrganisationAsync(string name, OrganisationInput input, long? basedOn, CancellationToken ct = default)
    {
        await RequireAdministratorAsync(ct);
        return await EditOrganisationAsync(db, name, input, basedOn, ct);
    }

    /// <summary>The command line's rename: the organisation keeps its level, parent and aliases.</summary>
    internal static async Task<Organisation> RenameOrganisationAsync(ScorecardDb db, string name, string newName, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.Parent).FirstOrDefaultAsync(o => o.Name == name, ct)
            ?? throw new NotFoundException($"找不到機關「{name}」。");
        return await EditOrganisationAsync(db, name, new OrganisationInput(newName, OrganisationTree.FormatLevel(organisation.Level), organisation.Parent?.Name, organisation.Aliases), null, ct);
    }

    static async Task<Organisation> EditOrganisationAsync(ScorecardDb db, string name, OrganisationInput input, long? basedOn, CancellationToken ct)
    {
        var all = await db.Organisations.ToListAsync(ct);
        var organisation = all.FirstOrDefault(o => o.Name == name) ?? throw new NotFoundException($"找不到機關「{name}」。");
        if (basedOn is { } v && v != organisation.Version)
            throw await ChangeHistory.StaleAsync(db, [organisation.Id], $"機關「{name}」", ct);
        var newName = Required(input.Name, "name", "機關全名");
        if (all.Any(o => o != organisation && o.Name == newName))
            throw new InvalidInputException("name", $"機關「{newName}」已存在。");
        organisation.Name = newName;
        Fill(organisation, input, all);
        await db.SaveChangesAsync(ct);
        return organisation;
    }

    static void Fill(Organisation organisation, OrganisationInput input, List<Organisation> all)
    {
        try { organisation.Level = OrganisationTree.ParseLevel(Required(input.Level, "level", "層級")); }
        catch (DomainException e) when (e is not InvalidInputException) { throw new InvalidInputException("level", e.Text); }
        Organisation? parent = null;
        if (!string.IsNullOrWhiteSpace(input.Parent))
            parent = OrganisationNames.Find(input.Parent, all) ?? throw new InvalidInputException("parent", $"找不到上級機關「{input.Parent}」。");
        try { OrganisationTree.CheckParent(organisation, parent); }
        catch (DomainException e) { throw new InvalidInputException("parent", e.Text); }
        organisation.Parent = parent;
        organisation.ParentId = parent?.Id;
        var aliases = (input.Aliases ?? []).Select(a => a.Trim()).Where(a => a.Length > 0 && a != organisation.Name).Distinct().ToList();
        // An alias another organisation also answers to would make KPI owners ambiguous: say so now.
        if (aliases.Except(organisation.Aliases).FirstOrDefault(a => all.Any(o => o != organisation && OrganisationNames.Answers(o, a))) is { } taken)
            throw new InvalidInputException("aliases", $"簡稱「{taken}」已是其他機關的名稱或簡稱。");
        organisation.Aliases = aliases;
    }

    static string Required(string? text, string field, string what) =>
        string.IsNullOrWhiteSpace(text) ? throw new InvalidInputException(field, $"請填寫{what}。") : text.Trim();
}
