using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>Issue 9 §4: the public page and the open data of published figures, as CSV that Excel opens and as JSON.</summary>
[Collection(ServersCollection.Name)]
public class OpenDataScenarios(Servers servers)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_years_published_figures_download_as_csv_and_json_for_every_organisation(string provider)
    {
        using var client = (await servers.DemoAsync(provider)).CreateClient();
        var csvResponse = await client.GetAsync("/api/open-data/107.csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);   // the byte-order mark Excel needs for Chinese
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("year,organisation,planYear,theme,objective,perspective,code,name,unit,direction,period,target,actual,status,achievement,verdict,rule,yearProgress,yearElapsed,part,partCode,formula,owners,weight,projection,projectionHigh,projectionVerdict,projectionMethod,workings,targetPrinted,actualPrinted,actualDoubt", lines[0]);
        var ac11 = Assert.Single(lines, l => l.StartsWith("107,臺北市政府,107,", StringComparison.Ordinal) && l.Contains(",AC1.1,") && l.Contains(",Q1,"));
        // 40.7 of the year's 51: progress (79.8%) in its own column, no achievement under the rule's words (issue 33 §1).
        Assert.Contains(",%,higher,Q1,51,40.7,,,進行中,", ac11);
        Assert.Contains(",79.8,25,,,", ac11);   // no part: AC1.1 is a KPI of its own
        Assert.Contains("實際值÷目標值", ac11);
        // AC3.4, 0.489 tonnes per person a year against 0.463, lower is better: judged by its rule, which says how its kind is known.
        var ac34 = Assert.Single(lines, l => l.StartsWith("107,臺北市政府,107,", StringComparison.Ordinal) && l.Contains(",AC3.4,") && l.Contains(",Q1,"));
        Assert.Contains(",lower,Q1,0.463,0.489,,94.7,未達標,目標值÷實際值（負向）；不設上限；四捨五入至小數 1 位；時點（全年為最新一期），依單位「公噸/人年」推定,,", ac34);

        var json = (await Json(await client.GetAsync("/api/open-data/107.json"))).AsArray();
        Assert.Equal(lines.Length - 1, json.Count);
        // PM2.5, a concentration (lower is better, averaged over the year), read as the dashboard reads it (issue 33 §2), and
        // a projection in columns of its own, never in the achievement's (§3).
        var pm25 = json.Single(r => r!["organisation"]!.GetValue<string>() == "臺北市政府" && r["code"]!.GetValue<string>() == "AC1.2" && r["period"]!.GetValue<string>() == "Q1")!;
        Assert.Equal(("lower", 88.5m, "未達標"), (pm25["direction"]!.GetValue<string>(), pm25["achievement"]!.GetValue<decimal>(), pm25["verdict"]!.GetValue<string>()));
        Assert.EndsWith("平均（全年為各期平均），依單位「µg/m³」推定；負向，依名稱「濃度」推定", pm25["rule"]!.GetValue<string>());
        // The rule's workings, with the figures it compared (issue 33 §1), as the dashboard and the KPI page give them.
        Assert.Equal("107 年目標值 17 ÷ 107 年第 1 季實際值 19.2 = 88.5%", pm25["workings"]!.GetValue<string>());
        Assert.EndsWith(",107 年目標值 0.463 ÷ 107 年第 1 季實際值 0.489 = 94.7%,,,", ac34);   // no printed text, no doubt
        // A figure keeps the text it was printed with beside its number (issue 33 §5): AP4.1's target 「<0.2」.
        var ap41 = json.Single(r => r!["organisation"]!.GetValue<string>() == "臺北市政府" && r["code"]!.GetValue<string>() == "AP4.1" && r["period"]!.GetValue<string>() == "Q1")!;
        Assert.Equal((0.2m, "<0.2"), (ap41["target"]!.GetValue<decimal>(), ap41["targetPrinted"]!.GetValue<string>()));
        var bp62 = json.Single(r => r!["organisation"]!.GetValue<string>() == "臺北市政府" && r["code"]!.GetValue<string>() == "BP6.2" && r["period"]!.GetValue<string>() == "Q1")!;
        Assert.Null(bp62["achievement"]);
        Assert.Equal((28.2m, "預估未達標"), (bp62["projection"]!.GetValue<decimal>(), bp62["projectionVerdict"]!.GetValue<string>()));
        Assert.StartsWith("依年度已過 25% 的進度推估（累計至今 7.05），年底約 28.2%，低於目標 90.5（預估未達標）", bp62["projectionMethod"]!.GetValue<string>());
        // Issue 33 §4: every one of the city's 303 KPIs of 107, the 20 with parts among them (BP3.1, BF1.1 …).
        var city = json.Where(r => r!["organisation"]!.GetValue<string>() == "臺北市政府" && r["year"]!.GetValue<int>() == 107).ToList();
        Assert.Equal(303, city.Select(r => r!["code"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(303, lines.Skip(1).Where(l => l.StartsWith("107,臺北市政府,107,", StringComparison.Ordinal)).Select(l => l.Split(',')[6]).Distinct().Count());
        // BP3.1: a row for the KPI, computed from its parts, and one per part with the part's own formula and figures.
        var bp31 = city.Where(r => r!["code"]!.GetValue<string>() == "BP3.1" && r["period"]!.GetValue<string>() == "Q1").ToList();
        Assert.Equal([null, 1, 2], bp31.Select(r => r!["part"]?.GetValue<int>()));
        Assert.Null(bp31[0]!["actual"]);
        Assert.Null(bp31[0]!["achievement"]);   // the parts state no weights: no figure, and the rule says why
        Assert.Equal("分項未載明權重，無法合成達成度。", bp31[0]!["rule"]!.GetValue<string>());
        Assert.Equal(("BP3.1-1", 82.54m, 69m, "都發局"), (bp31[1]!["partCode"]!.GetValue<string>(), bp31[1]!["target"]!.GetValue<decimal>(), bp31[1]!["actual"]!.GetValue<decimal>(), bp31[1]!["owners"]!.GetValue<string>()));
        Assert.StartsWith("東區門戶", bp31[1]!["formula"]!.GetValue<string>());
        // In progress, as any KPI measured against the year's target in Q1: progress in its column, never an achievement.
        Assert.Equal((83.6m, 25m), (bp31[1]!["yearProgress"]!.GetValue<decimal>(), bp31[1]!["yearElapsed"]!.GetValue<decimal>()));
        Assert.Null(bp31[1]!["achievement"]);
        // BF1.1: one part per agency, under the KPI's code; AP2.1's halves with their weights.
        var bf11 = Assert.Single(lines, l => l.Contains(",BF1.1,") && l.Contains(",Q1,") && l.Contains(",工務局,"));
        Assert.Contains(",Q1,83.1,88.4,", bf11);
        Assert.Equal([50m, 50m], city.Where(r => r!["code"]!.GetValue<string>() == "AP2.1" && r["period"]!.GetValue<string>() == "Q1" && r["part"] is not null)
            .Select(r => r!["weight"]!.GetValue<decimal>()));
        // The Secretariat's 105–107 plan is in force for 107: its figures come with it.
        var secretariat = json.Where(r => r!["organisation"]!.GetValue<string>() == "臺北市政府秘書處").ToList();
        Assert.NotEmpty(secretariat);
        Assert.All(secretariat, r => Assert.Equal(105, r!["planYear"]!.GetValue<int>()));

        var one = (await Json(await client.GetAsync("/api/open-data/107/臺北市政府秘書處.json"))).AsArray();
        Assert.Equal(secretariat.Count, one.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/open-data/107.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/open-data/99/臺北市政府.csv")).StatusCode);

        var page = await client.GetStringAsync("/public");
        Assert.Contains("政府資料開放授權條款", page);
        Assert.Contains("href=\"api/open-data/107.csv\"", page);
        Assert.Contains("<code>achievement</code>", page);
        Assert.Contains("<code>yearProgress</code>", page);
    }

    [Fact]
    public async Task A_figure_reaches_open_data_only_once_it_is_published()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        using var anonymous = server.CreateClient();
        const string ac11 = "/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q2";
        static bool IsAc11Q2(JsonNode? r) => r!["code"]!.GetValue<string>() == "AC1.1" && r["period"]!.GetValue<string>() == "Q2";

        await Ok(await rdec.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));
        await Ok(await epb.PutAsJsonAsync(ac11 + "/actual", new { value = 45.2 }));
        await Ok(await epb.PostAsync(ac11 + "/submit", null));
        await Ok(await rdec.PostAsync(ac11 + "/approve", null));
        Assert.DoesNotContain((await Json(await anonymous.GetAsync("/api/open-data/107/臺北市政府.json"))).AsArray(), IsAc11Q2);

        await Ok(await rdec.PostAsync("/api/maps/臺北市政府/107/periods/107/Q2/publish", Confirmed()));
        var row = Assert.Single((await Json(await anonymous.GetAsync("/api/open-data/107/臺北市政府.json"))).AsArray(), IsAc11Q2)!;
        Assert.Equal(45.2m, row["actual"]!.GetValue<decimal>());
        Assert.Equal(51m, row["target"]!.GetValue<decimal>());   // measured against the year's target
    }
}
