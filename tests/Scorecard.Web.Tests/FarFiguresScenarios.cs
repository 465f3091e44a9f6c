using System.Net;
using System.Net.Http.Json;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 33 §7, second part: a figure more than ten times, or less than a tenth of, the KPI's target, its previous period
/// and its previous year (each that exists) is held until the reporter confirms it, on the entry page and over the API;
/// nothing is stored until then. AC3.4 (seed 000: 每人每年固體廢棄物收集量, target 0.463 公噸, Q1 0.489) is 環保局's.
/// </summary>
[Collection(ServersCollection.Name)]
public class FarFiguresScenarios(Servers servers)
{
    const string Map = "/api/maps/臺北市政府/107";
    const string Question = "數值與目標及前期差距甚大，確認無誤？";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_figure_far_from_the_target_and_the_period_before_is_stored_only_when_confirmed(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using (var planner = await server.SignInAsync("rdec@example.org"))
        {
            await Ok(await planner.PostAsJsonAsync($"{Map}/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));
            await Ok(await planner.PostAsJsonAsync($"{Map}/periods/107/Q3/open", new { deadline = "2018-10-15", confirm = true }));
        }
        using var reporter = await server.SignInAsync("epb@example.org");
        var before = await server.TableChecksumsAsync();
        const string Q2 = $"{Map}/kpis/AC3.4/values/107/Q2/actual";

        // 47 for 0.47: a hundred times the target and Q1. Held, naming the field and what it was compared with.
        var held = await reporter.PutAsJsonAsync(Q2, new { value = 47, narrative = "第二季收集量" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, held.StatusCode);
        var problem = await Json(held);
        Assert.Equal("value", problem["field"]!.GetValue<string>());
        Assert.Equal(Question, problem["detail"]!.GetValue<string>());
        Assert.Contains("confirm: true", problem["title"]!.GetValue<string>());
        Assert.Equal(["目標值 0.463", "前期 0.489"], problem["comparedWith"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()));
        Assert.Equal(["target", "previousPeriod"], problem["comparedWith"]!.AsArray().Select(c => c!["against"]!.GetValue<string>()));
        Assert.Equal(before, await server.TableChecksumsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await reporter.GetAsync(Q2)).StatusCode);

        // In English, the same refusal in English.
        var english = new HttpRequestMessage(HttpMethod.Put, Q2 + "?lang=en") { Content = JsonContent.Create(new { value = 47 }) };
        Assert.Contains("is it right?", (await Json(await reporter.SendAsync(english)))["detail"]!.GetValue<string>());

        // "confirm" must be a yes or a no.
        var unreadable = await reporter.PutAsJsonAsync(Q2, new { value = 47, confirm = "yes" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unreadable.StatusCode);
        Assert.Equal("confirm", (await Json(unreadable))["field"]!.GetValue<string>());
        Assert.Equal(before, await server.TableChecksumsAsync());

        // Confirmed, it is stored, and saving it again (say, with a narrative) does not ask again.
        var stored = await reporter.PutAsJsonAsync(Q2, new { value = 47, confirm = true });
        await Ok(stored);
        Assert.Equal(47m, (await Json(await reporter.GetAsync(Q2)))["value"]!.GetValue<decimal>());
        await Ok(await reporter.PutAsJsonAsync(Q2, new { value = 47, narrative = "確為 47" }));
        using (var planner = await server.SignInAsync("rdec@example.org"))   // 修改紀錄: the confirmed figure is audited as any save
            Assert.Contains((await Json(await planner.GetAsync($"{Map}/kpis/AC3.4/history"))).AsArray(), h => h!["actor"]!.GetValue<string>() == "epb@example.org");

        // Near any one reference, a zero, or a status: not held.
        await Ok(await reporter.PutAsJsonAsync(Q2, new { value = 0.47 }));
        await Ok(await reporter.PutAsJsonAsync(Q2, new { value = 0 }));
        await Ok(await reporter.PutAsJsonAsync(Q2, new { status = "尚無法統計" }));

        // The period before may be an entry not published yet: Q3 is compared with Q2's 0.47 as entered.
        await Ok(await reporter.PutAsJsonAsync(Q2, new { value = 0.47 }));
        var q3 = await reporter.PutAsJsonAsync($"{Map}/kpis/AC3.4/values/107/Q3/actual", new { value = 0.02 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, q3.StatusCode);
        Assert.Equal(["目標值 0.463", "前期 0.47"], (await Json(q3))["comparedWith"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_entry_page_asks_and_stores_the_figure_once_the_box_is_ticked(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using (var planner = await server.SignInAsync("rdec@example.org"))
            await Ok(await planner.PostAsJsonAsync($"{Map}/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));
        const string Entry = "/maps/臺北市政府/107/entry/107/Q2";
        using var browser = await PageBrowser.OpenAsync(server, "epb@example.org");
        await browser.ReadTokenAsync(Entry);
        using var reporter = await server.SignInAsync("epb@example.org");   // a sign-in is audited: before the count
        var before = await server.TableChecksumsAsync();

        async Task<string> Type(string value, bool confirm) => await (await browser.Client.PostAsync(Entry, new FormUrlEncodedContent([
            new("_handler", "entry"), new("__RequestVerificationToken", browser.Token),
            new("Form.Rows[0].Code", "AC3.4"), new("Form.Rows[0].Value", value), .. confirm ? [new KeyValuePair<string, string>("Form.Rows[0].Confirm", "true")] : Array.Empty<KeyValuePair<string, string>>()]))).Content.ReadAsStringAsync();

        var asked = await Type("47", confirm: false);
        Assert.Contains(Question, asked);
        Assert.Contains("比較：目標值 0.463；前期 0.489", asked);
        Assert.Contains("確認無誤，照此數值儲存", asked);
        Assert.Contains("value=\"47\"", asked);   // what was typed stays in the box
        Assert.Equal(before, await server.TableChecksumsAsync());

        var saved = await Type("47", confirm: true);
        Assert.DoesNotContain(Question, saved);
        Assert.Contains("已儲存 1 項", saved);
        Assert.Equal(47m, (await Json(await reporter.GetAsync($"{Map}/kpis/AC3.4/values/107/Q2/actual")))["value"]!.GetValue<decimal>());

        // The sheet saved again as it stands (the figure unchanged) is not held a second time.
        Assert.DoesNotContain(Question, await Type("47", confirm: false));
    }
}
