using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// 系統管理者 manages accounts, roles and organisations over the API (issue 6 §2): a new agency and
/// its reporter, who then signs in and may enter only what the new agency owns.
/// </summary>
[Collection(ServersCollection.Name)]
public class AdministrationScenarios(Servers servers)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_administrator_adds_an_agency_and_its_reporter_who_signs_in_with_the_password_given(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var admin = await server.SignInAsync("admin@example.org");

        var added = await admin.PostAsJsonAsync("/api/organisations", new { name = "臺北市政府數位發展局", level = "bureau", parent = "臺北市政府", aliases = new[] { "數發局" } });
        await Ok(added);
        var etag = added.Headers.ETag!.Tag;
        var rename = () => new HttpRequestMessage(HttpMethod.Put, "/api/organisations/臺北市政府數位發展局")
        {
            Content = JsonContent.Create(new { name = "臺北市政府數位發展局", level = "bureau", parent = "臺北市政府", aliases = new[] { "數發局", "數位局" } }),
            Headers = { { "If-Match", etag } },
        };
        await Ok(await admin.SendAsync(rename()));
        var stale = await admin.SendAsync(rename());   // the same version again: someone changed it since
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("數位局", (await Json(stale))["detail"]!.GetValue<string>());
        var taken = await admin.PostAsJsonAsync("/api/organisations", new { name = "臺北市政府數位處", level = "bureau", parent = "臺北市政府", aliases = new[] { "環保局" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Equal("aliases", (await Json(taken))["field"]!.GetValue<string>());

        var created = await admin.PostAsJsonAsync("/api/accounts", new { email = "dit@example.org", role = "reporter", organisation = "數發局" });
        await Ok(created);
        var password = (await Json(created))["password"]!.GetValue<string>();
        using var dit = await server.SignInAsync("dit@example.org", password);
        var me = await Json(await dit.GetAsync("/api/account/me"));
        Assert.Contains("臺北市政府數位發展局", me.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        // The list shows the role; a second role for the mayor's office is added and taken away again.
        var accounts = (await Json(await admin.GetAsync("/api/accounts"))).AsArray();
        var row = accounts.Single(a => a!["email"]!.GetValue<string>() == "dit@example.org")!;
        Assert.Equal("臺北市政府數位發展局", row["roles"]![0]!["organisation"]!.GetValue<string>());
        // A role counts from the holder's next request, and stops counting at once when taken away: the city
        // map's 修改紀錄 is shown only to those who may read what is not yet published.
        const string cityMap = "/maps/臺北市政府/107";
        Assert.DoesNotContain("修改紀錄", await dit.GetStringAsync(cityMap));
        await Ok(await admin.PostAsJsonAsync("/api/accounts/dit@example.org/roles", new { role = "viewer", organisation = "臺北市政府" }));
        Assert.Contains("修改紀錄", await dit.GetStringAsync(cityMap));
        await Ok(await admin.DeleteAsync("/api/accounts/dit@example.org/roles/viewer?organisation=臺北市政府"));
        Assert.DoesNotContain("修改紀錄", await dit.GetStringAsync(cityMap));
        row = (await Json(await admin.GetAsync("/api/accounts"))).AsArray().Single(a => a!["email"]!.GetValue<string>() == "dit@example.org")!;
        Assert.Single(row["roles"]!.AsArray());

        // The last administrator's role stays; a planner may not list accounts.
        var last = await admin.DeleteAsync("/api/accounts/admin@example.org/roles/administrator");
        Assert.Equal(HttpStatusCode.Conflict, last.StatusCode);
        using var rdec = await server.SignInAsync("rdec@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await rdec.GetAsync("/api/accounts")).StatusCode);
    }
}
