namespace Scorecard.Domain.Organisations;

/// <summary>
/// How the documents name organisations: by full name (臺北市政府環境保護局), by a short alias
/// (環保局, 環境保護局), or — for a bureau's units — by the unit's own short name (總務組).
/// </summary>
public static class OrganisationNames
{
    /// <summary>「本組各機關」, 「本組成員機關」: the theme's lead agency and its co-agencies.</summary>
    public static bool IsThemeGroup(string text) => text.Trim() is "本組各機關" or "本組成員機關";

    public static bool Answers(Organisation o, string text) =>
        o.Name == text || o.Aliases.Contains(text);

    /// <summary>By full name, or by an alias only one organisation answers to; null otherwise (an ambiguous alias names nothing).</summary>
    public static Organisation? Find(string text, IEnumerable<Organisation> all)
    {
        text = text.Trim();
        var list = all as IReadOnlyCollection<Organisation> ?? all.ToList();
        if (list.FirstOrDefault(o => o.Name == text) is { } exact)
            return exact;
        var matches = list.Where(o => Answers(o, text)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>
    /// The organisation an owner text means, as seen from the map that names it: its own units
    /// first (總務組 of the Secretariat), then the organisations of the same city (環保局), then any
    /// organisation anywhere whose name or alias is unambiguous. Null when nothing matches.
    /// </summary>
    public static Organisation? Resolve(string text, Organisation mapOrganisation, IReadOnlyCollection<Organisation> all)
    {
        text = text.Trim();
        if (text.Length == 0)
            return null;
        if (all.FirstOrDefault(o => o.Name == text) is { } exact)
            return exact;

        var parentOf = all.Where(o => o.Id != Guid.Empty).ToDictionary(o => o.Id);
        Organisation? ParentOf(Organisation o) => o.Parent ?? (o.ParentId is { } p ? parentOf.GetValueOrDefault(p) : null);
        bool Under(Organisation o, Organisation root)
        {
            for (var p = o; p is not null; p = ParentOf(p))
                if (ReferenceEquals(p, root) || (p.Id != Guid.Empty && p.Id == root.Id))
                    return true;
            return false;
        }
        var city = mapOrganisation;
        while (ParentOf(city) is { } up) city = up;

        foreach (var scope in new[] { mapOrganisation, city })
        {
            var matches = all.Where(o => Under(o, scope) && (Answers(o, text) || o.Name == scope.Name + text)).ToList();
            if (matches.Count == 1)
                return matches[0];
        }
        return Find(text, all);
    }
}
