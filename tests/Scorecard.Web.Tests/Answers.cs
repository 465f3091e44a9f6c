using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Scorecard.Web.Tests;

/// <summary>Reading the API's answers in scenarios: the body as JSON, and a success that says what failed when it is not one.</summary>
static class Answers
{
    public static async Task<JsonNode> Json(HttpResponseMessage r) => JsonNode.Parse(await r.Content.ReadAsStringAsync())!;

    public static async Task Ok(HttpResponseMessage r) =>
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode} {r.RequestMessage?.Method} {r.RequestMessage?.RequestUri}: {await r.Content.ReadAsStringAsync()}");

    /// <summary>The body of a publish that has seen what it leaves out: {"confirm": true}.</summary>
    public static HttpContent Confirmed() => JsonContent.Create(new { confirm = true });
}
