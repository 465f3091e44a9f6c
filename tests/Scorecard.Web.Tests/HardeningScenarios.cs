using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Scorecard.Testing;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>Issue 32 §8, §11 and the deployment defect: HTTPS kept to, malformed requests answered in words, the app's own folder.</summary>
[Collection(ServersCollection.Name)]
public class HardeningScenarios(Servers servers)
{
    [Fact]
    public async Task Answers_over_https_tell_the_browser_to_keep_to_https_for_a_year_and_plain_http_answers_do_not()
    {
        var server = await servers.DemoAsync("sqlite");
        using var https = server.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        using var http = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var path in new[] { "/", "/api/maps/臺北市政府/107", "/app.css", "/api/maps/不存在/107", "/api/account/me" })
        {
            var secure = await https.GetAsync(path);
            Assert.Equal("max-age=31536000", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
            // Over plain HTTP a browser ignores it, and a proxy that strips HTTPS must not be told to keep to it.
            Assert.False((await http.GetAsync(path)).Headers.Contains("Strict-Transport-Security"), path);
        }
    }

    [Fact]
    public async Task A_request_with_an_empty_host_is_answered_400_in_words_by_the_real_server()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        var port = Loopback.FreePort();
        server.UseKestrel(port);
        server.StartServer();

        foreach (var path in new[] { "/", "/maps/%E8%87%BA%E5%8C%97%E5%B8%82%E6%94%BF%E5%BA%9C/107", "/api/organisations" })
        {
            // As `curl -H 'Host;'` sends it: the header, with no value.
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            await using var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost:\r\nAccept: text/html\r\nConnection: close\r\n\r\n"));
            var answer = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync();

            Assert.StartsWith("HTTP/1.1 400 ", answer);
            Assert.Contains("請求缺少 Host 標頭（網站的名稱），無法回應。", answer);
            Assert.Contains("X-Content-Type-Options: nosniff", answer);
        }
    }

    [Fact]
    public async Task An_import_of_more_form_parts_than_the_server_reads_is_answered_400_in_words()
    {
        var server = await servers.DemoAsync("sqlite");
        using var rdec = await server.SignInAsync("rdec@example.org");
        var form = new MultipartFormDataContent();
        for (var i = 0; i < 1_100; i++)
            form.Add(new StringContent("x"), $"field{i}");

        var answer = await rdec.PostAsync("/api/imports", form);

        Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        Assert.Equal("表單的欄位或檔案過多、過長，無法讀取，未變更任何資料。", (await Json(answer))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_app_started_from_another_folder_serves_its_stylesheet_and_reads_its_own_settings()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        var elsewhere = Directory.CreateTempSubdirectory("scorecard-elsewhere-");
        try
        {
            // As a deployment starts it: `dotnet /opt/scorecard/Scorecard.Web.dll` from whatever folder systemd is in.
            using var process = await ServerProcess.StartAsync("sqlite", database.ConnectionString, workingDirectory: elsewhere.FullName);
            using var client = new HttpClient { BaseAddress = process.Address };

            var css = await client.GetAsync("/app.css");
            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
            Assert.NotEmpty(await css.Content.ReadAsStringAsync());
            await Ok(await client.GetAsync("/api/organisations"));

            // appsettings.json logs Entity Framework at Warning: no SQL command at Information.
            Assert.Equal(0, process.LinesSaying("Executed DbCommand"));
            Assert.Empty(Directory.GetFiles(elsewhere.FullName));
        }
        finally { elsewhere.Delete(recursive: true); }
    }
}
