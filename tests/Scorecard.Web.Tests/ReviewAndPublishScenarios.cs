using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Data;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 34, the planner's side: the review page offers only what the period's state allows, a past deadline is
/// held until confirmed, submissions are approved all at once, progress is counted per agency as each agency's own
/// list counts it, publishing is previewed, and what is approved after a publish is published without reopening.
/// On SQLite and PostgreSQL.
/// </summary>
[Collection(ServersCollection.Name)]
public partial class ReviewAndPublishScenarios(Servers servers)
{
    const string Map = "/api/maps/臺北市政府/107";
    const string Period = Map + "/periods/107/Q2";
    const string Review = "/maps/臺北市政府/107/review/107/Q2";

    static string Actual(string code) => $"{Map}/kpis/{code}/values/107/Q2";

    static async Task<string[]> ActionsOffered(HttpClient planner) =>
        ActionAttribute().Matches(await planner.GetStringAsync(Review)).Select(m => m.Groups[1].Value).ToArray();

    [GeneratedRegex("data-action=\"([a-z-]+)\"")]
    private static partial Regex ActionAttribute();

    static async Task OpenAsync(HttpClient planner) =>
        await Ok(await planner.PostAsJsonAsync(Period + "/open", new { deadline = "2018-07-15", confirm = true }));

    /// <summary>環保局's own KPIs of 107 Q2 without parts, as its to-do list has them.</summary>
    static async Task<List<string>> OwnCodesAsync(HttpClient reporter) =>
        (await Json(await reporter.GetAsync("/api/todo")))["toEnter"]!.AsArray()
            .Where(t => t!["period"]!.GetValue<string>() == "Q2" && t["part"] is null).Select(t => t!["kpi"]!.GetValue<string>()).Distinct().ToList();

    /// <summary>A status is entered and submitted: no figure for the far-figure check to hold.</summary>
    static async Task SubmitAsync(HttpClient reporter, string code, bool submit = true)
    {
        await Ok(await reporter.PutAsJsonAsync(Actual(code) + "/actual", new { status = "未統計", narrative = $"{code} 本季資料尚未統計。" }));
        if (submit) await Ok(await reporter.PostAsync(Actual(code) + "/submit", null));
    }

    static async Task<string> StateOf(HttpClient client, string code) => (await Json(await client.GetAsync(Actual(code) + "/actual")))["state"]!.GetValue<string>();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Each_state_offers_only_the_actions_it_allows(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");

        var notOpen = await rdec.GetStringAsync(Review);
        Assert.Equal(["open"], await ActionsOffered(rdec));
        Assert.Contains("name=\"OpenForm.Deadline\" value=\"2018-07-15\"", notOpen);   // the suggested deadline: the 15th of the month after the quarter
        Assert.DoesNotContain("重新開放原因", notOpen);

        await OpenAsync(rdec);
        Assert.Equal(["close", "publish-preview"], await ActionsOffered(rdec));
        await Ok(await rdec.PostAsync(Period + "/close", null));
        Assert.Equal(["publish-preview", "open"], await ActionsOffered(rdec));
        // Over the API too, a publish that leaves entries out is shown first and changes nothing until confirmed.
        var unconfirmed = await rdec.PostAsync(Period + "/publish", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        var problem = await Json(unconfirmed);
        Assert.Equal("confirm", problem["field"]!.GetValue<string>());
        Assert.StartsWith("將發布 0 項；", problem["detail"]!.GetValue<string>());
        Assert.Contains("未填，不會發布。確定要發布，請再次送出並確認", problem["detail"]!.GetValue<string>());
        Assert.Equal(["publish-preview", "open"], await ActionsOffered(rdec));

        // Each step answers the period's version as its ETag; a step sent with a version since overtaken changes nothing.
        var closed = (await rdec.GetFromJsonAsync<JsonArray>(Map + "/periods"))!.Single(p => p!["period"]!.GetValue<string>() == "Q2")!;
        var version = closed["version"]!.GetValue<long>();
        var publish = new HttpRequestMessage(HttpMethod.Post, Period + "/publish") { Content = JsonContent.Create(new { confirm = true }) };
        publish.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        var published_ = await rdec.SendAsync(publish);
        await Ok(published_);
        Assert.NotEqual($"\"{version}\"", published_.Headers.ETag!.Tag);
        Assert.Equal(["publish-approved", "reopen"], await ActionsOffered(rdec));
        var stale = new HttpRequestMessage(HttpMethod.Post, Period + "/reopen") { Content = JsonContent.Create(new { reason = "更正" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await rdec.SendAsync(stale)).StatusCode);
        Assert.Equal(["publish-approved", "reopen"], await ActionsOffered(rdec));
        var published = await rdec.GetStringAsync(Review);
        Assert.Contains("重新開放原因", published);
        Assert.Contains("發布後尚無新核定的項目", published);

        // Publishing again is refused with the way out named, not only the state.
        var again = await rdec.PostAsync(Period + "/publish", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("請用「發布新核定的項目」發布，不必重新開放", (await Json(again))["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_past_deadline_is_refused_naming_the_date_and_taken_once_confirmed(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");

        var refused = await rdec.PostAsJsonAsync(Period + "/open", new { deadline = "2018-07-15" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await Json(refused);
        Assert.Equal("deadline", problem["field"]!.GetValue<string>());
        Assert.Contains("截止日 107/07/15 已經過了", problem["detail"]!.GetValue<string>());
        Assert.Contains("confirm: true", problem["title"]!.GetValue<string>());
        Assert.Empty((await Json(await rdec.GetAsync(Map + "/periods"))).AsArray());

        var opened = await Json(await rdec.PostAsJsonAsync(Period + "/open", new { deadline = "2018-07-15", confirm = true }));
        Assert.Equal("open", opened["state"]!.GetValue<string>());
        Assert.Equal("2018-07-15", opened["deadline"]!.GetValue<string>());

        // A deadline still ahead (in Taipei) is taken without a word.
        var taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");
        var ahead = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, taipei).DateTime).AddDays(30).ToString("yyyy-MM-dd");
        await Ok(await rdec.PostAsJsonAsync(Map + "/periods/107/Q3/open", new { deadline = ahead }));

        // The page: the same refusal, the date kept in the box, and the tick that lets it through.
        using var page = await PageBrowser.OpenAsync(server, "rdec@example.org");
        const string q4 = "/maps/臺北市政府/107/review/107/Q4";
        await page.ReadTokenAsync(q4);
        async Task<string> Open(bool confirm) => await (await page.Client.PostAsync(q4, new FormUrlEncodedContent([
            new("_handler", "open"), new("__RequestVerificationToken", page.Token), new("OpenForm.Deadline", "2019-01-15"),
            .. confirm ? [new KeyValuePair<string, string>("OpenForm.Confirm", "true")] : Array.Empty<KeyValuePair<string, string>>()]))).Content.ReadAsStringAsync();
        var held = await Open(confirm: false);
        Assert.Contains("截止日 108/01/15 已經過了", held);
        Assert.Contains("<strong id=\"period-state\">未開放</strong>", held);
        Assert.Contains("value=\"2019-01-15\"", held);
        Assert.Contains("截止日已過，仍要開放", held);
        var taken = await Open(confirm: true);
        Assert.Contains("<strong id=\"period-state\">填報中</strong>", taken);
        Assert.Contains("已開放填報。", taken);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_planner_approves_all_submitted_at_once_returning_one_and_a_refusal_keeps_every_choice(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        await OpenAsync(rdec);
        var codes = (await OwnCodesAsync(epb)).Take(4).ToList();
        foreach (var code in codes) await SubmitAsync(epb, code);
        using var page = await PageBrowser.OpenAsync(server, "rdec@example.org");
        await page.ReadTokenAsync(Review);
        async Task<string> Send(bool all, params (string Code, string Decision, string Comment)[] rows) =>
            await (await page.Client.PostAsync(Review, new FormUrlEncodedContent([
                new("_handler", "review"), new("__RequestVerificationToken", page.Token),
                .. codes.SelectMany((c, i) => new KeyValuePair<string, string>[] { new($"ReviewForm.Rows[{i}].Code", c) }),
                .. rows.SelectMany(r => new KeyValuePair<string, string>[]
                {
                    new($"ReviewForm.Rows[{codes.IndexOf(r.Code)}].Decision", r.Decision), new($"ReviewForm.Rows[{codes.IndexOf(r.Code)}].Comment", r.Comment),
                }),
                .. all ? [new KeyValuePair<string, string>("ReviewForm.All", "approve")] : Array.Empty<KeyValuePair<string, string>>()]))).Content.ReadAsStringAsync();

        // A return without its comment: nothing is done, and what was chosen is still chosen.
        var refused = await Send(all: false, (codes[0], "approve", ""), (codes[1], "return", ""));
        Assert.Contains("審核結果未儲存：1 項有問題", refused);
        Assert.Contains("退回時須填寫「退回意見」", refused);
        Assert.Matches($"value=\"approve\" checked[^>]*aria-label=\"核定 {Regex.Escape(codes[0])}\"", refused);
        Assert.Matches($"value=\"return\" checked[^>]*aria-label=\"退回 {Regex.Escape(codes[1])}\"", refused);
        Assert.Equal("submitted", await StateOf(rdec, codes[0]));

        // All at once, the one marked 退回 returned with its comment.
        var done = await Send(all: true, (codes[1], "return", "請補充資料來源。"));
        Assert.Contains("已核定 3 項、退回 1 項。", done);
        Assert.Equal(["approved", "returned", "approved", "approved"], await Task.WhenAll(codes.Select(c => StateOf(rdec, c))));
        Assert.DoesNotContain("全部核定", done);   // nothing submitted is left
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_agencys_progress_counts_what_its_own_list_counts_co_owned_kpis_included(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        await OpenAsync(rdec);
        var own = (await Json(await epb.GetAsync("/api/todo")))["toEnter"]!.AsArray().Count(t => t!["period"]!.GetValue<string>() == "Q2");
        Assert.Equal(22, own);   // 18 it owns alone or first, and 4 it co-owns
        await SubmitAsync(epb, (await OwnCodesAsync(epb))[0]);

        var row = Regex.Match(await rdec.GetStringAsync(Review), "<tr data-organisation=\"環保局\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        var counts = Regex.Matches(row, "<td[^>]*>(\\d+)</td>").Select(m => int.Parse(m.Groups[1].Value)).ToArray();
        // 項數, 已填, 已送出, 已退回, 已核定, 已發布, 未填
        Assert.Equal([own, 1, 1, 0, 0, 0, own - 1], counts);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Publishing_first_says_what_it_publishes_and_what_it_leaves_out(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        await OpenAsync(rdec);
        var codes = await OwnCodesAsync(epb);
        await SubmitAsync(epb, codes[0]);
        await SubmitAsync(epb, codes[1]);
        await SubmitAsync(epb, codes[2]);
        await SubmitAsync(epb, codes[3], submit: false);
        await Ok(await rdec.PostAsync(Actual(codes[0]) + "/approve", null));
        await Ok(await rdec.PostAsJsonAsync(Actual(codes[1]) + "/return", new { comment = "請補充。" }));

        var preview = await Json(await rdec.GetAsync(Period + "/publish-preview"));
        Assert.Equal((1, 1, 1, 1), (preview["toPublish"]!.GetValue<int>(), preview["submitted"]!.GetValue<int>(), preview["returned"]!.GetValue<int>(), preview["drafts"]!.GetValue<int>()));
        var notEntered = preview["notEntered"]!.GetValue<int>();
        Assert.True(notEntered > 200, $"{notEntered} never entered");
        var sentence = $"將發布 1 項；1 項已送出但未核定、1 項已退回、1 項草稿未送出、{notEntered} 項未填，不會發布。";
        Assert.Equal(sentence, preview["text"]!.GetValue<string>());

        var page = await rdec.GetStringAsync(Review + "?publish=preview");
        Assert.Contains(sentence, page);
        Assert.Contains("確認發布", page);
        Assert.Contains("<strong id=\"period-state\">填報中</strong>", page);   // looking publishes nothing
        Assert.Equal(HttpStatusCode.Forbidden, (await epb.GetAsync(Period + "/publish-preview")).StatusCode);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_figure_approved_after_the_publish_is_published_alone_without_reopening_and_audited(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        using var anonymous = server.CreateClient();
        await OpenAsync(rdec);
        var codes = await OwnCodesAsync(epb);
        var (first, later) = (codes[0], codes[1]);
        await SubmitAsync(epb, first);
        await SubmitAsync(epb, later);
        await Ok(await rdec.PostAsync(Actual(first) + "/approve", null));
        Assert.Equal(1, (await Json(await rdec.PostAsync(Period + "/publish", Confirmed())))["published"]!.GetValue<int>());

        var before = DateTime.UtcNow;
        var none = await rdec.PostAsync(Period + "/publish-approved", null);
        Assert.Equal(HttpStatusCode.Conflict, none.StatusCode);
        Assert.Contains("沒有新核定的項目可發布", (await Json(none))["detail"]!.GetValue<string>());

        await Ok(await rdec.PostAsync(Actual(later) + "/approve", null));
        Assert.Contains("發布新核定的 1 項", await rdec.GetStringAsync(Review));
        var answer = await Json(await rdec.PostAsync(Period + "/publish-approved", null));
        Assert.Equal(1, answer["published"]!.GetValue<int>());
        Assert.Equal("published", answer["period"]!["state"]!.GetValue<string>());
        Assert.Equal("published", await StateOf(rdec, later));
        Assert.Equal("published", await StateOf(rdec, first));
        var map = await Json(await anonymous.GetAsync(Map));
        var kpi = map["kpis"]!.AsArray().First(k => k!["code"]!.GetValue<string>() == later)!;
        Assert.Contains(kpi["values"]!.AsArray(), v => v!["kind"]!.GetValue<string>() == "actual" && v["period"]!.GetValue<string>() == "Q2" && v["status"]?.GetValue<string>() == "未統計");

        // The audit: who published which entry, and when.
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
        var cityMap = await db.Maps.SingleAsync(m => m.Year == 2018 && m.Organisation.Name == "臺北市政府");
        var laterId = await db.Kpis.Where(k => k.MapId == cityMap.Id && k.Code == later && k.ParentId == null).Select(k => k.Id).SingleAsync();
        var publishedSince = await db.AuditEntries.Where(a => a.At >= before && a.Entity == "Submission" && a.After!.Contains("\"State\":\"Published\"")).ToListAsync();
        var entry = Assert.Single(publishedSince);
        Assert.Equal(("rdec@example.org", laterId), (entry.Actor, entry.KpiId!.Value));
        Assert.Contains(db.AuditEntries.Where(a => a.At >= before && a.Entity == "ReportingPeriod").AsEnumerable(),
            a => a.Actor == "rdec@example.org" && a.After!.Contains("\"PublishedBy\":\"rdec@example.org\""));
    }
}
