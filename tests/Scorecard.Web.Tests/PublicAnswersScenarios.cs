using System.IO.Compression;
using System.Net.Http.Headers;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Web.Infrastructure.Caching;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 10 §3: a signed-out reader gets the page whole from the output cache, compressed as the browser
/// asks; staff never get a kept answer (theirs carry edit links and history) nor a compressed one (theirs
/// carry form tokens).
/// </summary>
[Collection(ServersCollection.Name)]
public class PublicAnswersScenarios(Servers servers)
{
    const string MapPage = "/maps/%E8%87%BA%E5%8C%97%E5%B8%82%E6%94%BF%E5%BA%9C/107";

    static async Task<(HttpResponseMessage Response, string Html)> GetAsync(HttpClient client, string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, MapPage);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var plain = response.Content.Headers.ContentEncoding.Contains("br") ? new BrotliStream(body, CompressionMode.Decompress) : body;
        return (response, await new StreamReader(plain).ReadToEndAsync());
    }

    [Fact]
    public async Task Signed_out_readers_get_the_kept_page_compressed_and_staff_their_own()
    {
        var server = await servers.DemoAsync("sqlite");
        using var reader = server.CreateClient();
        using var planner = await server.SignInAsync("rdec@example.org");

        var (first, html) = await GetAsync(reader, "br");
        Assert.Equal("br", Assert.Single(first.Content.Headers.ContentEncoding));
        Assert.Contains("<h1>臺北市政府 107 年策略地圖</h1>", html);
        Assert.DoesNotContain("編輯策略地圖", html);
        Assert.True(first.Content.Headers.ContentLength < html.Length / 4, $"{first.Content.Headers.ContentLength} bytes for {html.Length} characters");

        // The planner, after the page was kept: their own page, made for them (no Age: not from the cache),
        // with its edit link and history, not compressed.
        var (staff, staffHtml) = await GetAsync(planner, "br");
        Assert.Null(staff.Headers.Age);
        Assert.Empty(staff.Content.Headers.ContentEncoding);
        Assert.Contains("編輯策略地圖", staffHtml);
        Assert.Contains("修改紀錄", staffHtml);

        // And the next signed-out reader is given the kept page (Age: from the output cache), not the planner's.
        var (kept, again) = await GetAsync(reader, "br");
        Assert.NotNull(kept.Headers.Age);
        Assert.Equal(html, again);
        var (plain, plainHtml) = await GetAsync(reader, "identity");
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(html, plainHtml);
    }

    /// <summary>
    /// A large answer is compressed as one piece, not a block per flush of its writer: the city 107 map's JSON
    /// (about 545 KB) had come out at 163 KB in Brotli, under a third; whole it is about a tenth. Decoded, it is
    /// the same answer as uncompressed, in Brotli as in gzip.
    /// </summary>
    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_large_answer_arrives_compressed_as_one_piece_and_decodes_to_the_same(string encoding)
    {
        using var reader = (await servers.DemoAsync("sqlite")).CreateClient();
        const string path = "/api/maps/%E8%87%BA%E5%8C%97%E5%B8%82%E6%94%BF%E5%BA%9C/107";
        var plain = await reader.GetByteArrayAsync(path);

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var response = await reader.SendAsync(request);
        response.EnsureSuccessStatusCode();
        Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
        var compressed = await response.Content.ReadAsByteArrayAsync();
        await using var decoding = encoding == "br"
            ? (Stream)new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await decoding.CopyToAsync(decoded);

        Assert.Equal(plain, decoded.ToArray());
        Assert.Contains("\"title\": \"臺北市政府 107 年 1 至 3 月施政報告\"", System.Text.Encoding.UTF8.GetString(plain));
        Assert.True(compressed.Length * 6 < plain.Length, $"{compressed.Length} bytes compressed for {plain.Length}");
    }

    /// <summary>
    /// Issue 32 §9: a parameter no route reads does not make another kept answer, so a signed-out reader cannot
    /// make the server build the map anew with `?v=1`, `?v=2` …; a parameter the route reads still does.
    /// </summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_query_parameter_no_route_reads_is_served_the_kept_answer(string provider)
    {
        var server = await servers.DemoAsync(provider);   // kept under the content stamp the database gives
        using var reader = server.CreateClient();
        var unique = Guid.NewGuid().ToString("N");

        var first = await reader.GetAsync($"/api/maps/臺北市政府/107?v={unique}1");
        first.EnsureSuccessStatusCode();
        var second = await reader.GetAsync($"/api/maps/臺北市政府/107?v={unique}2");
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        var page = await reader.GetAsync($"/maps/臺北市政府/107?utm_source={unique}");
        Assert.NotNull((await reader.GetAsync($"/maps/臺北市政府/107?utm_source={unique}x")).Headers.Age);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);

        // A parameter the route reads is another answer: the dashboard of another year is made for it.
        var dashboard = await reader.GetAsync($"/api/dashboard?year=107&x={unique}");
        var other = await reader.GetAsync($"/api/dashboard?year=106&x={unique}");
        Assert.Null(other.Headers.Age);
        Assert.NotEqual(await dashboard.Content.ReadAsStringAsync(), await other.Content.ReadAsStringAsync());
    }

    /// <summary>Issue 32 §9: answers made anew for signed-out readers are limited per address; kept ones are not.</summary>
    [Fact]
    public async Task Signed_out_answers_made_anew_are_limited_per_address_and_answered_429_with_the_wait()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true, new Dictionary<string, string> { ["Scorecard:PublicReads:PerMinute"] = "2" });
        using var reader = server.CreateClient();

        (await reader.GetAsync("/api/open-data/107.csv")).EnsureSuccessStatusCode();
        (await reader.GetAsync("/api/open-data/106.csv")).EnsureSuccessStatusCode();
        var limited = await reader.GetAsync("/api/open-data/105.csv");

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, limited.StatusCode);
        var wait = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        var title = (await Answers.Json(limited))["title"]!.GetValue<string>();
        Assert.Equal($"此位址的查詢過於頻繁，請 {(int)wait.Value.TotalSeconds} 秒後再試。", title);
        // What is kept is still served, and staff are not counted.
        Assert.NotNull((await reader.GetAsync("/api/open-data/107.csv")).Headers.Age);
        using var rdec = await server.SignInAsync("rdec@example.org");
        (await rdec.GetAsync("/api/open-data/104.csv")).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// A kept answer is keyed on <see cref="PublicAnswers.ReadParameters"/> and no other query parameter: one a kept route
    /// read and the key left out would hand one reader's page to another (?period=Q2 served Q1's). Every query parameter of
    /// a kept API route (its handler's simple parameters that are not in the route) and every one a page or component
    /// reads (<c>[SupplyParameterFromQuery]</c>; the sign-in page is never kept) must be in the key.
    /// </summary>
    [Fact]
    public async Task Every_query_parameter_a_kept_route_reads_is_part_of_the_key()
    {
        var server = await servers.DemoAsync("sqlite");
        var read = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var kept = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.Any(m => m is OutputCacheAttribute or IOutputCachePolicy)).ToList();
        Assert.True(kept.Count >= 10, $"only {kept.Count} kept routes");
        foreach (var endpoint in kept)
        {
            if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page)
                read.UnionWith(QueryParameters(page.Type));
            else if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler)
                read.UnionWith(handler.GetParameters()
                    .Where(p => IsSimple(p.ParameterType) && endpoint.RoutePattern.GetParameter(p.Name!) is null)
                    .Select(p => p.Name!));
        }
        // Components rendered inside kept pages read the same query string.
        foreach (var component in typeof(Program).Assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.GetCustomAttributes<RouteAttribute>().Any()))
            read.UnionWith(QueryParameters(component));
        Assert.Contains("period", read);   // the walk finds what it looks for
        Assert.Empty(read.Except(PublicAnswers.ReadParameters, StringComparer.OrdinalIgnoreCase));

        static IEnumerable<string> QueryParameters(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Select(p => (Property: p, Query: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
                .Where(x => x.Query is not null).Select(x => x.Query!.Name ?? x.Property.Name);
        static bool IsSimple(Type t) => (Nullable.GetUnderlyingType(t) ?? t) is var u && (u.IsPrimitive || u == typeof(string) || u == typeof(decimal) || u.IsEnum);
    }
}
