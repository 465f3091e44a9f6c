using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 32 §1 and §6: what the city has not published reaches only those whose role reads it. Unpublished facts are
/// made in the test — a reporter's draft figure with its 狀況分析 and note, an approved figure not yet published, a
/// period published and reopened with a reason, a KPI added to a draft (a revision not yet published) — and every GET
/// route under /api, from the app's own route table, is walked signed out and as each kind of reader. A new read route
/// is walked without a line here.
/// </summary>
[Collection(ServersCollection.Name)]
public class UnpublishedReadsScenarios(Servers servers)
{
    const string DraftFigure = "4321.5", DraftFigureShown = "4,321.5", DraftAnalysis = "機密狀況分析甲乙丙", DraftNote = "內部附註丁戊己";
    const string ApprovedFigure = "8765.4", ApprovedFigureShown = "8,765.4";
    const string ReopenReason = "內部重新開放理由庚辛";
    const string DraftKpi = "草案機密指標壬癸";
    static readonly string[] StaffAddresses = ["rdec@example.org", "epb@example.org", "admin@example.org"];

    // The readers: signed out; a reporter of 都發局 (no read rights on the city's map); the mayor's office (檢視 of the
    // city: every figure, published or not, but no draft); the city's planner (研考: the draft too).
    static readonly string[] Readers = ["anonymous", "udd@example.org", "mayor@example.org", "rdec@example.org"];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task No_read_of_the_api_shows_unpublished_work_drafts_or_staff_addresses_to_those_whose_role_does_not_read_them(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        await MakeUnpublishedFactsAsync(server);

        var urls = ReadUrls(server.Services);
        // The readers side by side: some 560 requests, many of them whole documents.
        var seen = (await Task.WhenAll(Readers.Select(async reader =>
        {
            using var client = reader == "anonymous" ? server.CreateClient() : await server.SignInAsync(reader);
            var answers = new List<(string Url, HttpStatusCode Status, string Body)>();
            foreach (var url in urls)
            {
                var answer = await client.GetAsync(url);
                answers.Add((Uri.UnescapeDataString(url), answer.StatusCode, await answer.Content.ReadAsStringAsync()));
            }
            return (reader, answers);
        }))).ToDictionary(r => r.reader, r => r.answers);

        var failures = new List<string>();
        foreach (var (reader, answers) in seen)
            foreach (var (url, status, body) in answers)
            {
                if ((int)status >= 500)
                    failures.Add($"{reader} {url}: {(int)status} {body[..Math.Min(body.Length, 300)]}");
                var mayReadUnpublished = reader is "mayor@example.org" or "rdec@example.org";
                var forbidden = new List<string>();
                if (!mayReadUnpublished)
                    forbidden.AddRange([DraftFigure, DraftFigureShown, DraftAnalysis, DraftNote, ApprovedFigure, ApprovedFigureShown, ReopenReason, .. StaffAddresses]);
                if (reader != "rdec@example.org")
                {
                    forbidden.Add(DraftKpi);
                    // The draft is not there for them: its periods and its evaluation are not found (its other reads
                    // answer with the plan in force for 110, the published 109 map, which is theirs to read).
                    if (url is "/api/maps/臺北市政府/110/periods" or "/api/maps/臺北市政府/110/evaluation/110" && status != HttpStatusCode.NotFound
                        && !(reader == "anonymous" && status == HttpStatusCode.Unauthorized))
                        failures.Add($"{reader} {url}: {(int)status} for a draft map");
                }
                foreach (var secret in forbidden.Where(body.Contains))
                    failures.Add($"{reader} {url}: shows 「{secret}」");
            }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The walk reaches the facts: those whose role reads them find each one somewhere.
        string All(string reader) => string.Join("\n", seen[reader].Select(a => a.Body));
        foreach (var fact in new[] { DraftFigure, DraftAnalysis, ApprovedFigure, ReopenReason, "rdec@example.org" })
            Assert.Contains(fact, All("mayor@example.org"));
        Assert.Contains(DraftKpi, All("rdec@example.org"));
        Assert.Equal(HttpStatusCode.OK, seen["rdec@example.org"].Single(a => a.Url == "/api/maps/臺北市政府/110/evaluation/110").Status);
        // 修改紀錄 says why it is refused: sign in, or a role that reads the organisation's unpublished figures.
        Assert.Equal(HttpStatusCode.Unauthorized, seen["anonymous"].Single(a => a.Url == "/api/maps/臺北市政府/107/kpis/AC1.1/history").Status);
        var refused = seen["udd@example.org"].Single(a => a.Url == "/api/maps/臺北市政府/107/kpis/AC1.1/history");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("您的角色不能查看修改紀錄。", refused.Body);
    }

    /// <summary>A draft entry, an approved one, a period published then reopened, and a KPI on the 110 draft.</summary>
    static async Task MakeUnpublishedFactsAsync(ScorecardServer server)
    {
        using var planner = await server.SignInAsync("rdec@example.org");
        using var reporter = await server.SignInAsync("epb@example.org");
        const string Map = "/api/maps/臺北市政府/107";
        await Ok(await planner.PostAsJsonAsync($"{Map}/periods/107/Q3/open", new { deadline = "2018-10-15", confirm = true }));
        await Ok(await reporter.PutAsJsonAsync($"{Map}/kpis/AC1.1/values/107/Q3/actual",
            new { value = decimal.Parse(DraftFigure), analysis = DraftAnalysis, countermeasure = "加強稽查", note = DraftNote, confirm = true }));   // figures no page would show by chance: far off, so confirmed
        var approved = await reporter.PutAsJsonAsync($"{Map}/kpis/AC1.2/values/107/Q3/actual", new { value = decimal.Parse(ApprovedFigure), confirm = true });
        await Ok(approved);
        var submitted = await reporter.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Map}/kpis/AC1.2/values/107/Q3/submit") { Headers = { { "If-Match", approved.Headers.ETag!.Tag } } });
        await Ok(submitted);
        await Ok(await planner.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Map}/kpis/AC1.2/values/107/Q3/approve") { Headers = { { "If-Match", submitted.Headers.ETag!.Tag } } }));
        await Ok(await planner.PostAsJsonAsync($"{Map}/periods/107/Q4/open", new { deadline = "2019-01-15", confirm = true }));
        await Ok(await planner.PostAsync($"{Map}/periods/107/Q4/publish", Confirmed()));
        await Ok(await planner.PostAsJsonAsync($"{Map}/periods/107/Q4/reopen", new { reason = ReopenReason }));
        Assert.Equal(HttpStatusCode.Created, (await planner.PostAsync("/api/maps/臺北市政府/109/roll-forward", null)).StatusCode);
        var added = await planner.PostAsJsonAsync("/api/maps/臺北市政府/110/kpis", new { code = "DC1.9", objective = "DC1", name = DraftKpi, owners = new[] { "環保局" } });
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Every GET route under /api of the running app, its parameters filled for the city's 107 map (the unpublished
    /// entries) and for its 110 draft; documents in each format. A route whose parameter is not known here fails the test.
    /// </summary>
    static List<string> ReadUrls(IServiceProvider services)
    {
        var routes = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null
                        && (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? false)
                        && e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Distinct().ToList();
        Assert.True(routes.Count >= 20, $"only {routes.Count} read routes");
        var maps = new[]
        {
            new Dictionary<string, string[]> { ["organisation"] = ["臺北市政府"], ["rocYear"] = ["107"], ["valueRocYear"] = ["107"], ["period"] = ["Q3", "Q4"], ["code"] = ["AC1.1", "AC1.2", "A", "AC1"], ["planCode"] = ["AC1.1.1"], ["email"] = ["epb@example.org"] },
            new Dictionary<string, string[]> { ["organisation"] = ["臺北市政府"], ["rocYear"] = ["110"], ["valueRocYear"] = ["110"], ["period"] = ["Q1"], ["code"] = ["DC1.9", "D", "DC1"], ["planCode"] = ["DC1.9.1"], ["email"] = ["epb@example.org"] },
        };
        var urls = new List<string>();
        foreach (var route in routes)
            foreach (var values in maps)
            {
                var filled = new List<string> { route };
                foreach (Match parameter in Regex.Matches(route, @"\{(\w+)(:[^}]*)?\}"))
                {
                    var name = parameter.Groups[1].Value;
                    var choices = name switch
                    {
                        "kind" => ["policy", "council", "results", "bsc"],
                        "format" => ["csv", "json"],
                        _ => values.TryGetValue(name, out var v) ? v : throw new InvalidOperationException($"The read route {route} has a parameter {name} the walk does not fill."),
                    };
                    filled = filled.SelectMany(u => choices.Select(c => u.Replace(parameter.Value, Uri.EscapeDataString(c)))).ToList();
                }
                urls.AddRange(filled.Select(u => u.Contains("/reports/") ? u + "?format=html" : u));
            }
        // What the query string chooses: the dashboard's period and organisation, a search, the reporting sheet of a year.
        urls.AddRange(["/api/dashboard?year=107&period=Q3", "/api/dashboard?year=107&period=Q3&organisation=臺北市政府", "/api/search?q=AC1",
            "/api/search?q=DC1.9", "/api/maps/臺北市政府/107/reports/council?format=html&period=Q3", "/api/maps/臺北市政府/107/reports/policy?format=html&period=Q3"]);
        return urls.Distinct().ToList();   // about 130 addresses
    }
}
