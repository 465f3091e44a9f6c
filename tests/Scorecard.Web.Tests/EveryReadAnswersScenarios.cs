using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 33 §9: every read answers. Every GET operation of the OpenAPI document the app serves is asked for every demo
/// organisation and year it has (from GET /api/organisations), for a year without a map, for an organisation without
/// any, and for one that does not exist, signed out and signed in, on both databases: each answer is a 200 or a 4xx
/// problem in words (Chinese in its title or detail), never a 500. A new read operation is walked without a line here;
/// one with a path parameter the walk does not know fails the test until it is taught.
/// </summary>
[Collection(ServersCollection.Name)]
public partial class EveryReadAnswersScenarios(Servers servers, Xunit.Abstractions.ITestOutputHelper output)
{
    const string Secretariat = "臺北市政府秘書處";

    /// <summary>Signed out, and the city's planner (研考, who reads everything under the city, published or not).</summary>
    static readonly string[] Readers = ["anonymous", "rdec@example.org"];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Every_read_of_the_api_document_answers_200_or_a_problem_in_words_for_every_organisation_and_year(string provider)
    {
        var server = await servers.DemoAsync(provider);
        using var anonymous = server.CreateClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var reads = document["paths"]!.AsObject().Where(p => p.Value!["get"] is not null).Select(p => p.Key).ToList();
        Assert.True(reads.Count >= 20, $"only {reads.Count} read operations in the document");

        var urls = await UrlsAsync(server, reads);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Each reader asks in four streams at once: on PostgreSQL a read waits on its round trips more than on the cores.
        var seen = (await Task.WhenAll(Readers.Select(async reader =>
        {
            using var client = reader == "anonymous" ? server.CreateClient() : await server.SignInAsync(reader);
            var answers = new System.Collections.Concurrent.ConcurrentBag<(string Url, HttpStatusCode Status, string? Type, string Body)>();
            await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (url, ct) =>
            {
                using var answer = await client.GetAsync(url, ct);
                answers.Add((Uri.UnescapeDataString(url), answer.StatusCode, answer.Content.Headers.ContentType?.MediaType, await answer.Content.ReadAsStringAsync(ct)));
            });
            return (reader, answers: answers.ToList());
        }))).ToDictionary(r => r.reader, r => r.answers);

        output.WriteLine($"{provider}: {urls.Count} addresses × {Readers.Length} readers in {clock.Elapsed}");
        var failures = new List<string>();
        foreach (var (reader, answers) in seen)
            foreach (var (url, status, type, body) in answers)
            {
                var code = (int)status;
                if (code == 200) continue;
                if (code is < 400 or >= 500)
                    failures.Add($"{reader} {url}: {code} {body[..Math.Min(body.Length, 300)]}");
                else if (type != "application/problem+json" || !InWords(body))
                    failures.Add($"{reader} {url}: {code} {type} without a problem in words: {body[..Math.Min(body.Length, 300)]}");
            }
        Assert.True(failures.Count == 0, $"{failures.Count} of {urls.Count * Readers.Length} reads:\n" + string.Join("\n", failures.Take(60)));

        // The walk reaches both kinds of answer: maps found and maps not.
        var planner = seen["rdec@example.org"];
        Assert.Contains(planner, a => a.Url == "/api/maps/臺北市北投區公所/110" && a.Status == HttpStatusCode.OK);
        Assert.Contains(planner, a => a.Url == $"/api/maps/{Secretariat}/104" && a.Status == HttpStatusCode.NotFound);
        Assert.Contains(planner, a => a.Url == $"/api/maps/{UnknownOrganisation}/107" && a.Status == HttpStatusCode.NotFound);

        // The Secretariat has no map of 106: the 105 plan is in force, with its 39 KPIs, their 106 targets and the
        // 106 council report's results (seeds 001 and 004).
        foreach (var reader in Readers)
        {
            var map = JsonNode.Parse(seen[reader].Single(a => a.Url == $"/api/maps/{Secretariat}/106").Body)!;
            Assert.Equal(105, map["planYear"]!.GetValue<int>());
            var kpis = map["kpis"]!.AsArray();
            Assert.Equal(39, kpis.Count);
            static bool Has106Target(JsonNode? values) => values?.AsArray().Any(v => v!["year"]!.GetValue<int>() == 106 && v["kind"]!.GetValue<string>() == "target") == true;
            // GF1.1 holds its targets in its two parts (圖片張數, 影片支數).
            var withoutTarget = kpis.Where(k => !Has106Target(k!["values"]) && !(k!["subValues"]?.AsArray().All(s => Has106Target(s!["values"])) ?? false)).Select(k => k!["code"]!.GetValue<string>());
            Assert.Empty(withoutTarget);
            Assert.Equal(21m, kpis.Single(k => k!["code"]!.GetValue<string>() == "AC1.1")!["values"]!.AsArray()
                .Single(v => v!["year"]!.GetValue<int>() == 106 && v["kind"]!.GetValue<string>() == "target")!["value"]!.GetValue<decimal>());
            var results = map["evaluations"]!.AsArray();
            Assert.Equal(29, results.Count);   // 28 items of section 貳, GF1.1 counted as 圖片 and 影片
            Assert.All(results, r => Assert.Equal(106, r!["year"]!.GetValue<int>()));
            var ac11 = results.First(r => r!["kpi"]?.GetValue<string>() == "AC1.1")!;
            Assert.Equal((12m, 11.75m), (ac11["target"]!.GetValue<decimal>(), ac11["actual"]!.GetValue<decimal>()));
        }
    }

    const string UnknownOrganisation = "XYZ999";

    /// <summary>
    /// The addresses to ask: each read operation with its path parameters filled for every (organisation, year) the
    /// demo data has, and for the Secretariat's 104 (before its first map), Beitou's 109, the city's 106, 環保局's 107
    /// (an agency with no map of its own) and an organisation code that is nobody's. Codes are the map's own first theme,
    /// objective, KPI and plan, and a KPI code the map does not have.
    /// Some 350 addresses.
    /// </summary>
    static async Task<List<string>> UrlsAsync(ScorecardServer server, IReadOnlyList<string> reads)
    {
        using var client = await server.SignInAsync("admin@example.org");
        var organisations = new List<(string Name, int Year)>();
        void Walk(JsonNode? node)
        {
            foreach (var o in node?.AsArray() ?? [])
            {
                organisations.AddRange(o!["years"]!.AsArray().Select(y => (o["name"]!.GetValue<string>(), y!.GetValue<int>())));
                Walk(o["children"]);
            }
        }
        Walk(await Json(await client.GetAsync("/api/organisations")));
        Assert.Contains((Secretariat, 106), organisations);
        Assert.True(organisations.Count >= 9, $"only {organisations.Count} organisation years in the demo data");
        organisations.AddRange([(Secretariat, 104), ("臺北市北投區公所", 109), ("臺北市政府", 106), ("臺北市政府環境保護局", 107), (UnknownOrganisation, 107)]);

        var urls = new List<string> { "/api/dashboard", "/api/search?q=%E7%A9%BA%E6%B0%A3" };
        foreach (var (organisation, year) in organisations)
        {
            var map = await client.GetAsync($"/api/maps/{Uri.EscapeDataString(organisation)}/{year}");
            var found = map.StatusCode == HttpStatusCode.OK ? await Json(map) : null;
            string First(string list, string fallback) => found?[list]?.AsArray().FirstOrDefault()?["code"]?.GetValue<string>() ?? fallback;
            var plan = First("actionPlans", "AC1.1.1");
            var kpi = found?["actionPlans"]?.AsArray().FirstOrDefault()?["kpi"]?.GetValue<string>() ?? First("kpis", "AC1.1");
            var values = new Dictionary<string, string[]>
            {
                ["organisation"] = [organisation], ["rocYear"] = [$"{year}"], ["valueRocYear"] = [$"{year}"], ["period"] = ["Y"],
                ["themes/{code}"] = [First("themes", "A")], ["objectives/{code}"] = [First("objectives", "AC1")], ["kpis/{code}"] = [kpi],
                ["planCode"] = [plan], ["kind"] = ["policy", "bsc", "council", "results"], ["format"] = ["csv", "json"],
            };
            foreach (var route in reads)
            {
                var filled = new List<string> { route };
                foreach (Match parameter in PathParameter().Matches(route))
                {
                    // A code is a theme's, an objective's or a KPI's by the segment before it.
                    var name = parameter.Groups[1].Value == "code" ? route[..parameter.Index].Split('/')[^2] + "/{code}" : parameter.Groups[1].Value;
                    Assert.True(values.TryGetValue(name, out var choices), $"The read {route} has a path parameter {name} the walk does not fill.");
                    filled = filled.SelectMany(u => choices.Select(c => u.Replace(parameter.Value, Uri.EscapeDataString(c)))).ToList();
                }
                urls.AddRange(filled.Select(u => u.Contains("/reports/") ? u + "?format=html" : u));
            }
            urls.Add($"/api/maps/{Uri.EscapeDataString(organisation)}/{year}/kpis/ZZ9.9");   // a KPI the map does not have
            urls.Add($"/api/dashboard?year={year}&organisation={Uri.EscapeDataString(organisation)}");
        }
        return urls.Distinct().ToList();
    }

    /// <summary>A problem in words: Chinese in its title or detail.</summary>
    static bool InWords(string body) =>
        JsonNode.Parse(body) is { } problem && new[] { "title", "detail" }.Any(p => problem[p]?.GetValue<string>() is { } text && Chinese().IsMatch(text));

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex PathParameter();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
