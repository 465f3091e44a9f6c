using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Scorecard.Testing;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>Issue 11 §2: PostgreSQL restarted under a running server.</summary>
[Collection(ServersCollection.Name)]
public class OutageScenarios
{
    const string Map = "/api/maps/臺北市政府/107";
    const string Target = Map + "/kpis/AC1.1/targets/107/Y";

    [Fact]
    public async Task While_PostgreSQL_restarts_requests_get_503_in_words_and_change_nothing_and_after_it_the_same_server_answers()
    {
        // A server of its own to stop, and pooled connections as in production (the pool is what must recover).
        await using var postgres = await PostgresServer.StartAsync();
        var connection = (await postgres.CreateDatabaseAsync()).Replace("Pooling=false", "Pooling=true");
        await using var server = new ScorecardServer("postgres", connection, demoData: true);
        using var planner = await server.SignInAsync("rdec@example.org");
        using var reader = server.CreateClient();
        var target = await TargetAsync(planner);
        await Ok(await reader.GetAsync("/maps/臺北市政府/107"));
        await Ok(await reader.GetAsync("/maps/臺北市政府/107"));   // now a kept answer

        await postgres.StopAsync();
        var during = new List<HttpResponseMessage>
        {
            await planner.GetAsync(Map),
            await reader.GetAsync("/maps/臺北市政府/107"),   // a kept page is not served as if nothing were wrong
            await planner.PutAsJsonAsync(Target, new { value = target + 1 }),
        };
        foreach (var answer in during)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.Equal("資料庫暫時無法連線，未變更任何資料；請稍後再試。", (await Json(answer))["title"]!.GetValue<string>());
            Assert.Equal("5", Assert.Single(answer.Headers.GetValues("Retry-After")));
        }
        // A browser asking for the page is shown a page, in words, with a way to try again.
        var browser = new HttpRequestMessage(HttpMethod.Get, "/maps/臺北市政府/107");
        browser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        var page = await reader.SendAsync(browser);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<p role=\"alert\">資料庫暫時無法連線，未變更任何資料；請稍後再試。</p>", html);
        Assert.Contains(">再試一次</a>", html);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await reader.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/healthz")).StatusCode);

        await postgres.StartAgainAsync();
        // The same server, not restarted: the first requests after the database is back succeed.
        await Ok(await reader.GetAsync("/readyz"));
        await Ok(await reader.GetAsync("/maps/臺北市政府/107"));
        Assert.Equal(target, await TargetAsync(planner));   // the write refused during the outage left nothing
        await Ok(await planner.PutAsJsonAsync(Target, new { value = target + 2 }));
        Assert.Equal(target + 2, await TargetAsync(planner));
    }

    static async Task<decimal> TargetAsync(HttpClient client)
    {
        var map = await Json(await client.GetAsync(Map));
        var kpi = map["kpis"]!.AsArray().First(k => k!["code"]!.GetValue<string>() == "AC1.1")!;
        return kpi["values"]!.AsArray().First(v => v!["kind"]!.GetValue<string>() == "target" && v["year"]!.GetValue<int>() == 107 && v["period"]!.GetValue<string>() == "Y")!["value"]!.GetValue<decimal>();
    }
}
