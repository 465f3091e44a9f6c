using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Maps;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Editing;

/// <summary>
/// A planner's edits to one map (研考: statements, themes, objectives, links, KPIs, targets, action
/// plans, settings). <see cref="OpenAsync"/> loads the map tracked and checks the role; each edit
/// changes the loaded map and says what code rules it breaks (warnings, never refusals); one
/// <see cref="SaveAsync"/> writes them all or nothing, audited with the signed-in user.
/// An edit names the version it was based on: a stale one is refused, naming who changed the row,
/// when and to what, and nothing is saved.
/// The edits of one area are in the files beside this one (MapEditor.Kpis.cs …).
/// </summary>
public sealed partial class MapEditor(ScorecardDb db, CurrentUser user)
{
    StrategyMap? map;

    public StrategyMap Map => map ?? throw new InvalidOperationException("OpenAsync first.");

    public async Task<StrategyMap> OpenAsync(string organisation, int rocYear, CancellationToken ct = default)
    {
        if (map is not null)
            return map;
        if (rocYear is < 1 or > 300)
            throw new NotFoundException($"找不到「{organisation}」{rocYear} 年的策略地圖。");
        var year = RocYear.ToGregorian(rocYear);
        map = await MapQueries.WithEverything(MapQueries.OfOrganisation(db.Maps, organisation))
            .Include(m => m.Kpis).ThenInclude(k => k.OwnerLinks)
            .FirstOrDefaultAsync(m => m.Year == year, ct)
            ?? throw new NotFoundException($"找不到「{organisation}」{rocYear} 年的策略地圖。");
        await user.RequireAsync(Permission.EditMap, map.OrganisationId, $"編輯「{map.Organisation.Name}」的策略地圖", ct);
        return map;
    }

    public async Task SaveAsync(CancellationToken ct = default) => await db.SaveChangesAsync(ct);

    /// <summary>Forgets every unsaved edit (a page whose form failed shows the stored map again).</summary>
    public void Discard()
    {
        db.ChangeTracker.Clear();
        map = null;
    }

    /// <summary>Refuses an edit based on an older version of the row than the stored one.</summary>
    async Task CheckVersionAsync(Entity row, long? basedOn, string what, CancellationToken ct)
    {
        if (basedOn is { } v && v != row.Version)
            throw await ChangeHistory.StaleAsync(db, [row.Id], what, ct);
    }

    static string Required(string? text, string field, string what) =>
        string.IsNullOrWhiteSpace(text) ? throw new InvalidInputException(field, $"請填寫{what}。") : text.Trim();

    static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    static List<string> Names(IEnumerable<string>? names) =>
        (names ?? []).Select(n => n.Trim()).Where(n => n.Length > 0).Distinct().ToList();

    static int NextOrdinal<T>(IEnumerable<T> rows, Func<T, int> ordinal) => rows.Select(ordinal).DefaultIfEmpty(-1).Max() + 1;

    static T Parse<T>(string field, Func<T> parse)
    {
        try { return parse(); }
        catch (DomainException e) when (e is not InvalidInputException) { throw new InvalidInputException(field, e.Text); }
    }
}

/// <summary>A code rule an edit breaks: shown beside the field, never a refusal (the documents print irregular codes).</summary>
public sealed record FieldWarning(string Field, [property: System.Text.Json.Serialization.JsonIgnore] FormattableString Text)
{
    /// <summary>In Chinese, as the API answers it; a page says <see cref="Text"/> in the reader's language.</summary>
    public string Message => Said.Chinese(Text);
}
