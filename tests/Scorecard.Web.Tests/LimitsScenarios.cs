using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Data;
using Scorecard.Testing;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>Issue 11 §1: uploads over the limits get a clear answer that names the limit, and change nothing.</summary>
[Collection(ServersCollection.Name)]
public class LimitsScenarios(Servers servers)
{
    [Fact]
    public async Task An_upload_over_the_size_limit_is_refused_with_413_naming_the_limit_whether_or_not_it_says_its_length()
    {
        // On Kestrel itself, which enforces the limit while reading a body that does not declare its length.
        var server = await servers.FreshAsync("sqlite", demoData: true, new Dictionary<string, string> { ["Scorecard:Uploads:MaxMegabytes"] = "1" });
        server.UseKestrel(Loopback.FreePort());
        server.StartServer();
        using var rdec = await server.SignInAsync("rdec@example.org");
        var before = await MapsAsync(server);
        var big = Encoding.UTF8.GetBytes("{\"organization\": {\"name\": \"" + new string('局', 700_000) + "\"}}");   // 2 MB

        // As curl sends a large body: asking first (Expect: 100-continue), so that a refusal before reading is heard
        // rather than lost in a connection the server closes on unread data.
        var declared = await rdec.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = Uploads.Of("big.json", big), Headers = { ExpectContinue = true } });
        var chunked = new MultipartFormDataContent { { new StreamContent(new MemoryStream(big)), "files", "big.json" } };
        var streamed = await rdec.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = chunked, Headers = { TransferEncodingChunked = true, ExpectContinue = true } });

        foreach (var answer in new[] { declared, streamed })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
            Assert.Equal("上傳的內容超過 1 MB 的上限，未變更任何資料；請分批上傳或縮小檔案。", (await Json(answer))["title"]!.GetValue<string>());
        }
        Assert.Equal(before, await MapsAsync(server));

        // The import page's form, as a browser posts it: the page answers 413 as a page, in words, naming the limit.
        using (var browser = await PageBrowser.OpenAsync(server, "rdec@example.org", rdec.BaseAddress))
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent("import"), "_handler" },
                { new StringContent(browser.Token), "__RequestVerificationToken" },
                { new ByteArrayContent(big), "Files", "big.json" },
            };
            var page = await browser.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/import") { Content = form, Headers = { ExpectContinue = true } });
            Assert.True(page.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{page.StatusCode} {await page.Content.ReadAsStringAsync()}");
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<p role=\"alert\">上傳的內容超過 1 MB 的上限，未變更任何資料；請分批上傳或縮小檔案。</p>", await page.Content.ReadAsStringAsync());
        }
        Assert.Equal(before, await MapsAsync(server));

        // A body within the limit is read as before.
        await Ok(await rdec.PostAsync("/api/imports", Uploads.Seed("city-107q1-A.json")));
    }

    [Fact]
    public async Task More_files_than_one_import_takes_are_refused_naming_the_field_in_the_readers_language()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true, new Dictionary<string, string> { ["Scorecard:Uploads:MaxFiles"] = "2" });
        using var rdec = await server.SignInAsync("rdec@example.org");
        rdec.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var before = await MapsAsync(server);
        var form = new MultipartFormDataContent();
        foreach (var name in new[] { "city-107q1-A.json", "city-107q1-B.json", "city-107q1-C.json" })
            form.Add(new ByteArrayContent(File.ReadAllBytes(SeedData.PathOf(name))), "files", name);

        var answer = await rdec.PostAsync("/api/imports", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        var problem = await Json(answer);
        Assert.Equal("files", problem["field"]!.GetValue<string>());
        Assert.Equal("At most 2 files can be imported at once; this upload has 3. Import them in parts.", problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await MapsAsync(server));
    }

    /// <summary>
    /// Texts a page cannot print or PostgreSQL cannot store are bad input, not a server error: a NUL
    /// (PostgreSQL refuses it), a direction override, a text over 10,000 characters. Whatever route
    /// writes them, the answer is 422 naming the field, and nothing changes.
    /// </summary>
    [Fact]
    public async Task A_text_no_page_can_print_is_refused_with_422_naming_the_field_and_changes_nothing()
    {
        var server = await servers.FreshAsync("postgres", demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        var before = await MapsAsync(server);
        const string map = "/api/maps/臺北市政府/107";
        object Kpi(string name, string? notes = null) => new { code = "AC9.1", objective = "AC1", name, unit = "%", direction = "higher", owners = new[] { "環保局" }, notes };

        var nul = await rdec.PostAsync(map + "/kpis", JsonContent.Create(Kpi("資源回收率\u0000")));
        var flipped = await rdec.PostAsync(map + "/kpis", JsonContent.Create(Kpi("資源回收率\u202e%001")));
        var longNotes = await rdec.PostAsync(map + "/kpis", JsonContent.Create(Kpi("資源回收率", new string('註', 10_001))));
        var badTheme = await rdec.PostAsync(map + "/themes", JsonContent.Create(new { code = "Z", name = "主題", coUnits = new[] { "局\u0007" } }));

        foreach (var (answer, field) in new[] { (nul, "name"), (flipped, "name"), (longNotes, "notes"), (badTheme, "coUnits") })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
            var problem = await Json(answer);
            Assert.Equal(field, problem["field"]!.GetValue<string>());
            Assert.StartsWith(field == "notes" ? "文字長 10001 字" : "文字含有控制字元或不可見的字元 U+", problem["detail"]!.GetValue<string>());
        }
        Assert.Equal(before, await MapsAsync(server));
    }

    /// <summary>Every map with its version: any write to one would show.</summary>
    static async Task<string> MapsAsync(ScorecardServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
        var maps = await db.Maps.OrderBy(m => m.Id).Select(m => m.Id + ":" + m.Version).ToListAsync();
        return $"{await db.AuditEntries.CountAsync(a => a.Entity != "SignIn")} {string.Join(",", maps)}";
    }
}
