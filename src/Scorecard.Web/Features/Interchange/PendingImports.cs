using System.Collections.Concurrent;

namespace Scorecard.Web.Features.Interchange;

/// <summary>
/// Uploads held between the import page's preview and the planner's confirmation: the page works
/// without JavaScript, so the browser cannot post the files a second time. Held in memory for 30
/// minutes, for the user who uploaded them only; a restart forgets them (the planner uploads again).
/// </summary>
public sealed class PendingImports(TimeProvider clock)
{
    static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    readonly ConcurrentDictionary<Guid, Held> held = new();

    public sealed record Upload(string Name, byte[] Content);

    sealed record Held(string User, IReadOnlyList<Upload> Files, ImportOptions Options, DateTimeOffset Until);

    public Guid Hold(string user, IReadOnlyList<Upload> files, ImportOptions options)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, old) in held)
            if (old.Until < now)
                held.TryRemove(key, out _);
        var id = Guid.NewGuid();
        held[id] = new Held(user, files, options, now + Lifetime);
        return id;
    }

    /// <summary>The files and options held under the id for this user, once; null when unknown, expired or another user's.</summary>
    public (IReadOnlyList<Upload> Files, ImportOptions Options)? Take(Guid id, string user)
    {
        if (!held.TryGetValue(id, out var item) || item.User != user || item.Until < clock.GetUtcNow())
            return null;
        held.TryRemove(id, out _);
        return (item.Files, item.Options);
    }
}
