using System.IO.Compression;
using System.Net.Http.Headers;

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
}
