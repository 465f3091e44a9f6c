using System.Net;
using System.Net.Http.Json;
using System.Text;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 32 §3: a write is authorized before its body is read, a JSON body is bounded (1 MB, each text and
/// list to sizes a city uses), and each account's writes are limited per minute.
/// </summary>
[Collection(ServersCollection.Name)]
public class WriteLimitsScenarios(Servers servers)
{
    const string Statement = "/api/maps/臺北市政府/107/statement";

    /// <summary>A JSON list of <paramref name="size"/> bytes made as it is read; <paramref name="unfinished"/>, never closed (no valid JSON).</summary>
    sealed class GeneratedList(long size, bool unfinished = false) : Stream
    {
        static readonly byte[] Head = "{\"mission\":["u8.ToArray(), Item = Encoding.UTF8.GetBytes("\"使命\","), Tail = "\"x\"]}"u8.ToArray();
        long position;
        public long Taken => Interlocked.Read(ref position);

        byte At(long p)
        {
            if (p < Head.Length) return Head[p];
            if (p >= size - Tail.Length) return unfinished ? (byte)' ' : Tail[p - (size - Tail.Length)];
            var q = p - Head.Length;
            return q < (size - Head.Length - Tail.Length) / Item.Length * Item.Length ? Item[q % Item.Length] : (byte)' ';
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = 0;
            for (; n < count && position < size; n++)
                buffer[offset + n] = At(Interlocked.Increment(ref position) - 1);
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    static HttpRequestMessage ThirtyMegabytePut(GeneratedList body) => new(HttpMethod.Put, Statement)
    {
        // No declared length (chunked): only the role can refuse it before it is read.
        Content = new StreamContent(body) { Headers = { ContentType = new("application/json") } },
    };

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_viewers_or_a_signed_out_write_is_refused_before_its_30_MB_body_is_read(string provider)
    {
        var server = await servers.DemoAsync(provider);   // the roles are read from the database
        using var mayor = await server.SignInAsync("mayor@example.org");
        using var anonymous = server.CreateClient();

        foreach (var (client, status) in new[] { (mayor, HttpStatusCode.Forbidden), (anonymous, HttpStatusCode.Unauthorized) })
        {
            // A body that is no JSON at all (a list never closed): read and checked, it is refused 400 as unreadable, as it
            // was for the viewer before the gate (after 6-9 s of reading and parsing 30 MB). Refused for the role, it was not read.
            var answer = await client.SendAsync(ThirtyMegabytePut(new GeneratedList(30L * 1024 * 1024, unfinished: true)));
            Assert.Equal(status, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_planners_json_body_over_the_api_limit_is_refused_413_naming_the_limit_and_changes_nothing()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        var before = await server.TableChecksumsAsync("AuditEntries");

        var declared = await rdec.PutAsync(Statement, new StreamContent(new GeneratedList(2L * 1024 * 1024)) { Headers = { ContentType = new("application/json"), ContentLength = 2L * 1024 * 1024 } });
        var streamed = await rdec.SendAsync(ThirtyMegabytePut(new GeneratedList(2L * 1024 * 1024)));

        foreach (var answer in new[] { declared, streamed })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
            Assert.Equal("上傳的內容超過 1 MB 的上限，未變更任何資料；請分批上傳或縮小檔案。", (await Json(answer))["title"]!.GetValue<string>());
        }
        Assert.Equal(before, await server.TableChecksumsAsync("AuditEntries"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Texts_and_lists_beyond_what_a_city_uses_are_refused_422_naming_the_field_and_change_nothing(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        rdec.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-TW");
        var before = await server.TableChecksumsAsync("AuditEntries");
        const string map = "/api/maps/臺北市政府/107";

        var coreValues = await rdec.PutAsync(Statement, JsonContent.Create(new { mission = new[] { "使命" }, vision = "願景", coreValues = Enumerable.Range(1, 101).Select(i => $"價值{i}") }));
        var mission = await rdec.PutAsync(Statement, JsonContent.Create(new { mission = Enumerable.Range(1, 7_600).Select(i => "使命") }));
        var themeName = await rdec.PostAsync(map + "/themes", JsonContent.Create(new { code = "Z", name = new string('主', 201), coUnits = new[] { "環保局" } }));
        var rule = await rdec.PutAsync(map + "/settings", JsonContent.Create(new { achievementRules = new[] { new { theme = new string('A', 201) } } }));

        foreach (var (answer, field, detail) in new[]
        {
            (coreValues, "coreValues", "清單有 101 項以上，超過上限 100 項。"),
            (mission, "mission", "清單有 101 項以上，超過上限 100 項。"),
            (themeName, "name", "文字長 201 字，超過上限 200 字。"),
            (rule, "achievementRules[0].theme", "文字長 201 字，超過上限 200 字。"),
        })
        {
            Assert.True(answer.StatusCode == HttpStatusCode.UnprocessableEntity, $"{field}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            var problem = await Json(answer);
            Assert.Equal(field, problem["field"]!.GetValue<string>());
            Assert.Equal(detail, problem["detail"]!.GetValue<string>());
        }
        Assert.Equal(before, await server.TableChecksumsAsync("AuditEntries"));

        // Within the bounds, the same writes are taken.
        await Ok(await rdec.PostAsync(map + "/themes", JsonContent.Create(new { code = "Z", name = new string('主', 200), coUnits = Enumerable.Range(1, 100).Select(i => $"局{i}") })));
    }

    [Fact]
    public async Task An_accounts_writes_past_its_limit_a_minute_are_answered_429_with_the_wait_in_words()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true, new Dictionary<string, string> { ["Scorecard:Writes:PerMinute"] = "3" });
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        const string links = "/api/maps/臺北市政府/107/links";

        for (var i = 0; i < 3; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await rdec.PostAsync(links, JsonContent.Create(new { from = "ZZ1" }))).StatusCode);
        var limited = await rdec.PostAsync(links, JsonContent.Create(new { from = "ZZ1" }));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var wait = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        Assert.InRange(wait.Value.TotalSeconds, 1, 60);
        Assert.Equal($"此帳號的變更過於頻繁，未變更；請 {(int)wait.Value.TotalSeconds} 秒後再試。", (await Json(limited))["title"]!.GetValue<string>());
        // Reads go on, and another account's writes are its own.
        await Ok(await rdec.GetAsync("/api/account/me"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await epb.PostAsync(links, JsonContent.Create(new { from = "ZZ1" }))).StatusCode);
    }
}
