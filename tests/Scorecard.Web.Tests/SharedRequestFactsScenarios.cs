using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Data;
using Scorecard.Domain.Accounts;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 10: requests arriving together share one read of the content stamp and their readers' roles
/// (<see cref="SharedRequestFacts"/>), and each still sees everything committed before it arrived: a role
/// taken away, a change to a map. The first read is held open after it has read, on the real database,
/// while the change is made and others arrive.
/// </summary>
[Collection(ServersCollection.Name)]
public class SharedRequestFactsScenarios(Servers servers)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Requests_arriving_during_a_read_share_the_next_one_and_see_what_was_committed_before_they_came(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        var ids = new Dictionary<string, Guid>();
        await using (var scope = server.Services.CreateAsyncScope())
            foreach (var user in await scope.ServiceProvider.GetRequiredService<ScorecardDb>().Users.ToListAsync())
                ids[user.Email!] = user.Id;
        var real = server.Services.GetRequiredService<DirectReads>();

        var readsFor = new List<Guid[]>();
        var firstHasRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = new SharedRequestFacts(async (users, ct) =>
        {
            var facts = await real.RequestFactsAsync(users, ct);
            bool first;
            lock (readsFor)
            {
                readsFor.Add([.. users]);
                first = readsFor.Count == 1;
            }
            if (first)
            {
                firstHasRead.SetResult();
                await releaseFirst.Task;
            }
            return facts;
        });

        var planner = shared.ReadAsync(ids["rdec@example.org"]);
        await firstHasRead.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Committed while the first read is held: the mayor's office loses its viewer role, and the vision changes.
        using var admin = await server.SignInAsync("admin@example.org");
        await Ok(await admin.DeleteAsync("/api/accounts/mayor@example.org/roles/viewer?organisation=臺北市政府"));
        using var rdec = await server.SignInAsync("rdec@example.org");
        await CityMapEdits.ChangeVisionAsync(rdec, "讀取之間改過的願景");

        // Arriving now: the mayor, a reporter, visitors, and one who leaves before the answer.
        var mayor = shared.ReadAsync(ids["mayor@example.org"]);
        var reporter = shared.ReadAsync(ids["epb@example.org"]);
        var visitors = Enumerable.Range(0, 20).Select(_ => shared.ReadAsync(null)).ToList();
        using var leaving = new CancellationTokenSource();
        var leaver = shared.ReadAsync(ids["udd@example.org"], leaving.Token);
        leaving.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaver);
        Assert.False(mayor.IsCompleted);   // not answered by the read that began before they came
        releaseFirst.SetResult();

        var before = await planner;
        Assert.Contains(before.Grants, g => g.Role == WorkRole.Planner);
        Assert.Empty((await mayor).Grants);
        Assert.Equal([WorkRole.Reporter], (await reporter).Grants.Select(g => g.Role));
        foreach (var later in visitors.Append(mayor).Append(reporter))
        {
            Assert.True((await later).Stamp > before.Stamp, "a request that came after the change was answered with the stamp from before it");
            Assert.Equal((await reporter).Stamp, (await later).Stamp);
        }
        Assert.Empty((await visitors[0]).Grants);

        // Two reads for 25 requests: the first for the planner, the second for all who came during it.
        Assert.Equal(2, readsFor.Count);
        Assert.Equal([ids["rdec@example.org"]], readsFor[0]);
        Assert.Equal(new[] { ids["mayor@example.org"], ids["epb@example.org"], ids["udd@example.org"] }.Order(), readsFor[1].Order());

        // The server's own shared reads: the mayor's office no longer sees the city map's 修改紀錄, a planner sees the new vision.
        using var mayorClient = await server.SignInAsync("mayor@example.org");
        Assert.DoesNotContain("修改紀錄", await mayorClient.GetStringAsync("/maps/臺北市政府/107"));
        Assert.Contains("讀取之間改過的願景", await rdec.GetStringAsync("/maps/臺北市政府/107"));
    }
}
