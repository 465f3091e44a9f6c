using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Scorecard.Domain.Accounts;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// The year-end evaluation of issue 8 §3 through the API, on theme D's 108 map (18 KPIs of 勞動局 and
/// 產業局): publish the year, open the evaluation, each bureau self-assesses, the planner returns one,
/// approves and finalizes; the results everyone reads are then the finalized ones. SQLite and PostgreSQL.
/// </summary>
[Collection(ServersCollection.Name)]
public class YearEndEvaluationScenarios(Servers servers)
{
    const string Map = "/api/maps/臺北市政府/108";
    const string Evaluation = Map + "/evaluation/108";

    static string Kpi(string code) => $"{Evaluation}/kpis/{code}";

    /// <summary>A complete self-assessment: the three scores with narratives, and for a missed KPI its explanation.</summary>
    static object Complete(decimal innovation, decimal challenge, decimal contribution, bool missed) => new
    {
        innovation, challenge, contribution,
        innovationNarrative = "結合跨局處資源推動新作法。",
        challengeNarrative = "目標值較前一年提高。",
        contributionNarrative = "有助於本市產業與勞動環境。",
        situationAnalysis = missed ? new[] { "營造業職災死亡人數增加。" } : null,
        countermeasures = missed ? new[] { "加強高風險工地檢查。", "辦理營造業安全衛生宣導。" } : null,
    };

    static JsonObject Row(JsonNode sheet, string code) =>
        sheet["kpis"]!.AsArray().Select(k => k!.AsObject()).Single(k => k["code"]!.GetValue<string>() == code);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_year_end_evaluation_runs_from_published_figures_to_finalized_results(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var labour = await server.SignInAsNewAsync("labour@example.org", WorkRole.Reporter, "臺北市政府勞動局");
        using var industry = await server.SignInAsNewAsync("industry@example.org", WorkRole.Reporter, "臺北市政府產業發展局");
        using var anonymous = server.CreateClient();

        // Not before the year's figures are published.
        var tooEarly = await rdec.PostAsync(Evaluation + "/open", null);
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Contains("108 年年度（Y）數值尚未發布", (await Json(tooEarly))["detail"]!.GetValue<string>());
        await Ok(await rdec.PostAsJsonAsync(Map + "/periods/108/Y/open", new { deadline = "2020-01-31", confirm = true }));
        await Ok(await rdec.PostAsync(Map + "/periods/108/Y/publish", Confirmed()));

        Assert.Equal(HttpStatusCode.Forbidden, (await labour.PostAsync(Evaluation + "/open", null)).StatusCode);
        var opened = await Json(await rdec.PostAsync(Evaluation + "/open", null));
        Assert.Equal(18, opened["kpis"]!.GetValue<int>());
        Assert.Equal("open", opened["evaluation"]!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await rdec.PostAsync(Evaluation + "/open", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Evaluation)).StatusCode);

        // 勞動局 sees its seven KPIs; the document's scores are carried over, not typed again.
        var sheet = await Json(await labour.GetAsync(Evaluation));
        Assert.Equal(["DC1.1", "DC1.2", "DP4.1", "DP4.2", "DP4.3", "DP5.1", "DP5.2"], sheet["kpis"]!.AsArray().Select(k => k!["code"]!.GetValue<string>()).ToArray());
        var dc11 = Row(sheet, "DC1.1");
        Assert.Equal(84m, dc11["entry"]!["innovation"]!.GetValue<decimal>());
        Assert.Equal("未填", dc11["entry"]!["stateLabel"]!.GetValue<string>());
        Assert.Equal(105.6m, dc11["achievement"]!.GetValue<decimal>());
        Assert.False(Row(sheet, "DP5.1")["achieved"]!.GetValue<bool>());
        Assert.Contains((await Json(await labour.GetAsync("/api/todo")))["toAssess"]!.AsArray(), t => t!["kpi"]!.GetValue<string>() == "DC1.1");

        // Each refusal names its field and changes nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await industry.PutAsJsonAsync(Kpi("DC1.1"), Complete(80, 80, 80, false))).StatusCode);
        var tooHigh = await labour.PutAsJsonAsync(Kpi("DC1.1"), new { innovation = 120, challenge = 84, contribution = 85 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooHigh.StatusCode);
        Assert.Equal("innovation", (await Json(tooHigh))["field"]!.GetValue<string>());
        Assert.Contains("0–100", (await Json(tooHigh))["detail"]!.GetValue<string>());
        var words = await labour.PutAsJsonAsync(Kpi("DC1.1"), new { challenge = "八十" });
        Assert.Equal("challenge", (await Json(words))["field"]!.GetValue<string>());
        var noNarrative = await labour.PostAsync(Kpi("DC1.1") + "/submit", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noNarrative.StatusCode);
        Assert.Equal("innovationNarrative", (await Json(noNarrative))["field"]!.GetValue<string>());
        var missed = new { innovation = 90, challenge = 90, contribution = 90, innovationNarrative = "甲", challengeNarrative = "乙", contributionNarrative = "丙" };
        await Ok(await labour.PutAsJsonAsync(Kpi("DP5.1"), missed));
        var unexplained = await labour.PostAsync(Kpi("DP5.1") + "/submit", null);
        Assert.Equal("situationAnalysis", (await Json(unexplained))["field"]!.GetValue<string>());
        Assert.Contains("未達標", (await Json(unexplained))["detail"]!.GetValue<string>());
        Assert.Equal(84m, Row(await Json(await labour.GetAsync(Evaluation)), "DC1.1")["entry"]!["innovation"]!.GetValue<decimal>());

        // Every KPI is self-assessed and submitted by its own bureau.
        var all = await Json(await rdec.GetAsync(Evaluation));
        foreach (var row in all["kpis"]!.AsArray())
        {
            var code = row!["code"]!.GetValue<string>();
            var owner = row["owners"]!.GetValue<string>() == "勞動局" ? labour : industry;
            var input = code == "DC1.1" ? Complete(88, 84, 85, false) : Complete(85, 85, 85, row["achieved"]?.GetValue<bool>() == false);
            await Ok(await owner.PutAsJsonAsync(Kpi(code), input));
            await Ok(await owner.PostAsync(Kpi(code) + "/submit", null));
        }
        Assert.Contains((await Json(await rdec.GetAsync("/api/todo")))["assessmentsToReview"]!.AsArray(), t => t!["kpi"]!.GetValue<string>() == "DP4.3");

        // The planner returns one; finalizing waits for it, naming it.
        await Ok(await rdec.PostAsJsonAsync(Kpi("DP4.3") + "/return", new { comment = "請補充檢定人數。" }));
        var waiting = await rdec.PostAsync(Evaluation + "/finalize", null);
        Assert.Equal(HttpStatusCode.Conflict, waiting.StatusCode);
        Assert.Contains("已退回 1 項（DP4.3）", (await Json(waiting))["detail"]!.GetValue<string>());
        var returned = Row(await Json(await labour.GetAsync(Evaluation)), "DP4.3")["entry"]!;
        Assert.Equal("請補充檢定人數。", returned["reviewComment"]!.GetValue<string>());
        var fix = new HttpRequestMessage(HttpMethod.Put, Kpi("DP4.3")) { Content = JsonContent.Create(Complete(86, 85, 85, false)) };
        fix.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{returned["version"]!.GetValue<long>()}\""));
        await Ok(await labour.SendAsync(fix));
        var stale = new HttpRequestMessage(HttpMethod.Put, Kpi("DP4.3")) { Content = JsonContent.Create(Complete(10, 10, 10, false)) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{returned["version"]!.GetValue<long>()}\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await labour.SendAsync(stale)).StatusCode);
        await Ok(await labour.PostAsync(Kpi("DP4.3") + "/submit", null));
        Assert.Equal(HttpStatusCode.Forbidden, (await labour.PostAsync(Kpi("DP4.3") + "/approve", null)).StatusCode);

        // Until it is finalized, the public still reads the document's results.
        static async Task<JsonObject> PublicResult(HttpClient client, string code) =>
            (await Json(await client.GetAsync(Map)))["evaluations"]!.AsArray().Select(e => e!.AsObject()).Single(e => e["kpi"]!.GetValue<string>() == code && e["year"]!.GetValue<int>() == 108);
        Assert.Equal(84m, (await PublicResult(anonymous, "DC1.1"))["innovation"]!.GetValue<decimal>());

        foreach (var row in all["kpis"]!.AsArray())
            await Ok(await rdec.PostAsync(Kpi(row!["code"]!.GetValue<string>()) + "/approve", null));
        var finalized = await Json(await rdec.PostAsync(Evaluation + "/finalize", null));
        Assert.Equal(18, finalized["results"]!.GetValue<int>());
        Assert.Equal("finalized", finalized["evaluation"]!["state"]!.GetValue<string>());

        // DC1.1: achievement 105.6% capped at 100; 25% × 100 + 25% × 88 + 30% × 84 + 20% × 85 = 89.2, 良 (≥ 84.5).
        var result = await PublicResult(anonymous, "DC1.1");
        Assert.Equal(88m, result["innovation"]!.GetValue<decimal>());
        Assert.Equal(89.2m, result["weightedAverage"]!.GetValue<decimal>());
        Assert.Equal("良", result["light"]!.GetValue<string>());
        Assert.Equal("結合跨局處資源推動新作法。", result["innovationNarrative"]!.GetValue<string>());
        var dp51 = await PublicResult(anonymous, "DP5.1");
        Assert.Equal(["加強高風險工地檢查。", "辦理營造業安全衛生宣導。"], dp51["explanation"]!["countermeasures"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray());
        var page = await anonymous.GetStringAsync("/maps/臺北市政府/108/evaluations");
        Assert.Contains("89.2", page);

        // Final means final, until it is reopened with a reason.
        var late = await labour.PutAsJsonAsync(Kpi("DC1.1"), Complete(99, 99, 99, false));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("已定案", (await Json(late))["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await rdec.PostAsJsonAsync(Evaluation + "/reopen", new { reason = " " })).StatusCode);
        var reopened = await Json(await rdec.PostAsJsonAsync(Evaluation + "/reopen", new { reason = "勞動局更正貢獻度" }));
        Assert.Equal("open", reopened["state"]!.GetValue<string>());
        Assert.Equal("approved", Row(await Json(await rdec.GetAsync(Evaluation)), "DC1.1")["entry"]!["state"]!.GetValue<string>());
        Assert.Equal(89.2m, (await PublicResult(anonymous, "DC1.1"))["weightedAverage"]!.GetValue<decimal>());
    }
}
