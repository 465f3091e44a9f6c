using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;

namespace Scorecard.Web.Features.Accounts;

/// <summary>
/// Where a person lands after signing in, when no page asked for the sign-in (issue 34): each role on the page its
/// work starts from. An administrator on 系統管理; a planner or a reporter on 我的待辦 (periods to open and to watch,
/// figures to enter and to review); a viewer — leadership — on the dashboard, which opens on the city's latest
/// period with published figures. Someone with several roles lands where the first of these puts them.
/// </summary>
public static class Landing
{
    public const string Administration = "/admin", Todo = "/todo", Dashboard = "/dashboard";

    public static string For(IEnumerable<WorkRole> roles)
    {
        var held = roles.ToHashSet();
        return held.Contains(WorkRole.Administrator) ? Administration
            : held.Contains(WorkRole.Planner) || held.Contains(WorkRole.Reporter) ? Todo
            : held.Contains(WorkRole.Viewer) ? Dashboard
            : Todo;   // no role yet: 我的待辦 says there is nothing, and points on
    }

    /// <summary>The landing of an account, from its roles as committed now (the request that signs it in does not carry them yet).</summary>
    public static async Task<string> ForAccountAsync(ScorecardDb db, Guid account, CancellationToken ct = default) =>
        For(await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == account).Select(r => r.Role).ToListAsync(ct));

    /// <summary>A path of this site, or null: never send someone on to another host after signing in.</summary>
    public static string? Local(string? url) => url is { Length: > 0 } u && u.StartsWith('/') && !u.StartsWith("//") && !u.StartsWith("/\\") ? u : null;
}
