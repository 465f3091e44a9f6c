using System.Net.Http.Json;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 10 §4: several instances behind a load balancer on one PostgreSQL. Each keeps its own caches
/// (read models, whole answers for signed-out readers); a change made through one is what the next
/// request to the other shows, and a sign-in on one is good on the other. (Reminders going out once
/// across instances: <see cref="ReminderScenarios"/>.)
/// </summary>
[Collection(ServersCollection.Name)]
public class SeveralInstancesScenarios(Servers servers)
{
    const string MapPage = "/maps/%E8%87%BA%E5%8C%97%E5%B8%82%E6%94%BF%E5%BA%9C/107";
    const string Export = "/api/maps/臺北市政府/107";

    [Fact]
    public async Task A_change_made_through_one_instance_is_what_the_next_request_to_the_other_shows()
    {
        var first = await servers.FreshAsync("postgres", demoData: true);
        first.CreateClient().Dispose();
        var second = servers.AnotherInstance(first);
        using var readerOfFirst = first.CreateClient();
        using var readerOfSecond = second.CreateClient();

        // Both have made and kept the page, the export and the map's read model: the second asking is served kept (Age).
        foreach (var reader in new[] { readerOfFirst, readerOfSecond })
            for (var i = 0; i < 2; i++)
            {
                var page = await reader.GetAsync(MapPage);
                Assert.Equal(i == 1, page.Headers.Age is not null);
                Assert.DoesNotContain("兩個執行個體", await page.Content.ReadAsStringAsync());
                Assert.DoesNotContain("987.6", await reader.GetStringAsync(Export));
            }

        // Signed in on the first instance; the token is good on the second (one key ring, in the database).
        using var planner = await first.SignInAsync("rdec@example.org");
        using var plannerOnSecond = second.CreateClient();
        plannerOnSecond.DefaultRequestHeaders.Authorization = planner.DefaultRequestHeaders.Authorization;
        Assert.Equal("rdec@example.org", (await Json(await plannerOnSecond.GetAsync("/api/account/me")))["email"]!.GetValue<string>());
        Assert.Contains("編輯策略地圖", await plannerOnSecond.GetStringAsync(MapPage));

        // The vision changed through the second instance: the first's next answer, signed out or in, has it.
        await CityMapEdits.ChangeVisionAsync(plannerOnSecond, "兩個執行個體看到同一個願景");
        Assert.Contains("【願景】</strong>兩個執行個體看到同一個願景", await readerOfFirst.GetStringAsync(MapPage));
        Assert.Contains("【願景】</strong>兩個執行個體看到同一個願景", await planner.GetStringAsync(MapPage));
        Assert.Contains("【願景】</strong>兩個執行個體看到同一個願景", await readerOfSecond.GetStringAsync(MapPage));

        // A target set through the first is in the second's next export.
        await Ok(await planner.PutAsJsonAsync("/api/maps/臺北市政府/107/kpis/AC1.1/targets/107/Y", new { value = 987.6 }));
        Assert.Contains("987.6", await readerOfSecond.GetStringAsync(Export));
    }
}
