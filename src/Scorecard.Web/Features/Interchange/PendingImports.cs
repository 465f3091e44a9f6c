using System.Collections.Concurrent;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Interchange;

/// <summary>
/// Uploads held between the import page's preview and the planner's confirmation: the page works
/// without JavaScript, so the browser cannot post the files a second time. Held in memory for 30
/// minutes, for the user who uploaded them only; a restart forgets them (the planner uploads again).
/// Bounded (issue 32 §10): each account holds at most <c>Scorecard:Uploads:HeldPerAccount</c> previews (default 2;
/// a newer one replaces the account's oldest), and all accounts together at most <c>Scorecard:Uploads:HeldMegabytes</c>
/// (default 100): past it a preview is shown but not held, and the page says so (<see cref="BusyException"/>, 503).
/// </summary>
public sealed class PendingImports(TimeProvider clock, IConfiguration config)
{
    static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    readonly ConcurrentDictionary<Guid, Held> held = new();
    readonly Lock holding = new();
    readonly int perAccount = Math.Max(1, config.GetValue("Scorecard:Uploads:HeldPerAccount", 2));
    readonly long maxBytes = (long)(config.GetValue("Scorecard:Uploads:HeldMegabytes", 100.0) * 1024 * 1024);

    public sealed record Upload(string Name, byte[] Content);

    sealed record Held(string User, IReadOnlyList<Upload> Files, ImportOptions Options, DateTimeOffset Since, DateTimeOffset Until)
    {
        public long Bytes { get; } = Files.Sum(f => (long)f.Content.Length);
    }

    public Guid Hold(string user, IReadOnlyList<Upload> files, ImportOptions options)
    {
        var now = clock.GetUtcNow();
        var item = new Held(user, files, options, now, now + Lifetime);
        lock (holding)
        {
            foreach (var (key, old) in held)
                if (old.Until < now)
                    held.TryRemove(key, out _);
            // The account's oldest make room for its newest.
            foreach (var (key, _) in held.Where(h => h.Value.User == user).OrderByDescending(h => h.Value.Since).Skip(perAccount - 1).ToList())
                held.TryRemove(key, out _);
            if (held.Values.Sum(h => h.Bytes) + item.Bytes > maxBytes)
                throw new BusyException($"伺服器暫存的匯入預覽已達上限，這次預覽未保留，無法直接確認匯入；請稍後再預覽，或直接以 API 匯入。");
            var id = Guid.NewGuid();
            held[id] = item;
            return id;
        }
    }

    /// <summary>The files and options held under the id for this user, once; null when unknown, expired, replaced or another user's.</summary>
    public (IReadOnlyList<Upload> Files, ImportOptions Options)? Take(Guid id, string user)
    {
        if (!held.TryGetValue(id, out var item) || item.User != user || item.Until < clock.GetUtcNow())
            return null;
        held.TryRemove(id, out _);
        return (item.Files, item.Options);
    }
}
