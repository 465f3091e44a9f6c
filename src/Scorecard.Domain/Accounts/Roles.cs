using Scorecard.Domain.Common;

namespace Scorecard.Domain.Accounts;

/// <summary>What a person does in the product. Every role but the administrator's has an organisation scope.</summary>
public enum WorkRole
{
    /// <summary>系統管理者: everything, everywhere.</summary>
    Administrator,
    /// <summary>研考: edits maps, runs periods, reviews and publishes, imports — for an organisation and everything under it.</summary>
    Planner,
    /// <summary>填報: enters the figures of the KPIs its organisation (or unit) owns.</summary>
    Reporter,
    /// <summary>檢視 (leadership): reads everything under an organisation, published or not.</summary>
    Viewer,
}

/// <summary>What a route or a page asks to be allowed to do.</summary>
public enum Permission
{
    /// <summary>Read figures that are not published yet.</summary>
    ReadUnpublished,
    /// <summary>Enter actuals, narratives and explanations; save drafts; submit.</summary>
    Enter,
    /// <summary>Approve or return submissions.</summary>
    Review,
    /// <summary>Open, close, publish and reopen reporting periods.</summary>
    ManagePeriods,
    /// <summary>Edit a map: its statements, objectives, KPIs, plans and settings.</summary>
    EditMap,
    /// <summary>Import interchange files.</summary>
    Import,
    /// <summary>Accounts and organisations.</summary>
    ManageAccounts,
}

/// <summary>A role given to one account, for one organisation (none for the administrator).</summary>
public class RoleAssignment : Entity
{
    public Guid UserId { get; set; }
    public WorkRole Role { get; set; }
    public Guid? OrganisationId { get; set; }
}

public static class Roles
{
    public static string Label(WorkRole role) => role switch
    {
        WorkRole.Administrator => "系統管理者",
        WorkRole.Planner => "研考",
        WorkRole.Reporter => "填報",
        _ => "檢視",
    };

    public static WorkRole Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "administrator" or "admin" or "系統管理者" => WorkRole.Administrator,
        "planner" or "研考" => WorkRole.Planner,
        "reporter" or "填報" => WorkRole.Reporter,
        "viewer" or "檢視" => WorkRole.Viewer,
        _ => throw new InvalidInputException("role", $"角色「{text}」不是 administrator、planner、reporter 或 viewer。"),
    };

    public static string Format(WorkRole role) => role.ToString().ToLowerInvariant();

    /// <summary>What each role may do within its scope (the table of issue 6 §2).</summary>
    public static bool Grants(WorkRole role, Permission permission) => role switch
    {
        WorkRole.Administrator => true,
        WorkRole.Planner => permission is not Permission.ManageAccounts and not Permission.Enter,
        WorkRole.Reporter => permission is Permission.Enter or Permission.ReadUnpublished,
        WorkRole.Viewer => permission is Permission.ReadUnpublished,
        _ => false,
    };
}

/// <summary>
/// Whether a person's roles allow a permission on an organisation. A role covers its organisation
/// and everything under it; the administrator's covers everything. Pure: the caller passes the
/// organisation's chain of ancestors (itself first).
/// </summary>
public static class Access
{
    public sealed record Grant(WorkRole Role, Guid? OrganisationId);

    public static bool Allows(IEnumerable<Grant> grants, Permission permission, IReadOnlyCollection<Guid> organisationAndAncestors) =>
        grants.Any(g => Roles.Grants(g.Role, permission)
                        && (g.Role == WorkRole.Administrator || (g.OrganisationId is { } scope && organisationAndAncestors.Contains(scope))));
}
