// The deadline rush: many reporters, each with an account of their own and a bearer token, entering
// their KPIs' figures for one open period at once, as on the morning of a deadline. Neighbouring
// reporters share KPIs, so edits of one figure collide. Every save is conditional, as the entry page's:
// on the version last read or saved (If-Match), or on nothing entered yet (If-None-Match: *). A reporter
// reads an entry (GET, its ETag) first and again after a refused save; a save's answer carries the next ETag.
// At the end every figure is read back: for each KPI, the acknowledged saves must carry distinct versions
// (two saves acknowledged on the same version would be a lost update) and the stored figure must be the
// one of the newest acknowledged save.
//   dotnet run --project bench/DeadlineRush -c Release -- <base url> <admin email> <admin password>
// Settings (environment): RUSH_REPORTERS=500 RUSH_SECONDS=60 RUSH_ORGANISATIONS=50 YEAR=109 PERIOD=Q4 KPIS_EACH=4
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

var (baseUrl, adminEmail, adminPassword) = args.Length == 3 ? (args[0].TrimEnd('/'), args[1], args[2])
    : throw new ArgumentException("usage: <base url> <admin email> <admin password>");
int Setting(string name, int otherwise) => int.TryParse(Environment.GetEnvironmentVariable(name), out var v) ? v : otherwise;
var reporters = Setting("RUSH_REPORTERS", 500);
var seconds = Setting("RUSH_SECONDS", 60);
var organisationCount = Setting("RUSH_ORGANISATIONS", 50);
var year = Setting("YEAR", 109);
var kpisEach = Setting("KPIS_EACH", 4);
var period = Environment.GetEnvironmentVariable("PERIOD") ?? "Q4";

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = reporters + 10, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{ BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(100) };

var admin = await SignInAsync(adminEmail, adminPassword);

// The synthetic city's agencies and districts (not the city itself), their periods opened, their plain KPIs.
static IEnumerable<JsonElement> Tree(JsonElement level) =>
    level.EnumerateArray().SelectMany(o => Tree(o.GetProperty("children")).Prepend(o));
var organisations = Tree(await Send(HttpMethod.Get, "/api/organisations", admin).ReadJson())
    .Select(o => o.GetProperty("name").GetString()!)
    .Where(n => n.StartsWith("合成市第", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Take(organisationCount).ToList();
if (organisations.Count == 0) throw new InvalidOperationException("No synthetic city: run the generate verb first.");
var kpisOf = new Dictionary<string, List<string>>();
foreach (var organisation in organisations)
{
    var opened = await Send(HttpMethod.Post, $"{MapPath(organisation)}/periods/{year}/{period}/open", admin, new { deadline = "2099-12-31" });
    if (opened.StatusCode != HttpStatusCode.OK && opened.StatusCode != HttpStatusCode.Conflict)
        throw new InvalidOperationException($"open {organisation}: {(int)opened.StatusCode} {await opened.Content.ReadAsStringAsync()}");
    var map = await Send(HttpMethod.Get, MapPath(organisation), admin).ReadJson();
    kpisOf[organisation] = [.. map.GetProperty("kpis").EnumerateArray()
        .Where(k => !k.TryGetProperty("subValues", out var parts) || parts.ValueKind != JsonValueKind.Array)   // composite KPIs are entered per part
        .Select(k => k.GetProperty("code").GetString()!)];
}

// One account per reporter, each a reporter of one organisation, signed in with a bearer token.
Console.WriteLine($"Creating and signing in {reporters} reporters of {organisations.Count} organisations…");
var desks = new Desk[reporters];
await Parallel.ForAsync(0, reporters, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
{
    var organisation = organisations[i % organisations.Count];
    var email = $"rush{i:000}@example.org";
    var created = await Send(HttpMethod.Post, "/api/accounts", admin, new { email, role = "reporter", organisation });
    if (created.StatusCode == HttpStatusCode.UnprocessableEntity)   // the account exists, from an earlier run
        created = await Send(HttpMethod.Post, $"/api/accounts/{email}/password-reset", admin);
    var password = (await created.ReadJson()).GetProperty("password").GetString()!;
    // Reporter j of an organisation takes KPIs j*(k-1) … j*(k-1)+k-1 (wrapping): neighbours share one.
    var codes = kpisOf[organisation];
    var j = i / organisations.Count;
    var mine = Enumerable.Range(0, kpisEach).Select(t => codes[(j * (kpisEach - 1) + t) % codes.Count]).Distinct().ToList();
    desks[i] = new Desk(i, organisation, mine, await SignInAsync(email, password));
});

// The rush.
Console.WriteLine($"Rush: {reporters} reporters for {seconds} s on {year} {period}…");
var saved = new ConcurrentBag<Save>();
var answers = new ConcurrentDictionary<string, int>();
var saveTimes = new ConcurrentBag<double>();
var until = Stopwatch.StartNew();
await Task.WhenAll(desks.Select(desk => Task.Run(async () =>
{
    var known = new Dictionary<string, EntityTagHeaderValue?>();   // per KPI: the version last seen, or null for none entered
    for (var n = 0; until.Elapsed.TotalSeconds < seconds; n++)
    {
        var code = desk.Kpis[n % desk.Kpis.Count];
        var path = $"{MapPath(desk.Organisation)}/kpis/{Uri.EscapeDataString(code)}/values/{year}/{period}/actual";
        if (!known.TryGetValue(code, out var tag))
        {
            using var read = await Send(HttpMethod.Get, path, desk.Token);
            if (read.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound)) { answers.AddOrUpdate($"read {(int)read.StatusCode}", 1, (_, c) => c + 1); continue; }
            tag = read.StatusCode == HttpStatusCode.OK ? read.Headers.ETag : null;
        }
        var value = desk.Number * 100_000m + n;   // names the reporter and the save
        var save = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(new { value, confirm = true }) };   // far from any target by design
        save.Headers.Authorization = new("Bearer", desk.Token);
        if (tag is not null) save.Headers.IfMatch.Add(tag);
        else save.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
        var clock = Stopwatch.StartNew();
        using var answer = await http.SendAsync(save);
        saveTimes.Add(clock.Elapsed.TotalMilliseconds);
        answers.AddOrUpdate($"save {(int)answer.StatusCode}", 1, (_, c) => c + 1);
        if (answer.StatusCode == HttpStatusCode.OK)
        {
            known[code] = answer.Headers.ETag;
            saved.Add(new Save(desk.Organisation, code, (await answer.ReadJson()).GetProperty("version").GetInt64(), value));
        }
        else known.Remove(code);   // someone else's save came first: read it again
    }
})));
var elapsed = until.Elapsed.TotalSeconds;

// Every figure read back.
var lost = 0;
var kpis = 0;
foreach (var kpi in saved.GroupBy(s => (s.Organisation, s.Code)))
{
    kpis++;
    var acknowledged = kpi.OrderBy(s => s.Version).ToList();
    var stored = await Send(HttpMethod.Get, $"{MapPath(kpi.Key.Organisation)}/kpis/{Uri.EscapeDataString(kpi.Key.Code)}/values/{year}/{period}/actual", admin).ReadJson();
    var twice = acknowledged.GroupBy(s => s.Version).Count(g => g.Count() > 1);
    var newest = acknowledged[^1];
    if (twice > 0 || stored.GetProperty("version").GetInt64() != newest.Version || stored.GetProperty("value").GetDecimal() != newest.Value)
    {
        lost++;
        Console.WriteLine($"LOST: {kpi.Key.Organisation} {kpi.Key.Code}: stored {stored.GetProperty("value")} v{stored.GetProperty("version")}, newest acknowledged {newest.Value} v{newest.Version}, versions acknowledged twice: {twice}");
    }
}

var times = saveTimes.Order().ToArray();
double Percentile(double p) => times.Length == 0 ? 0 : times[Math.Min(times.Length - 1, (int)(p * times.Length))];
var errors = answers.Where(a => a.Key is not ("save 200" or "save 409" or "save 412")).Sum(a => a.Value);
Console.WriteLine($"RUSH reporters={reporters} seconds={elapsed:0.0} saves_acknowledged={saved.Count} writes_per_s={saved.Count / elapsed:0.0} " +
    $"conflicts_412={answers.GetValueOrDefault("save 412")} conflicts_409={answers.GetValueOrDefault("save 409")} other_errors={errors} " +
    $"save_p50_ms={Percentile(0.5):0} save_p95_ms={Percentile(0.95):0} save_p99_ms={Percentile(0.99):0} kpis_read_back={kpis} lost_updates={lost}");
foreach (var (answer, count) in answers.OrderBy(a => a.Key)) Console.WriteLine($"  {answer}: {count}");
return lost == 0 && errors == 0 ? 0 : 1;

async Task<string> SignInAsync(string email, string password)
{
    var answer = await http.PostAsJsonAsync("/api/account/login", new { email, password });
    return (await answer.ReadJson()).GetProperty("accessToken").GetString()!;
}

Task<HttpResponseMessage> Send(HttpMethod method, string path, string token, object? body = null)
{
    var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
    request.Headers.Authorization = new("Bearer", token);
    return http.SendAsync(request);
}

string MapPath(string organisation) => $"/api/maps/{Uri.EscapeDataString(organisation)}/{year}";

sealed record Desk(int Number, string Organisation, List<string> Kpis, string Token);
sealed record Save(string Organisation, string Code, long Version, decimal Value);

static class Answers
{
    public static async Task<JsonElement> ReadJson(this Task<HttpResponseMessage> answer) => await (await answer).ReadJson();

    public static async Task<JsonElement> ReadJson(this HttpResponseMessage answer)
    {
        var text = await answer.Content.ReadAsStringAsync();
        if (!answer.IsSuccessStatusCode)
            throw new InvalidOperationException($"{answer.RequestMessage?.Method} {answer.RequestMessage?.RequestUri}: {(int)answer.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
