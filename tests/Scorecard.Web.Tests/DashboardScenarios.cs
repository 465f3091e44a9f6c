using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>Issue 9 §2: the dashboard reads published standings at a period, against the same KPIs a period before; the search finds KPIs across maps.</summary>
[Collection(ServersCollection.Name)]
public class DashboardScenarios(Servers servers)
{
    const string Ac11 = "/api/maps/臺北市政府/107/kpis/AC1.1";
    const string CityQ2 = "/api/dashboard?year=107&period=Q2&organisation=臺北市政府";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_quarter_off_track_reaches_the_dashboard_with_its_explanation_once_published(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        using var anonymous = server.CreateClient();

        // 108: theme D's results, DP5.1 missed, with the document's explanation. (Not the default: it is one theme's, LandingScenarios.)
        var latest = await Json(await anonymous.GetAsync("/api/dashboard?year=108"));
        Assert.Equal(108, latest["year"]!.GetValue<int>());
        Assert.Equal("Y", latest["period"]!.GetValue<string>());
        var dp51 = Assert.Single(latest["offTrack"]!.AsArray())!;
        Assert.Equal("DP5.1", dp51["code"]!.GetValue<string>());
        Assert.Equal("7.05（全年度）", dp51["figure"]!.GetValue<string>());
        Assert.Contains("營造業公共工程職業災害死亡人數大幅增加", dp51["analysis"]!.GetValue<string>());
        Assert.Contains(dp51["trend"]!.AsArray(), p => p!["year"]!.GetValue<int>() == 108 && p["actual"]!.GetValue<decimal>() == 7.05m);
        Assert.Null(latest["reporting"]);   // unpublished progress is not for the public
        // What is not there is said so, naming it.
        var period = await anonymous.GetAsync("/api/dashboard?year=107&period=Q5");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, period.StatusCode);
        Assert.Equal("period", (await Json(period))["field"]!.GetValue<string>());
        var year = await anonymous.GetAsync("/api/dashboard?year=99");
        Assert.Equal(HttpStatusCode.NotFound, year.StatusCode);
        Assert.Contains("99 年沒有任何策略地圖", (await Json(year))["title"]!.GetValue<string>());
        Assert.Contains("「北投區公所」在 107 年沒有策略地圖", await anonymous.GetStringAsync("/dashboard?year=107&organisation=北投區公所"));

        // At the end of Q1 the figures whose kind the words leave no doubt of are judged (issue 33 §2): AC3.4 (0.489 tonnes
        // per person a year against 0.463, lower is better), BP4.3 (18.73 km per 100,000 people against 18.74), BC4.1, whose
        // part BC4.1-2 (2,072,991 MRT riders a day against 2,077,501) missed, and PM2.5, a concentration (lower is better,
        // averaged over the year) of 19.2 against 17: 88.5% by 目標值÷實際值, each inference said.
        const string CityQ1 = "/api/dashboard?year=107&period=Q1&organisation=臺北市政府";
        var q1Before = await Json(await anonymous.GetAsync(CityQ1));
        Assert.Equal(["AC1.2", "AC3.4", "BC4.1", "BP4.3"], q1Before["offTrack"]!.AsArray().Select(k => k!["code"]!.GetValue<string>()).Order().ToArray());
        var pm25 = q1Before["offTrack"]!.AsArray().Single(k => k!["code"]!.GetValue<string>() == "AC1.2")!;
        Assert.Equal(88.5m, pm25["achievement"]!.GetValue<decimal>());
        Assert.Equal("107 年目標值 17 ÷ 107 年第 1 季實際值 19.2 = 88.5%；目標值÷實際值（負向）；不設上限；四捨五入至小數 1 位；平均（全年為各期平均），依單位「µg/m³」推定；負向，依名稱「濃度」推定", pm25["reason"]!.GetValue<string>());
        // 預估未達標 beside 未達標 (§3): KPIs in progress projected to miss, each with its method and inputs in words, counted
        // per theme; BP6.2 年度橋涵維護完成率, 7.05% of the year's 90.5 reported year to date, is one of them.
        var likely = q1Before["likelyToMiss"]!.AsArray();
        var bp62 = likely.Single(k => k!["code"]!.GetValue<string>() == "BP6.2")!;
        Assert.Equal("進行中", bp62["standing"]!.GetValue<string>());
        Assert.Equal("預估未達標", bp62["projection"]!["verdict"]!.GetValue<string>());
        Assert.Equal("pace", bp62["projection"]!["method"]!.GetValue<string>());
        Assert.StartsWith("依年度已過 25% 的進度推估（累計至今 7.05），年底約 28.2%，低於目標 90.5（預估未達標）", bp62["projection"]!["said"]!.GetValue<string>());
        Assert.Null(bp62["achievement"]);
        Assert.Equal(likely.Count, q1Before["total"]!["now"]!["projectedMiss"]!.GetValue<int>());
        Assert.Equal(likely.Count, q1Before["themes"]!.AsArray().Sum(t => t!["now"]!["projectedMiss"]!.GetValue<int>()));
        var q1Page = await anonymous.GetStringAsync("/dashboard?year=107&period=Q1&organisation=臺北市政府");
        Assert.Contains($"預估未達標的 KPI（{likely.Count} 項）", q1Page);
        Assert.Contains("依年度已過 25% 的進度推估（累計至今 7.05），年底約 28.2%，低於目標 90.5（預估未達標）", q1Page);
        // Each verdict says the rule it rests on, and how the KPI's kind is known.
        var ac34 = q1Before["offTrack"]!.AsArray().Single(k => k!["code"]!.GetValue<string>() == "AC3.4")!;
        Assert.Equal(94.7m, ac34["achievement"]!.GetValue<decimal>());
        Assert.Equal("107 年目標值 0.463 ÷ 107 年第 1 季實際值 0.489 = 94.7%；目標值÷實際值（負向）；不設上限；四捨五入至小數 1 位；時點（全年為最新一期），依單位「公噸/人年」推定", ac34["reason"]!.GetValue<string>());
        var objectivePage = await anonymous.GetStringAsync("/maps/臺北市政府/107/objectives/AC3");
        Assert.Contains("依單位「公噸/人年」推定", objectivePage);
        Assert.Contains("107 年目標值 0.463 ÷ 107 年第 1 季實際值 0.489 = 94.7%", objectivePage);
        int Now(JsonNode row, string standing) => row["now"]![standing]!.GetValue<int>();
        var (missed, inProgress) = (Now(q1Before["total"]!, "notAchieved"), Now(q1Before["total"]!, "inProgress"));
        var (missedA, inProgressA) = (Now(Row(q1Before["themes"]!, "A 營造永續環境"), "notAchieved"), Now(Row(q1Before["themes"]!, "A 營造永續環境"), "inProgress"));
        var missedC = Now(Row(q1Before["perspectives"]!, "顧客（C）"), "notAchieved");
        var cityMissed = (await Json(await anonymous.GetAsync("/api/rollups/107")))["city"]!["notAchieved"]!.GetValue<int>();

        // 107 Q2 gets a target of its own for AC1.1 and opens with a deadline already passed: every entry of 環保局 is overdue.
        await Ok(await rdec.PutAsJsonAsync(Ac11 + "/targets/107/Q2", new { value = 50 }));
        await Ok(await rdec.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));
        var epbBefore = Owner(await Json(await rdec.GetAsync(CityQ2)), "環保局");
        Assert.Equal("填報中", (await Json(await rdec.GetAsync(CityQ2)))["reporting"]![0]!["state"]!.GetValue<string>());
        Assert.Equal(epbBefore["total"]!.GetValue<int>(), epbBefore["overdue"]!.GetValue<int>());

        await Ok(await epb.PutAsJsonAsync(Ac11 + "/values/107/Q2/actual", new { value = 45.2, analysis = "境外污染移入日數增加。", countermeasure = "加強營建工地稽查。" }));
        await Ok(await epb.PostAsync(Ac11 + "/values/107/Q2/submit", null));
        var epbAfter = Owner(await Json(await rdec.GetAsync(CityQ2)), "環保局");
        Assert.Equal(epbBefore["overdue"]!.GetValue<int>() - 1, epbAfter["overdue"]!.GetValue<int>());
        Assert.Equal(1, epbAfter["counts"]!["已送出"]!.GetValue<int>());
        // Entered and submitted is not published: the dashboard does not judge it yet.
        Assert.DoesNotContain((await Json(await anonymous.GetAsync(CityQ2)))["offTrack"]!.AsArray(), k => k!["code"]!.GetValue<string>() == "AC1.1");
        const string CityQ2Page = "/dashboard?year=107&period=Q2&organisation=臺北市政府";
        // Nor lists it among those not achieved (the list of projections, below it, may warn of it).
        var offTrackPart = (await rdec.GetStringAsync(CityQ2Page)).Split("id=\"likely-to-miss\"")[0];
        Assert.DoesNotContain("<tr data-kpi=\"AC1.1\">", offTrackPart);

        await Ok(await rdec.PostAsync(Ac11 + "/values/107/Q2/approve", null));
        await Ok(await rdec.PostAsync("/api/maps/臺北市政府/107/periods/107/Q2/publish", Confirmed()));
        // The mayor's dashboard now opens on the period the city published, however few its figures, and says how many they are.
        var opening = await Json(await anonymous.GetAsync("/api/dashboard"));
        Assert.Equal((107, "Q2"), (opening["year"]!.GetValue<int>(), opening["period"]!.GetValue<string>()));
        Assert.Equal(1, opening["figuresOfPeriod"]!.GetValue<int>());
        var now = opening["total"]!["now"]!;
        var total = new[] { "achieved", "notAchieved", "inProgress", "noData", "notApplicable" }.Sum(k => now[k]!.GetValue<int>());
        Assert.Contains($"107 年第 2 季已發布數值的 KPI：1 項；其餘 {total - 1} 項依前期數值，或尚無資料。", await anonymous.GetStringAsync("/dashboard"));
        // A period opened and not yet published is offered to the staff who follow its reporting, not to the public.
        await Ok(await rdec.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q3/open", new { deadline = "2018-10-15", confirm = true }));
        Assert.DoesNotContain("<option value=\"Q3\"", await anonymous.GetStringAsync("/dashboard?year=107&period=Q2"));
        Assert.Contains("<option value=\"Q3\"", await rdec.GetStringAsync("/dashboard?year=107&period=Q2"));

        // The page a planner had open shows it on the next request: what is kept of it went with the publish.
        var page = await rdec.GetStringAsync(CityQ2Page);
        Assert.Contains($"未達標的 KPI（{missed + 1} 項）", page);
        Assert.Contains("<tr data-kpi=\"AC1.1\">", page);
        Assert.Contains("境外污染移入日數增加。", page);
        // The city's 107 roll-ups count the latest figures (AC1.1 missed at Q2); asked first, they must not stand in
        // for 前期 below, the same map as it stood at the end of Q1.
        Assert.Equal(cityMissed + 1, (await Json(await anonymous.GetAsync("/api/rollups/107")))["city"]!["notAchieved"]!.GetValue<int>());
        var q2 = await Json(await anonymous.GetAsync(CityQ2));
        var ac11 = q2["offTrack"]!.AsArray().Single(k => k!["code"]!.GetValue<string>() == "AC1.1")!;
        Assert.Equal("45.2（第 2 季）", ac11["figure"]!.GetValue<string>());
        Assert.Equal("50（第 2 季）", ac11["target"]!.GetValue<string>());
        Assert.Equal("境外污染移入日數增加。", ac11["analysis"]!.GetValue<string>());
        Assert.Equal("加強營建工地稽查。", ac11["countermeasure"]!.GetValue<string>());
        Assert.Equal("環保局", ac11["owners"]!.GetValue<string>());

        // Against the same KPIs at the end of Q1, when AC1.1 was still in progress.
        AssertCounts(q2["total"]!, notAchieved: (missed + 1, missed), inProgress: (inProgress - 1, inProgress));
        AssertCounts(Row(q2["themes"]!, "A 營造永續環境"), notAchieved: (missedA + 1, missedA), inProgress: (inProgressA - 1, inProgressA));
        AssertCounts(Row(q2["perspectives"]!, "顧客（C）"), notAchieved: (missedC + 1, missedC), inProgress: (null, null));
        // The Q1 view is unchanged by a Q2 figure.
        var q1 = await Json(await anonymous.GetAsync(CityQ1));
        Assert.Equal(missed, q1["total"]!["now"]!["notAchieved"]!.GetValue<int>());
        Assert.Equal(inProgress, q1["total"]!["now"]!["inProgress"]!.GetValue<int>());

        // Drilling down: theme A's objectives, then AC1's KPIs.
        var drill = await Json(await anonymous.GetAsync(CityQ2 + "&theme=A&objective=AC1"));
        Assert.Equal(2, Row(drill["objectives"]!, "AC1 提升環境品質")["now"]!["notAchieved"]!.GetValue<int>());   // AC1.1, and PM2.5 since Q1
        Assert.Contains(drill["kpis"]!.AsArray(), k => k!["code"]!.GetValue<string>() == "AC1.1" && k["standing"]!.GetValue<string>() == "未達標");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_KPI_with_parts_shows_each_part_with_its_own_owner_and_figures_on_the_dashboard_and_in_search(string provider)
    {
        using var client = (await servers.DemoAsync(provider)).CreateClient();
        const string Bf1 = "dashboard?year=107&period=Q1&organisation=臺北市政府&theme=B&objective=BF1";

        // Issue 33 §4: BF1.1 holds no figure of its own; its seven agencies each report one.
        var bf11 = Assert.Single((await Json(await client.GetAsync("/api/" + Bf1)))["kpis"]!.AsArray())!;
        Assert.Equal("BF1.1", bf11["code"]!.GetValue<string>());
        Assert.Equal("見 7 個分項", bf11["figure"]!.GetValue<string>());
        Assert.Equal("分項未載明權重，無法合成達成度。", bf11["reason"]!.GetValue<string>());
        var parts = bf11["parts"]!.AsArray();
        Assert.Equal(["工務局", "交通局", "捷運局", "地政局", "北水處", "翡管局", "都發局"], parts.Select(p => p!["owners"]!.GetValue<string>()));
        Assert.Equal(("88.4（第 1 季）", "83.1（全年度）", "進行中"), (parts[0]!["figure"]!.GetValue<string>(), parts[0]!["target"]!.GetValue<string>(), parts[0]!["standing"]!.GetValue<string>()));
        Assert.Null(parts[0]!["achievement"]);   // progress before the year ends, never an achievement
        Assert.StartsWith("1. 依臺北市市有公用未利用", parts[0]!["formula"]!.GetValue<string>());

        // The page lists the parts under their KPI, each with its figures.
        var page = await client.GetStringAsync("/" + Bf1);
        Assert.Matches("<tr class=\"part\" data-kpi=\"BF1.1\" data-part=\"1\">[\\s\\S]*?工務局[\\s\\S]*?88.4（第 1 季）[\\s\\S]*?83.1（全年度）", page);
        // Seven under the objective, and seven again in the list of those likely to miss: BF1.1 is projected from its agencies' rows.
        var likely = page.IndexOf("預估未達標的 KPI（", StringComparison.Ordinal);
        Assert.Equal(7, System.Text.RegularExpressions.Regex.Count(page[..likely], "<tr class=\"part\" data-kpi=\"BF1.1\""));
        Assert.Equal(7, System.Text.RegularExpressions.Regex.Count(page[likely..], "<tr class=\"part\" data-kpi=\"BF1.1\""));

        // BC4.1 off track stands on its part BC4.1-2, and the dashboard shows which, with its weight.
        var bc41 = (await Json(await client.GetAsync("/api/dashboard?year=107&period=Q1&organisation=臺北市政府")))["offTrack"]!.AsArray()
            .Single(k => k!["code"]!.GetValue<string>() == "BC4.1")!;
        var missed = bc41["parts"]!.AsArray().Single(p => p!["standing"]!.GetValue<string>() == "未達標")!;
        Assert.Equal(("BC4.1-2", 99.8m, 50m), (missed["code"]!.GetValue<string>(), missed["achievement"]!.GetValue<decimal>(), missed["weight"]!.GetValue<decimal>()));

        // Search finds a part by its agency, leading to its KPI.
        var hits = (await Json(await client.GetAsync("/api/search?q=" + Uri.EscapeDataString("BF1.1 工務局"))))["hits"]!.AsArray();
        var hit = Assert.Single(hits, h => h!["partOf"] is not null && h["year"]!.GetValue<int>() == 107)!;
        Assert.Equal(("工務局", "BF1.1 提升市有土地使用效益"), (hit["owners"]!.GetValue<string>(), hit["partOf"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Search_finds_KPIs_by_code_name_owner_and_formula_words_across_maps(string provider)
    {
        using var client = (await servers.DemoAsync(provider)).CreateClient();
        async Task<JsonNode> Find(string q) => await Json(await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(q)));

        var byCode = await Find("ac1.1");
        Assert.Contains(byCode["hits"]!.AsArray(), h => h!["organisation"]!.GetValue<string>() == "臺北市政府" && h["year"]!.GetValue<int>() == 107 && h["code"]!.GetValue<string>() == "AC1.1");
        // Across the yearly maps: 失業率 is 107 DC1.2 and 108 DC1.1.
        var byName = (await Find("失業率"))["hits"]!.AsArray();
        Assert.Contains(byName, h => h!["year"]!.GetValue<int>() == 107 && h["code"]!.GetValue<string>() == "DC1.2");
        Assert.Contains(byName, h => h!["year"]!.GetValue<int>() == 108 && h["code"]!.GetValue<string>() == "DC1.1");
        // By owner alias and a formula word together: every word must match.
        var both = (await Find("勞動局 死亡"))["hits"]!.AsArray();
        Assert.NotEmpty(both);
        Assert.All(both, h => Assert.Contains("勞動局", h!["owners"]!.GetValue<string>()));
        Assert.All(both, h => Assert.Contains("死亡", h!["name"]!.GetValue<string>() + h["formula"]));
        var byFormula = (await Find("AQI≤50"))["hits"]!.AsArray();
        Assert.Contains(byFormula, h => h!["code"]!.GetValue<string>() == "AC1.1");
        // As people type what the documents print as PM₂ꓸ₅ (issue 33 §8): plainly, in full-width, in any case; a code by its prefix.
        foreach (var typed in new[] { "PM2.5", "pm2.5", "ＰＭ２．５", "PM₂ꓸ₅" })
            Assert.Contains((await Find(typed))["hits"]!.AsArray(), h => h!["code"]!.GetValue<string>() == "AC1.2" && h["name"]!.GetValue<string>().Contains("PM₂ꓸ₅"));
        Assert.Contains((await Find("AC1"))["hits"]!.AsArray(), h => h!["code"]!.GetValue<string>() == "AC1.3");
        Assert.Equal(0, (await Find("  "))["total"]!.GetValue<int>());
        Assert.Equal(0, (await Find("沒有這個指標"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_long_list_of_kpis_not_achieved_comes_a_page_of_fifty_at_a_time()
    {
        var server = await servers.FreshAsync("sqlite");
        using var reader = server.CreateClient();   // starts the app: migrated, empty
        string[] settings = ["--Scorecard:Provider=sqlite", $"--ConnectionStrings:Scorecard={server.ConnectionString}", "--Scorecard:DemoData=false"];
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try { Assert.Equal(0, await Infrastructure.CommandLine.RunAsync(["generate", "--organisations", "4", "--kpis", "60", "--years", "1", .. settings])); }
        finally { Console.SetOut(stdout); }

        var all = (await Json(await reader.GetAsync("/api/dashboard")))["offTrack"]!.AsArray().Count;
        Assert.InRange(all, 101, 240);   // the synthetic city misses about a third: three pages or more
        static int Rows(string page) => page[page.IndexOf("id=\"off-track\"", StringComparison.Ordinal)..page.IndexOf("id=\"reporting\"", StringComparison.Ordinal)]
            .Split("<tbody>")[1].Split("</tbody>")[0].Split("<tr data-kpi").Length - 1;   // KPIs, not the part rows under a composite one

        var first = await reader.GetStringAsync("/dashboard");
        Assert.Contains($"未達標的 KPI（{all} 項）", first);
        Assert.Equal(50, Rows(first));
        Assert.Contains($"第 1–50 項，共 {all} 項", first);
        Assert.Contains("href=\"http://localhost/dashboard?offTrack=50#off-track\"", first);
        Assert.DoesNotContain("前 50 項", first);

        var last = await reader.GetStringAsync($"/dashboard?offTrack={all - 1}");   // any place in a page shows that page
        var lastStart = (all - 1) / 50 * 50;
        Assert.Equal(all - lastStart, Rows(last));
        Assert.Contains($"第 {lastStart + 1}–{all} 項，共 {all} 項", last);
        Assert.Contains($"href=\"http://localhost/dashboard?offTrack={lastStart - 50}#off-track\"", last);
        Assert.DoesNotContain("後 ", last);
    }

    static JsonNode Owner(JsonNode dashboard, string organisation) =>
        dashboard["reporting"]![0]!["owners"]!.AsArray().Single(o => o!["organisation"]!.GetValue<string>() == organisation)!;

    static JsonNode Row(JsonNode rows, string label) => rows.AsArray().Single(r => r!["label"]!.GetValue<string>() == label)!;

    static void AssertCounts(JsonNode row, (int Now, int Before) notAchieved, (int? Now, int? Before) inProgress)
    {
        Assert.Equal(notAchieved.Now, row["now"]!["notAchieved"]!.GetValue<int>());
        Assert.Equal(notAchieved.Before, row["before"]!["notAchieved"]!.GetValue<int>());
        if (inProgress.Now is { } now) Assert.Equal(now, row["now"]!["inProgress"]!.GetValue<int>());
        if (inProgress.Before is { } before) Assert.Equal(before, row["before"]!["inProgress"]!.GetValue<int>());
    }
}
