using System.Net.Http.Headers;
using System.Net.Http.Json;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>Changes to the demo city's 107 map as an editor makes them over the API, for scenarios that need one.</summary>
static class CityMapEdits
{
    const string Statement = "/api/maps/臺北市政府/107/statement";

    /// <summary>The vision changed: the statement read, then put back with its version (If-Match).</summary>
    public static async Task ChangeVisionAsync(HttpClient planner, string vision)
    {
        var current = await planner.GetAsync(Statement);
        await Ok(current);
        var statement = await Json(current);
        statement["vision"] = vision;
        using var put = new HttpRequestMessage(HttpMethod.Put, Statement) { Content = JsonContent.Create(statement) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue(current.Headers.ETag!.Tag));
        await Ok(await planner.SendAsync(put));
    }
}
