using Scorecard.Domain.Common;

namespace Scorecard.Domain.Organisations;

public enum OrganisationLevel
{
    City,       // 市政府
    Bureau,     // 局處
    District,   // 區公所
    Unit,       // 科室、組
}

public class Organisation : Entity, IKeepsExtraFacts
{
    /// <summary>The full name (臺北市政府環境保護局); unique, and the name pages and routes use.</summary>
    public required string Name { get; set; }
    /// <summary>Shorter names the documents use for it (環保局, 環境保護局).</summary>
    public List<string> Aliases { get; set; } = [];
    public OrganisationLevel Level { get; set; }
    public Guid? ParentId { get; set; }
    public Organisation? Parent { get; set; }
    public List<Organisation> Children { get; set; } = [];
    public string? ExtraJson { get; set; }
}

/// <summary>Rules of the organisation tree: city → bureaus and district offices → units.</summary>
public static class OrganisationTree
{
    /// <summary>An organisation and its ancestors, itself first: what a role on any of them covers. A loop in the data ends the walk.</summary>
    public static IReadOnlyList<Guid> Chain(Guid organisation, IReadOnlyDictionary<Guid, Guid?> parents)
    {
        var chain = new List<Guid>();
        for (Guid? at = organisation; at is { } id && !chain.Contains(id); at = parents.GetValueOrDefault(id))
            chain.Add(id);
        return chain;
    }

    // A child sits strictly below its parent. District offices report to a bureau
    // (北投區公所 → 民政局) or straight to the city.
    static int Rank(OrganisationLevel level) => level switch
    {
        OrganisationLevel.City => 0,
        OrganisationLevel.Bureau => 1,
        OrganisationLevel.District => 2,
        OrganisationLevel.Unit => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static string LevelName(OrganisationLevel level) => level switch
    {
        OrganisationLevel.City => "市政府",
        OrganisationLevel.Bureau => "局處",
        OrganisationLevel.District => "區公所",
        OrganisationLevel.Unit => "科室",
        _ => level.ToString(),
    };

    public static OrganisationLevel ParseLevel(string text) => text switch
    {
        "city" => OrganisationLevel.City,
        "bureau" => OrganisationLevel.Bureau,
        "district" => OrganisationLevel.District,
        "unit" => OrganisationLevel.Unit,
        _ => throw new DomainException($"機關層級「{text}」不是 city、bureau、district 或 unit。"),
    };

    public static string FormatLevel(OrganisationLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>Refuses a parent that would break the tree: a wrong level or a cycle.</summary>
    public static void CheckParent(Organisation child, Organisation? parent)
    {
        if (parent is null)
            return;
        if (Rank(child.Level) <= Rank(parent.Level))
            throw new DomainException(
                $"「{child.Name}」（{LevelName(child.Level)}）不能隸屬於「{parent.Name}」（{LevelName(parent.Level)}）。");
        for (var p = parent; p is not null; p = p.Parent)
            if (ReferenceEquals(p, child) || (p.Id != Guid.Empty && p.Id == child.Id))
                throw new DomainException($"「{child.Name}」不能隸屬於自己的下級機關「{parent.Name}」。");
    }

    /// <summary>The level of a parent known only by name: a city government (市政府, 縣政府) or else a bureau.</summary>
    public static OrganisationLevel LevelOfNamedParent(string name) =>
        name.EndsWith("市政府", StringComparison.Ordinal) || name.EndsWith("縣政府", StringComparison.Ordinal)
            ? OrganisationLevel.City
            : OrganisationLevel.Bureau;

    /// <summary>
    /// Parentless bureaus and district offices a city takes in when it arrives after them
    /// (北投區公所's file names 臺北市政府民政局 before the city's own file is read).
    /// </summary>
    public static IEnumerable<Organisation> OrphansOf(Organisation city, IEnumerable<Organisation> all) =>
        city.Level != OrganisationLevel.City
            ? []
            : all.Where(o => o.Parent is null && o.ParentId is null && o.Level != OrganisationLevel.City
                             && !ReferenceEquals(o, city) && CityOwning(o.Name, [city]) is not null);

    public static Organisation? CityOwning(string name, IEnumerable<Organisation> cities) =>
        cities.Where(c => c.Level == OrganisationLevel.City && name.StartsWith(c.Name, StringComparison.Ordinal) && name != c.Name)
              .OrderByDescending(c => c.Name.Length)
              .FirstOrDefault();
}
