using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Web.Infrastructure;
using Scorecard.Web.Infrastructure.Caching;

namespace Scorecard.Web.Features.Accounts;

/// <summary>
/// The person behind the current request and what their roles allow. The one place routes and pages
/// ask "may they?": a role covers its organisation and everything under it (Domain/Accounts/Access).
/// The grants are read once per request, as committed now, with the content stamp (<see cref="DirectReads"/>):
/// not through the request's database context, which may be busy with the page's own query while the layout asks.
/// The organisation tree is the same for everybody and kept in the <see cref="ReadCache"/>.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor http, CachedReads cached)
{
    Task<Dictionary<Guid, Guid?>>? parents;

    public ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal();
    public bool IsSignedIn => Principal.Identity?.IsAuthenticated == true;
    public Guid? UserId => IdOf(Principal);
    public string? Name => Principal.Identity?.Name;

    /// <summary>The account's id a principal carries; null when signed out.</summary>
    public static Guid? IdOf(ClaimsPrincipal? principal) =>
        principal?.Identity?.IsAuthenticated == true && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>Read with the content stamp, in one command (<see cref="CachedReads.GrantsAsync"/>).</summary>
    public Task<IReadOnlyList<Access.Grant>> GrantsAsync(CancellationToken ct = default) => cached.GrantsAsync(ct);

    /// <summary>The organisation and its ancestors, itself first.</summary>
    public async Task<IReadOnlyCollection<Guid>> ChainAsync(Guid organisationId, CancellationToken ct = default) =>
        Domain.Organisations.OrganisationTree.Chain(organisationId, await (parents ??= cached.GetAsync("organisation parents", services =>
            services.GetRequiredService<ScorecardDb>().Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.ParentId), ct)));

    public async Task<bool> CanAsync(Permission permission, Guid organisationId, CancellationToken ct = default) =>
        IsSignedIn && Access.Allows(await GrantsAsync(ct), permission, await ChainAsync(organisationId, ct));

    public async Task<bool> CanAnyAsync(Permission permission, IEnumerable<Guid> organisationIds, CancellationToken ct = default)
    {
        foreach (var id in organisationIds)
            if (await CanAsync(permission, id, ct)) return true;
        return false;
    }

    /// <summary>Whether this user may see the map: anyone a published one, only those who may edit it a draft (a revision not yet published).</summary>
    public async Task<bool> MaySeeAsync(Domain.Maps.StrategyMap map, CancellationToken ct = default) =>
        !map.IsDraft || await CanAsync(Permission.EditMap, map.OrganisationId, ct);

    /// <summary>
    /// A draft map is not found by anyone but those who may edit it: every read of a map, its periods, entries and
    /// evaluations asks here, so that a draft is hidden alike everywhere (issue 32 §6).
    /// </summary>
    public async Task RequireMaySeeAsync(Domain.Maps.StrategyMap map, CancellationToken ct = default)
    {
        if (!await MaySeeAsync(map, ct))
            throw new NotFoundException($"找不到「{map.Organisation.Name}」{map.RocYear} 年的策略地圖。");
    }

    public async Task<bool> IsAdministratorAsync(CancellationToken ct = default) =>
        (await GrantsAsync(ct)).Any(g => g.Role == WorkRole.Administrator);

    /// <summary>401 when signed out, 403 with the reason when no role allows it.</summary>
    public async Task RequireAsync(Permission permission, Guid organisationId, FormattableString what, CancellationToken ct = default)
    {
        if (!IsSignedIn) throw new NotSignedInException();
        if (!await CanAsync(permission, organisationId, ct))
            throw new AccessDeniedException($"您的角色不能{what}。");
    }

    public async Task RequireAnyAsync(Permission permission, IReadOnlyCollection<Guid> organisationIds, FormattableString what, CancellationToken ct = default)
    {
        if (!IsSignedIn) throw new NotSignedInException();
        if (!await CanAnyAsync(permission, organisationIds, ct))
            throw new AccessDeniedException($"您的角色不能{what}。");
    }
}
