using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scorecard.Testing;
using Xunit.Abstractions;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 11 §1, the request bodies: every write route that reads a JSON body gets its full, valid body
/// (which must be taken: the route is reached) and then that body mutated the ways the import's files
/// are (<see cref="MutatedFiles.Json"/>: cut short, types swapped, huge strings, 100,000-deep nesting,
/// duplicate keys, invalid UTF-8, absurd numbers, control characters …), sent as another media type,
/// and with a nonsense If-Match. Each answer is a success or a refusal in Chinese that changes nothing
/// (every table's checksum as before); a 422 names the field. Never a 500.
/// </summary>
[Collection(LongRunningCollection.Name)]
public class FuzzedBodyScenarios(Servers servers, ITestOutputHelper output)
{
    const string City = "/api/maps/臺北市政府";

    /// <summary>
    /// Each write route with a body, as the administrator sends it, in an order where each finds what the
    /// ones before made (theme Z, objective AC8, KPI AC8.1 …). A row without a body is a step between them, not fuzzed.
    /// </summary>
    static readonly (string Method, string Url, object? Body)[] Routes =
    [
        ("POST", "/api/account/login", new { email = "nobody@example.org", password = "not-the-password" }),
        ("POST", City + "/107/periods/107/Q3/open", new { deadline = "2018-10-15", confirm = true }),
        ("PUT", City + "/107/kpis/AC1.1/values/107/Q3/actual",
            new { value = 44.5, narrative = "第三季執行情形", analysis = "雨量偏多", countermeasure = "加強巡查", note = "備註" }),
        ("POST", City + "/107/kpis/AC1.1/values/107/Q3/submit", null),
        ("POST", City + "/107/kpis/AC1.1/values/107/Q3/return", new { comment = "請補充說明" }),
        ("POST", City + "/107/periods/107/Q4/reopen", new { reason = "更正誤植", deadline = "2019-01-31", confirm = true }),
        ("PUT", City + "/108/evaluation/108/kpis/DC1.1", new
        {
            innovation = 80, challenge = 75.5, contribution = 90,
            innovationNarrative = "首創", challengeNarrative = "跨局處", contributionNarrative = "市民有感",
            situationAnalysis = new[] { "景氣趨緩", "投資增加" }, countermeasures = new[] { "簡化流程" },
        }),
        ("POST", City + "/108/evaluation/108/kpis/DC1.1/submit", null),
        ("POST", City + "/108/evaluation/108/kpis/DC1.1/return", new { comment = "請補充創新度說明" }),
        ("PUT", City + "/107/statement", new
        {
            mission = new[] { "打造宜居城市", "提升市民幸福" }, vision = "宜居永續城市", coreValues = new[] { "清廉", "效能", "便民" }, perspectiveOrder = "CPLF",
        }),
        ("POST", City + "/107/themes", new { code = "Z", name = "測試主題", leadUnit = "研考會", coUnits = new[] { "環保局", "都發局" }, notes = "說明" }),
        ("PUT", City + "/107/themes/Z", new { code = "Z", name = "測試主題（改）", leadUnit = "研考會", coUnits = new[] { "環保局" }, notes = "說明" }),
        ("POST", City + "/107/objectives", new { code = "AC8", theme = "A", perspective = "C", name = "測試目標", keySuccessFactor = "關鍵成功因素", notes = "說明" }),
        ("PUT", City + "/107/objectives/AC8", new { code = "AC8", theme = "A", perspective = "C", name = "測試目標（改）", keySuccessFactor = "關鍵成功因素" }),
        ("POST", City + "/107/links", new { from = "AC8", to = "AC1" }),
        ("POST", City + "/107/kpis", new
        {
            code = "AC8.1", objective = "AC8", name = "測試 KPI", formula = "完成件數 / 目標件數 × 100%", unit = "%", direction = "higher", threshold = "80",
            owners = new[] { "環保局" }, coOwners = new[] { "都發局" }, weight = 20, frequency = "quarterly", aggregation = "cumulative", notes = "說明",
        }),
        ("PUT", City + "/107/kpis/AC8.1", new
        {
            code = "AC8.1", objective = "AC8", name = "測試 KPI（改）", formula = "完成件數", unit = "件", direction = "higher",
            owners = new[] { "環保局" }, weight = 25, frequency = "quarterly", aggregation = "cumulative",
        }),
        ("PUT", City + "/107/kpis/AC8.1/targets/107/Y", new { value = 60, note = "年度目標" }),
        ("POST", City + "/107/kpis/AC8.1/plans", new
        {
            code = "AC8.1.1", name = "測試方案", owners = new[] { "環保局" }, weight = 50, notes = "說明",
            budgets = new[] { new { rocYear = 107, amount = 1200000 }, new { rocYear = 108, amount = 1500000 } },
            tasks = new[] { new { name = "宣導", group = "第一組", months = new[] { 1, 2, 3 } } },
        }),
        ("PUT", City + "/107/kpis/AC8.1/plans/AC8.1.1", new
        {
            code = "AC8.1.1", name = "測試方案（改）", owners = new[] { "環保局" }, weight = 40,
            budgets = new[] { new { rocYear = 107, amount = 1000000 } }, tasks = new[] { new { name = "宣導", group = "第一組", months = new[] { 4, 5 } } },
        }),
        ("POST", City + "/107/kpis/AC8.1/parts", new { code = "AC8.1", name = "測試分項", owners = new[] { "都發局" }, weight = 50 }),
        ("PUT", City + "/107/settings", new
        {
            scoring = new
            {
                achievementWeight = 70, innovationWeight = 10, challengeWeight = 10, contributionWeight = 10, achievementCap = 120,
                lights = new object[] { new { label = "綠燈", symbol = "●", min = 90 }, new { label = "黃燈", symbol = "▲", min = 70 }, new { label = "紅燈", symbol = "■" } },
            },
            achievementRules = new object[]
            {
                new { lowerIsBetter = "targetOverActual", noCap = false, cap = 120, rounding = "halfUp", decimals = 1 },
                new { theme = "A", rounding = "truncate", decimals = 2 },
            },
        }),
        ("POST", "/api/accounts", new { email = "new@example.org", role = "viewer", organisation = "臺北市政府" }),
        ("POST", "/api/accounts/new@example.org/roles", new { role = "reporter", organisation = "環保局" }),
        ("POST", "/api/organisations", new { name = "臺北市政府數位發展局", level = "bureau", parent = "臺北市政府", aliases = new[] { "數發局" } }),
        ("PUT", "/api/organisations/臺北市政府數位發展局", new { name = "臺北市政府數位發展局", level = "bureau", parent = "臺北市政府", aliases = new[] { "數發局", "數位局" } }),
        ("POST", City + "/109/roll-forward", new { planYear = 110 }),
        ("DELETE", City + "/110/kpis/DP5.2", null),
        ("PUT", City + "/110/revision/reasons", new { change = "deleteKpi", code = "DP5.2", reason = "併入 DP5.1 評估" }),
        ("POST", City + "/110/kpis/DP3.1/move", new { organisation = "產業局", objective = "BP1" }),
    ];

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A body as it is sent: bytes, media type, If-Match; and what was done to it.</summary>
    sealed record Sent(string Mutation, byte[] Content, string MediaType = "application/json", string? IfMatch = null);

    static IEnumerable<Sent> Mutations(byte[] valid, int seed) =>
    [
        .. MutatedFiles.Json(valid, 15, seed).Select(m => new Sent(m.Mutation, m.Content)),
        new("sent as text/plain", valid, "text/plain"),
        new("sent as a form", Encoding.UTF8.GetBytes("code=X&name=Y"), "application/x-www-form-urlencoded"),
        new("no body", []),
        new("If-Match not a version", valid, IfMatch: "\"abc\""),
        new("If-Match of another row", valid, IfMatch: "\"999999999\""),
    ];

    /// <summary>
    /// On PostgreSQL, the stricter of the two about what a text may hold. (Run on SQLite too, the answers
    /// were the same, one for one; the import's fuzzing runs on both.)
    /// </summary>
    [Fact]
    public async Task Mutated_bodies_on_every_write_route_are_taken_or_refused_in_chinese_and_change_nothing()
    {
        // The demo maps the routes name, not all of them: every answer is followed by a checksum of every table.
        var server = await servers.FreshAsync("postgres");
        using var admin = await server.AdministratorAsync();
        var demo = Path.Combine(Repository.Root, "src", "Scorecard.Web", "DemoData");
        foreach (var name in new[] { "organisations.json", "city-107q1-A.json", "theme-d-108-results.json", "theme-d-109-revision.json" })
            await Answers.Ok(await admin.PostAsync("/api/imports", Uploads.Of(name, File.ReadAllBytes(Path.Combine(demo, name)))));
        // 產業局's 110 map, for a KPI of the city's 110 draft to move to.
        await Answers.Ok(await admin.PostAsync("/api/imports", Uploads.Of("產業局-110.json", Encoding.UTF8.GetBytes("""
            { "organization": { "name": "臺北市政府產業發展局", "level": "bureau", "parent": "臺北市政府" }, "planYear": 110,
              "themes": [ { "code": "B", "name": "產業發展" } ],
              "objectives": [ { "code": "BP1", "theme": "B", "perspective": "P", "name": "扶植生技產業" } ] }
            """))));
        // Q4 published (to reopen), 108's year figures published and its evaluation open (to self-assess).
        await Answers.Ok(await admin.PostAsJsonAsync(City + "/107/periods/107/Q4/open", new { deadline = "2019-01-15", confirm = true }));
        await Answers.Ok(await admin.PostAsync(City + "/107/periods/107/Q4/publish", Answers.Confirmed()));
        await Answers.Ok(await admin.PostAsJsonAsync(City + "/108/periods/108/Y/open", new { deadline = "2020-01-31", confirm = true }));
        await Answers.Ok(await admin.PostAsync(City + "/108/periods/108/Y/publish", Answers.Confirmed()));
        await Answers.Ok(await admin.PostAsync(City + "/108/evaluation/108/open", null));

        var faults = new List<string>();
        var tally = new SortedDictionary<int, int>();
        var said = new List<(string Mutation, int Status, string Body)>();
        var seed = 0;
        foreach (var (method, url, body) in Routes)
        {
            if (body is null)
            {
                await Answers.Ok(await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)));
                continue;
            }
            var valid = JsonSerializer.SerializeToUtf8Bytes(body, Indented);
            var first = await SendAsync(admin, method, url, new Sent("valid", valid));
            if (!first.IsSuccessStatusCode && !(url.EndsWith("/login", StringComparison.Ordinal) && first.StatusCode == HttpStatusCode.Unauthorized))
                faults.Add($"{method} {url} valid: {(int)first.StatusCode} {await first.Content.ReadAsStringAsync()}");
            var before = await server.TableChecksumsAsync(url.EndsWith("/login", StringComparison.Ordinal) ? ["AuditEntries"] : []);
            foreach (var sent in Mutations(valid, ++seed))
            {
                var answer = await SendAsync(admin, method, url, sent);
                tally[(int)answer.StatusCode] = tally.GetValueOrDefault((int)answer.StatusCode) + 1;
                said.Add((sent.Mutation, (int)answer.StatusCode, await answer.Content.ReadAsStringAsync()));
                if (await FaultOf(answer) is { } fault)
                    faults.Add($"{method} {url} {sent.Mutation}: {fault}");
                else if (answer.IsSuccessStatusCode)
                    before = await server.TableChecksumsAsync();
                // A refused sign-in writes its audit entry, and nothing else.
                else if (await server.TableChecksumsAsync(url.EndsWith("/login", StringComparison.Ordinal) ? ["AuditEntries"] : []) != before)
                    faults.Add($"{method} {url} {sent.Mutation}: refused with {(int)answer.StatusCode}, yet the tables changed");
            }
        }

        output.WriteLine($"{Routes.Count(r => r.Body is not null)} routes, answers: {string.Join(", ", tally.Select(t => $"{t.Key} × {t.Value}"))}");
        Assert.True(faults.Count == 0, string.Join("\n", faults));
        Assert.True(tally.GetValueOrDefault(422) > 100, "the mutations reach the field checks");
        // What some of them were told, exactly.
        bool Told(string mutation, int status, string words) => said.Any(a => a.Mutation == mutation && a.Status == status && a.Body.Contains(words, StringComparison.Ordinal));
        Assert.True(Told("invalid UTF-8", 400, "行：文字不是有效的 UTF-8 編碼。"));
        Assert.True(Told("deep nesting", 400, "第 1 行：巢狀層數超過 64 層。"));
        Assert.True(Told("duplicate key", 400, "寫了兩次；同一個物件中的欄位名稱不可重複。"));
        Assert.True(Told("truncated", 400, "不是有效的 JSON（可能缺少括號、逗號或引號）。"));
        Assert.True(Told("type swapped", 422, "的值型別不對"));
        Assert.True(Told("huge string", 422, "\"field\":"));
        Assert.True(Told("control character in a code", 422, "控制字元"));
        Assert.True(Told("sent as text/plain", 415, "JSON 請用 Content-Type: application/json"));
        Assert.True(Told("no body", 400, "這個動作須附上 JSON 物件的內容"));
        Assert.True(Told("If-Match of another row", 412, "資料已被其他人修改，本次變更未儲存。"));

        // A query parameter that does not read is named, in words.
        var badPart = await admin.PutAsJsonAsync(City + "/107/kpis/AC1.1?part=abc", new { name = "x" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badPart.StatusCode);
        var badPartProblem = await Answers.Json(badPart);
        Assert.Equal(("part", "參數 part 的值「abc」無法讀取（須為整數）。"), (badPartProblem["field"]!.GetValue<string>(), badPartProblem["detail"]!.GetValue<string>()));

        // What the routing answers without a handler is said too.
        var noSuchMethod = await admin.DeleteAsync("/api/organisations");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, noSuchMethod.StatusCode);
        Assert.Equal("這個位址不接受 DELETE 請求，未變更。", (await Answers.Json(noSuchMethod))["title"]!.GetValue<string>());
        var noSuchAddress = await admin.PostAsJsonAsync("/api/nothing-here", new { });
        Assert.Equal(HttpStatusCode.NotFound, noSuchAddress.StatusCode);
        Assert.Equal("API 沒有這個位址。", (await Answers.Json(noSuchAddress))["title"]!.GetValue<string>());
    }

    static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url, Sent sent)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (sent.Content.Length > 0 || sent.Mutation != "no body")
        {
            request.Content = new ByteArrayContent(sent.Content);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(sent.MediaType);
        }
        if (sent.IfMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", sent.IfMatch);
        return client.SendAsync(request);
    }

    /// <summary>What is wrong with an answer, or null: a success, or a problem in Chinese (a 422 naming its field).</summary>
    static async Task<string?> FaultOf(HttpResponseMessage answer)
    {
        var status = (int)answer.StatusCode;
        var text = await answer.Content.ReadAsStringAsync();
        if (answer.IsSuccessStatusCode)
            return null;
        if (status is not (400 or 401 or 404 or 409 or 412 or 413 or 415 or 422 or 429))   // 413: a JSON body over 1 MB (issue 32 §3)
            return $"{status} {text[..Math.Min(text.Length, 300)]}";
        if (answer.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"{status} is not a problem: {answer.Content.Headers.ContentType} {text[..Math.Min(text.Length, 300)]}";
        var problem = JsonNode.Parse(text)!;
        var words = $"{problem["title"]}{problem["detail"]}";
        if (!words.Any(c => c is >= '\u4e00' and <= '\u9fff'))
            return $"{status} not in Chinese: {text}";
        if (problem["detail"]?.GetValue<string>() is { } detail && System.Text.RegularExpressions.Regex.IsMatch(detail, @"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+ [A-Za-z]+"))
            return $"{status} says it in English: {detail}";
        if (status == 422 && string.IsNullOrEmpty(problem["field"]?.GetValue<string>()))
            return $"422 names no field: {text}";
        return null;
    }
}
