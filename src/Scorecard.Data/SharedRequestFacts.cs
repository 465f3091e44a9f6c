using Scorecard.Domain.Accounts;

namespace Scorecard.Data;

/// <summary>
/// The content stamp and a reader's roles for requests arriving together, read for them all in one command
/// (<see cref="DirectReads.RequestFactsAsync"/>). On PostgreSQL every request asked on its own: a page kept
/// whole for visitors was then served at a sixth of the rate of an endpoint that reads nothing, one round
/// trip each. Now one read runs at a time; who arrives meanwhile waits for the next, which they share.
/// </summary>
/// <remarks>
/// A request is only ever answered by a read that began after it arrived, so it sees everything committed
/// before it came, as if it had asked alone: a change made on another instance, a role taken away.
/// The read is nobody's own: one request's cancellation does not end it for the others.
/// </remarks>
/// <param name="read">The read for a set of users; <see cref="DirectReads.RequestFactsAsync"/> but in tests that hold a read open.</param>
public sealed class SharedRequestFacts(Func<IReadOnlyCollection<Guid>, CancellationToken, Task<DirectReads.RequestFacts>> read)
{
    public SharedRequestFacts(DirectReads reads) : this(reads.RequestFactsAsync) { }

    /// <summary>The requests waiting for the next read: whose roles it is to read, and where the answer goes.</summary>
    sealed class Waiting
    {
        public readonly HashSet<Guid> Users = [];
        public readonly TaskCompletionSource<DirectReads.RequestFacts> Answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    readonly Lock gate = new();
    Waiting? next;
    bool reading;

    /// <summary>
    /// The stamp, the user's roles (none when signed out, or for a user without roles) and their account's state
    /// (null when signed out, or when the account no longer exists).
    /// </summary>
    public async Task<(long Stamp, IReadOnlyList<Access.Grant> Grants, DirectReads.AccountState? Account)> ReadAsync(Guid? userId, CancellationToken ct = default)
    {
        Waiting waiting;
        var start = false;
        lock (gate)
        {
            waiting = next ??= new Waiting();
            if (userId is { } id) waiting.Users.Add(id);
            if (!reading) reading = start = true;
        }
        if (start)
            using (ExecutionContext.SuppressFlow())
                _ = Task.Run(ReadWhileAskedAsync);
        var facts = await waiting.Answer.Task.WaitAsync(ct);
        return userId is { } user
            ? (facts.Stamp, facts.Grants.GetValueOrDefault(user) ?? [], facts.Accounts.GetValueOrDefault(user))
            : (facts.Stamp, [], null);
    }

    /// <summary>Reads for the waiting requests, then for those who came during that read, until nobody waits.</summary>
    async Task ReadWhileAskedAsync()
    {
        while (true)
        {
            Waiting? waiting;
            lock (gate)
            {
                (waiting, next) = (next, null);
                if (waiting is null)
                {
                    reading = false;
                    return;
                }
            }
            try
            {
                waiting.Answer.SetResult(await read(waiting.Users, CancellationToken.None));
            }
            catch (Exception e)
            {
                waiting.Answer.SetException(e);   // each of them fails as it would have failed alone; the next read tries again
            }
        }
    }
}
