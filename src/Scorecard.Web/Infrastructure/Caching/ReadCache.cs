using Microsoft.Extensions.Caching.Memory;
using Scorecard.Data;
using Scorecard.Domain.Accounts;

namespace Scorecard.Web.Infrastructure.Caching;

/// <summary>
/// What the pages compute from the database and everybody reads alike: a map scored, the city's roll-ups,
/// the organisation tree, a KPI's history. Each is kept under the <see cref="ContentStamp"/> it was read at
/// and computed once per stamp: the first request to ask after a change computes it, in a scope of its own,
/// and others asking meanwhile wait for that one result. A newer stamp empties the cache.
/// Only what is the same for every reader may be kept here, and what is kept is never changed by a reader.
/// </summary>
public sealed class ReadCache(IServiceScopeFactory scopes, IConfiguration config) : IDisposable
{
    /// <summary>How many results are kept at most (<c>Scorecard:Cache:Entries</c>); the least used go first.</summary>
    public const int DefaultEntries = 300;

    readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = config.GetValue("Scorecard:Cache:Entries", DefaultEntries) });
    readonly Lock clearing = new();
    long newest = -1;

    public async Task<T> GetAsync<T>(long stamp, object key, Func<IServiceProvider, Task<T>> compute)
    {
        if (stamp > Volatile.Read(ref newest))
            lock (clearing)
                if (stamp > newest)
                {
                    cache.Clear();
                    Volatile.Write(ref newest, stamp);
                }
        // This request read the stamp before a change another one has already seen: its result is not kept.
        if (stamp < Volatile.Read(ref newest))
            return await ComputeAsync(compute);

        var entryKey = (stamp, key);
        var computed = false;
        var entry = cache.GetOrCreate(entryKey, e =>
        {
            e.Size = 1;
            computed = true;
            return new Lazy<Task<object?>>(async () => await ComputeAsync(compute));
        })!;
        Observability.ProductMetrics.CacheRead(hit: !computed);
        try
        {
            return (T)(await entry.Value)!;
        }
        catch
        {
            cache.Remove(entryKey);   // a failure is not kept: the next request tries again
            throw;
        }
    }

    // Its own scope and no cancellation: the result is shared, so neither the first asker's database context
    // nor its leaving early may end it. Nor does it run as that asker: the request (and with it who is
    // signed in, and the language) does not flow into it.
    Task<T> ComputeAsync<T>(Func<IServiceProvider, Task<T>> compute)
    {
        using (ExecutionContext.SuppressFlow())
            return Task.Run(async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                return await compute(scope.ServiceProvider);
            });
    }

    public void Dispose() => cache.Dispose();
}

/// <summary>
/// A request's view of the <see cref="ReadCache"/>: the content stamp is read once a request, so that
/// everything one page shows comes from the same moment.
/// </summary>
/// <remarks>
/// Not through the request's database context: a page and its layout render side by side, and that
/// context may be busy with the other's query.
/// </remarks>
public sealed class CachedReads(ReadCache cache, SharedRequestFacts shared, DirectReads reads, IHttpContextAccessor http)
{
    Task<(long Stamp, IReadOnlyList<Access.Grant> Grants, DirectReads.AccountState? Account)>? facts;

    /// <summary>The stamp and the signed-in reader's roles and account, asked together once a request (<see cref="SharedRequestFacts"/>).</summary>
    Task<(long Stamp, IReadOnlyList<Access.Grant> Grants, DirectReads.AccountState? Account)> FactsAsync(CancellationToken ct) =>
        facts ??= shared.ReadAsync(Features.Accounts.CurrentUser.IdOf(http.HttpContext?.User), ct);

    /// <summary>The signed-in reader's account as committed now (its security stamp and lockout); null when signed out or gone.</summary>
    public async Task<DirectReads.AccountState?> AccountAsync(CancellationToken ct = default) => (await FactsAsync(ct)).Account;

    /// <summary>The request's session was refused (<see cref="Features.Accounts.SessionChecks"/>): its facts are read again, as a visitor's.</summary>
    public void SignedOut() => facts = null;

    public async Task<long> StampAsync(CancellationToken ct = default) => (await FactsAsync(ct)).Stamp;

    /// <summary>The roles of who is signed in, as committed when this request first asked; none when signed out.</summary>
    public async Task<IReadOnlyList<Access.Grant>> GrantsAsync(CancellationToken ct = default) => (await FactsAsync(ct)).Grants;

    readonly Dictionary<(DirectReads.AuditTrail, Guid), Task<DirectReads.TrailVersion>> trails = [];

    /// <summary>
    /// A map's or a KPI's audit trail's version, read once a request: the version of what changes there
    /// without moving the content stamp (drafts and submissions, audited on their KPI's trail, a part's on
    /// its KPI's), for results kept by it.
    /// </summary>
    public Task<DirectReads.TrailVersion> TrailVersionAsync(DirectReads.AuditTrail trail, Guid id, CancellationToken ct = default) =>
        trails.TryGetValue((trail, id), out var version) ? version : trails[(trail, id)] = reads.TrailVersionAsync(trail, id, ct);

    /// <summary>The result for the key at this request's stamp, computed with the services of a scope of its own.</summary>
    public async Task<T> GetAsync<T>(object key, Func<IServiceProvider, Task<T>> compute, CancellationToken ct = default) =>
        await cache.GetAsync(await StampAsync(ct), key, compute);
}
