using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Testing;

namespace Scorecard.Web.Tests;

/// <summary>
/// Every write route of the app × every role (and signed out) → allowed, 401 or 403. The rows come
/// from the app's own route table: a new write route without a row here fails the test.
/// "Allowed" means the role passed: the answer may still be 400, 404, 409 or 422 for the state the
/// data is in, but never 401 or 403, and never a 500.
/// </summary>
[Collection(ServersCollection.Name)]
public class AuthorizationMatrix(Servers servers)
{
    enum Expect { Allowed, Unauthorized, Forbidden }

    // Who is asked, in this order: signed out, administrator, planner of the city (研考會), reporter of
    // 環保局 (owns AC1.1), viewer of the city (the mayor), and a planner of another organisation (秘書處).
    static readonly string[] Who = ["anonymous", "admin@example.org", "rdec@example.org", "epb@example.org", "mayor@example.org", "secretariat@example.org"];

    const Expect A = Expect.Allowed, U = Expect.Unauthorized, F = Expect.Forbidden;

    static readonly Dictionary<string, (string Url, Func<HttpContent?> Body, Expect[] Expected)> Matrix = new()
    {
        ["POST /api/account/login"] = ("/api/account/login", () => JsonContent.Create(new { email = "nobody@example.org", password = "x" }), [A, A, A, A, A, A]),
        ["POST /account/logout"] = ("/account/logout", () => new FormUrlEncodedContent([]), [A, A, A, A, A, A]),
        ["POST /api/imports"] = ("/api/imports", () => Upload("city-107q1-D.json"), [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/periods/{valueRocYear:int}/{period}/open"] =
            ("/api/maps/臺北市政府/107/periods/107/Q3/open", () => JsonContent.Create(new { deadline = "2018-10-15", confirm = true }), [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/periods/{valueRocYear:int}/{period}/close"] =
            ("/api/maps/臺北市政府/107/periods/107/Q3/close", () => null, [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/periods/{valueRocYear:int}/{period}/publish"] =
            ("/api/maps/臺北市政府/107/periods/107/Q4/publish", () => null, [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/periods/{valueRocYear:int}/{period}/publish-approved"] =
            ("/api/maps/臺北市政府/107/periods/107/Q4/publish-approved", () => null, [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/periods/{valueRocYear:int}/{period}/reopen"] =
            ("/api/maps/臺北市政府/107/periods/107/Q4/reopen", () => JsonContent.Create(new { reason = "更正" }), [U, A, A, F, F, F]),
        ["PUT /api/maps/{organisation}/{rocYear:int}/kpis/{code}/values/{valueRocYear:int}/{period}/actual"] =
            ("/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q3/actual", () => JsonContent.Create(new { value = 44 }), [U, A, F, A, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/kpis/{code}/values/{valueRocYear:int}/{period}/submit"] =
            ("/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q3/submit", () => null, [U, A, F, A, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/kpis/{code}/values/{valueRocYear:int}/{period}/approve"] =
            ("/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q3/approve", () => null, [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/kpis/{code}/values/{valueRocYear:int}/{period}/return"] =
            ("/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q3/return", () => JsonContent.Create(new { comment = "請補充" }), [U, A, A, F, F, F]),
        // 年度自評: 107's year figures are not published, so the allowed calls are refused for the state (409), after the role check.
        ["POST /api/maps/{organisation}/{rocYear:int}/evaluation/{valueRocYear:int}/open"] = ("/api/maps/臺北市政府/107/evaluation/107/open", () => null, [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/evaluation/{valueRocYear:int}/finalize"] = ("/api/maps/臺北市政府/107/evaluation/107/finalize", () => null, [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/evaluation/{valueRocYear:int}/reopen"] =
            ("/api/maps/臺北市政府/107/evaluation/107/reopen", () => JsonContent.Create(new { reason = "更正" }), [U, A, A, F, F, F]),
        ["PUT /api/maps/{organisation}/{rocYear:int}/evaluation/{valueRocYear:int}/kpis/{code}"] =
            ("/api/maps/臺北市政府/107/evaluation/107/kpis/AC1.1", () => JsonContent.Create(new { innovation = 80 }), [U, A, F, A, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/evaluation/{valueRocYear:int}/kpis/{code}/submit"] =
            ("/api/maps/臺北市政府/107/evaluation/107/kpis/AC1.1/submit", () => null, [U, A, F, A, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/evaluation/{valueRocYear:int}/kpis/{code}/approve"] =
            ("/api/maps/臺北市政府/107/evaluation/107/kpis/AC1.1/approve", () => null, [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/evaluation/{valueRocYear:int}/kpis/{code}/return"] =
            ("/api/maps/臺北市政府/107/evaluation/107/kpis/AC1.1/return", () => JsonContent.Create(new { comment = "請補充" }), [U, A, A, F, F, F]),
        // Editing (研考): after the cycle's rows, so that a delete that succeeds takes nothing they use.
        ["PUT /api/maps/{organisation}/{rocYear:int}/statement"] =
            ("/api/maps/臺北市政府/107/statement", () => JsonContent.Create(new { vision = "宜居永續城市", perspectiveOrder = "CPLF" }), [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/themes"] =
            ("/api/maps/臺北市政府/107/themes", () => JsonContent.Create(new { code = "Z", name = "測試主題" }), [U, A, A, F, F, F]),
        ["PUT /api/maps/{organisation}/{rocYear:int}/themes/{code}"] =
            ("/api/maps/臺北市政府/107/themes/Z", () => JsonContent.Create(new { code = "Z", name = "測試主題（改）" }), [U, A, A, F, F, F]),
        ["DELETE /api/maps/{organisation}/{rocYear:int}/themes/{code}"] = ("/api/maps/臺北市政府/107/themes/Z", () => null, [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/objectives"] =
            ("/api/maps/臺北市政府/107/objectives", () => JsonContent.Create(new { code = "AC8", theme = "A", perspective = "C", name = "測試目標" }), [U, A, A, F, F, F]),
        ["PUT /api/maps/{organisation}/{rocYear:int}/objectives/{code}"] =
            ("/api/maps/臺北市政府/107/objectives/AC8", () => JsonContent.Create(new { code = "AC8", theme = "A", perspective = "C", name = "測試目標（改）" }), [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/links"] =
            ("/api/maps/臺北市政府/107/links", () => JsonContent.Create(new { from = "AC8", to = "AC1" }), [U, A, A, F, F, F]),
        ["DELETE /api/maps/{organisation}/{rocYear:int}/links/{from}/{to}"] = ("/api/maps/臺北市政府/107/links/AC8/AC1", () => null, [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/kpis"] =
            ("/api/maps/臺北市政府/107/kpis", () => JsonContent.Create(new { code = "AC8.1", objective = "AC8", name = "測試 KPI", owners = new[] { "環保局" } }), [U, A, A, F, F, F]),
        ["PUT /api/maps/{organisation}/{rocYear:int}/kpis/{code}"] =
            ("/api/maps/臺北市政府/107/kpis/AC8.1", () => JsonContent.Create(new { code = "AC8.1", objective = "AC8", name = "測試 KPI（改）", owners = new[] { "環保局" } }), [U, A, A, F, F, F]),
        ["PUT /api/maps/{organisation}/{rocYear:int}/kpis/{code}/targets/{valueRocYear:int}/{period}"] =
            ("/api/maps/臺北市政府/107/kpis/AC8.1/targets/107/Y", () => JsonContent.Create(new { value = 10 }), [U, A, A, F, F, F]),
        ["DELETE /api/maps/{organisation}/{rocYear:int}/kpis/{code}/targets/{valueRocYear:int}/{period}"] =
            ("/api/maps/臺北市政府/107/kpis/AC8.1/targets/107/Y", () => null, [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/kpis/{code}/plans"] =
            ("/api/maps/臺北市政府/107/kpis/AC8.1/plans", () => JsonContent.Create(new { code = "AC8.1.1", name = "測試方案" }), [U, A, A, F, F, F]),
        ["PUT /api/maps/{organisation}/{rocYear:int}/kpis/{code}/plans/{planCode}"] =
            ("/api/maps/臺北市政府/107/kpis/AC8.1/plans/AC8.1.1", () => JsonContent.Create(new { code = "AC8.1.1", name = "測試方案（改）" }), [U, A, A, F, F, F]),
        ["DELETE /api/maps/{organisation}/{rocYear:int}/kpis/{code}/plans/{planCode}"] = ("/api/maps/臺北市政府/107/kpis/AC8.1/plans/AC8.1.1", () => null, [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/kpis/{code}/parts"] =
            ("/api/maps/臺北市政府/107/kpis/AC8.1/parts", () => JsonContent.Create(new { code = "AC8.1", name = "測試分項", owners = new[] { "都發局" }, weight = 50 }), [U, A, A, F, F, F]),
        ["DELETE /api/maps/{organisation}/{rocYear:int}/kpis/{code}/parts/{part:int}"] = ("/api/maps/臺北市政府/107/kpis/AC8.1/parts/1", () => null, [U, A, A, F, F, F]),
        ["DELETE /api/maps/{organisation}/{rocYear:int}/kpis/{code}"] = ("/api/maps/臺北市政府/107/kpis/AC8.1", () => null, [U, A, A, F, F, F]),
        ["DELETE /api/maps/{organisation}/{rocYear:int}/objectives/{code}"] = ("/api/maps/臺北市政府/107/objectives/AC8", () => null, [U, A, A, F, F, F]),
        // Administration (系統管理者 only).
        ["POST /api/accounts"] = ("/api/accounts", () => JsonContent.Create(new { email = "new@example.org", role = "viewer", organisation = "臺北市政府" }), [U, A, F, F, F, F]),
        ["POST /api/accounts/{email}/password-reset"] = ("/api/accounts/new@example.org/password-reset", () => null, [U, A, F, F, F, F]),
        ["POST /api/accounts/{email}/roles"] =
            ("/api/accounts/new@example.org/roles", () => JsonContent.Create(new { role = "reporter", organisation = "環保局" }), [U, A, F, F, F, F]),
        ["DELETE /api/accounts/{email}/roles/{role}"] = ("/api/accounts/new@example.org/roles/reporter?organisation=環保局", () => null, [U, A, F, F, F, F]),
        ["POST /api/organisations"] =
            ("/api/organisations", () => JsonContent.Create(new { name = "臺北市政府數位發展局", level = "bureau", parent = "臺北市政府", aliases = new[] { "數發局" } }), [U, A, F, F, F, F]),
        ["PUT /api/organisations/{name}"] =
            ("/api/organisations/臺北市政府數位發展局", () => JsonContent.Create(new { name = "臺北市政府數位發展局", level = "bureau", parent = "臺北市政府", aliases = new[] { "數發局", "數位局" } }), [U, A, F, F, F, F]),
        ["PUT /api/maps/{organisation}/{rocYear:int}/settings"] =
            ("/api/maps/臺北市政府/107/settings", () => JsonContent.Create(new { achievementRules = Array.Empty<object>() }), [U, A, A, F, F, F]),
        // 滾動修正 (研考): the first allowed call makes the 110 draft, the next ones are told it exists.
        ["POST /api/maps/{organisation}/{rocYear:int}/roll-forward"] = ("/api/maps/臺北市政府/109/roll-forward", () => null, [U, A, A, F, F, F]),
        ["PUT /api/maps/{organisation}/{rocYear:int}/revision/reasons"] =
            ("/api/maps/臺北市政府/110/revision/reasons", () => JsonContent.Create(new { change = "renameKpi", code = "DC1.1", reason = "文字修正" }), [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/kpis/{code}/move"] =
            ("/api/maps/臺北市政府/110/kpis/DP3.1/move", () => JsonContent.Create(new { organisation = "產業局", objective = "ZZ1" }), [U, A, A, F, F, F]),
        ["POST /api/maps/{organisation}/{rocYear:int}/revision/publish"] = ("/api/maps/臺北市政府/110/revision/publish", () => null, [U, A, A, F, F, F]),
    };

    static MultipartFormDataContent Upload(string name) => Uploads.Seed(name);

    /// <summary>Every write route's row: its method and route, the address it is called at and the body it is sent.</summary>
    internal static IEnumerable<(string Route, HttpMethod Method, string Url, Func<HttpContent?> Body)> Writes =>
        Matrix.Select(row => (row.Key, new HttpMethod(row.Key.Split(' ')[0]), row.Value.Url, row.Value.Body));

    /// <summary>Every route that changes something (not GET or HEAD), from the running app; pages are checked separately.</summary>
    static List<(string Key, Endpoint Endpoint)> WriteRoutes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Where(m => m is not ("GET" or "HEAD"))
                .Select(m => ($"{m} {e.RoutePattern.RawText}", (Endpoint)e)))
            .ToList();

    [Fact]
    public async Task Every_write_route_has_a_row_and_declares_who_may_call_it()
    {
        var server = await servers.DemoAsync("sqlite");
        var routes = WriteRoutes(server.Services);
        Assert.NotEmpty(routes);
        foreach (var (key, endpoint) in routes)
        {
            Assert.True(Matrix.ContainsKey(key), $"The write route {key} has no row in the authorization matrix.");
            Assert.True(endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                $"The write route {key} declares neither RequireAuthorization nor AllowAnonymous.");
        }
        Assert.Empty(Matrix.Keys.Except(routes.Select(r => r.Key)));   // no row for a route that is gone
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Each_role_gets_what_the_table_says(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        var clients = new List<HttpClient>();
        foreach (var who in Who)
            clients.Add(who == "anonymous" ? server.CreateClient() : await server.SignInAsync(who));
        // Q4 is published once, so that reopen has something to reopen for whoever may.
        using (var planner = await server.SignInAsync("rdec@example.org"))
        {
            await planner.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q3/open", new { deadline = "2018-10-15", confirm = true });
            await planner.PostAsync("/api/maps/臺北市政府/107/periods/107/Q4/publish", Answers.Confirmed());
        }

        var failures = new List<string>();
        foreach (var (key, (url, body, expected)) in Matrix)
        {
            var method = new HttpMethod(key.Split(' ')[0]);
            for (var i = 0; i < Who.Length; i++)
            {
                var response = await clients[i].SendAsync(new HttpRequestMessage(method, url) { Content = body() });
                var got = response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized when key != "POST /api/account/login" => Expect.Unauthorized,
                    HttpStatusCode.Forbidden => Expect.Forbidden,
                    _ => Expect.Allowed,
                };
                if (got != expected[i] || (int)response.StatusCode >= 500)
                    failures.Add($"{key} as {Who[i]}: expected {expected[i]}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        foreach (var c in clients) c.Dispose();
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("/todo")]
    [InlineData("/maps/臺北市政府/107/entry/107/Q2")]
    [InlineData("/maps/臺北市政府/107/review/107/Q2")]
    [InlineData("/maps/臺北市政府/107/edit")]
    [InlineData("/maps/臺北市政府/107/kpis/AC1.1/edit")]
    [InlineData("/maps/臺北市政府/107/settings")]
    [InlineData("/maps/臺北市政府/107/kinds")]
    [InlineData("/import")]
    [InlineData("/admin")]
    public async Task Work_pages_send_a_signed_out_visitor_to_sign_in(string page)
    {
        var server = await servers.DemoAsync("sqlite");
        using var client = server.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }
}
