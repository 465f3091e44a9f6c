using System.Net;
using System.Net.Http.Json;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 33 §7: 「0,47」 typed for AC3.4 (target 0.463) was stored as 47.0 without a word. A comma out of its place is
/// now refused in words naming what was typed, on the entry page and over the API, and nothing is saved; a figure with
/// its thousands in groups of three, or typed in full-width, is read.
/// </summary>
[Collection(ServersCollection.Name)]
public class TypedNumbersScenarios(Servers servers)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_decimal_comma_is_refused_not_read_as_thousands(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using (var planner = await server.SignInAsync("rdec@example.org"))
            await Ok(await planner.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q3/open", new { deadline = "2018-10-15", confirm = true }));
        const string Entry = "/maps/臺北市政府/107/entry/107/Q3";
        using var browser = await PageBrowser.OpenAsync(server, "epb@example.org");
        await browser.ReadTokenAsync(Entry);
        using var reporter = await server.SignInAsync("epb@example.org");   // a sign-in is audited: before the count
        var before = await server.TableChecksumsAsync();

        async Task<string> Type(string value) => await (await browser.Client.PostAsync(Entry, new FormUrlEncodedContent([
            new("_handler", "entry"), new("__RequestVerificationToken", browser.Token),
            new("Form.Rows[0].Code", "AC1.2"), new("Form.Rows[0].Value", value)]))).Content.ReadAsStringAsync();

        Assert.Contains("「0,47」的千分位不正確；小數點請用「.」。", await Type("0,47"));
        Assert.Equal(before, await server.TableChecksumsAsync());

        var refused = await reporter.PutAsJsonAsync("/api/maps/臺北市政府/107/kpis/AC1.2/values/107/Q3/actual", new { value = "0,47" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await Json(refused);
        Assert.Equal("value", problem["field"]!.GetValue<string>());
        Assert.Equal(before, await server.TableChecksumsAsync());

        // Full-width, as a Chinese input method types it: read as 18.5.
        await Type("１８．５");
        var saved = await Json(await reporter.GetAsync("/api/maps/臺北市政府/107/kpis/AC1.2/values/107/Q3/actual"));
        Assert.Equal(18.5m, saved["value"]!.GetValue<decimal>());
    }
}
