using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Npgsql;
using Scorecard.Testing;

namespace Scorecard.EndToEnd.Tests;

/// <summary>
/// Issue 37 §1: the product as a city's IT department runs it, with real parts. `dotnet publish` once; two instances
/// of the published Scorecard.Web.dll, each started as deploy/scorecard@.service starts it (its command line, its
/// environment file, deploy/appsettings.Production.json beside the dll, from a folder that is not the app's) on one
/// real PostgreSQL; Debian's nginx in front with deploy/nginx/scorecard.conf (ports and certificate paths put in) and
/// a certificate made here by openssl. A missing nginx or openssl fails the tests (scripts/test installs nginx).
/// </summary>
public sealed class Deployment : IAsyncLifetime
{
    public const string NginxPath = "/usr/sbin/nginx";
    public const string UpstreamHeader = "X-Upstream";

    readonly string folder = Directory.CreateTempSubdirectory("scorecard-deploy-").FullName;
    PostgresServer? postgres;
    readonly List<Process> instances = [];
    Process? nginx;
    X509Certificate2? certificate;

    public string ConnectionString { get; private set; } = "";
    public Uri Https { get; private set; } = null!;
    public Uri Http { get; private set; } = null!;
    public IReadOnlyList<string> InstanceAddresses { get; private set; } = [];

    public async Task InitializeAsync()
    {
        if (!File.Exists(NginxPath))
            throw new InvalidOperationException($"nginx is not installed at {NginxPath}. Run scripts/test, or apt-get install nginx.");

        var published = Path.Combine(folder, "opt-scorecard");
        await PublishAsync(published);
        File.Copy(Path.Combine(Repository.Root, "deploy", "appsettings.Production.json"), Path.Combine(published, "appsettings.Production.json"));

        postgres = await PostgresServer.StartAsync();
        ConnectionString = await postgres.CreateDatabaseAsync();

        // One after the other: the first migrates the empty database and loads the demo accounts, the second finds it ready.
        var ports = new[] { Loopback.FreePort(), Loopback.FreePort() };
        foreach (var port in ports)
            instances.Add(await StartInstanceAsync(published, port));
        InstanceAddresses = [.. ports.Select(p => $"127.0.0.1:{p}")];

        await StartNginxAsync(ports);
    }

    /// <summary>
    /// The build the tests run on, published as a deployment is (the folder copied to /opt/scorecard). Not ReadyToRun:
    /// that compiles every assembly again for the machine, minutes of the test run, and changes no file the
    /// deployment reads (bench/cold-start.sh measures the ReadyToRun publish).
    /// </summary>
    static async Task PublishAsync(string output)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var (code, text) = await RunAsync("dotnet", ["publish", Path.Combine(Repository.Root, "src", "Scorecard.Web"), "--no-build", "-c", configuration,
            "-p:PublishReadyToRun=false", "-o", output, "--nologo", "-v", "q"]);
        if (code != 0 || !File.Exists(Path.Combine(output, "Scorecard.Web.dll")))
            throw new InvalidOperationException($"dotnet publish failed ({code}):\n{text}");
    }

    /// <summary>As systemd starts scorecard@{port}: the unit's ExecStart, the environment file's settings, and a working directory of its own.</summary>
    async Task<Process> StartInstanceAsync(string published, int port)
    {
        var unit = await File.ReadAllLinesAsync(Path.Combine(Repository.Root, "deploy", "scorecard@.service"));
        var execStart = unit.Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal))["ExecStart=".Length..]
            .Replace("/opt/scorecard", published, StringComparison.Ordinal).Replace("%i", port.ToString(), StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var workingDirectory = Directory.CreateDirectory(Path.Combine(folder, $"cwd-{port}")).FullName;
        var start = new ProcessStartInfo(execStart[0]) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in execStart[1..])
            start.ArgumentList.Add(argument);
        // systemd's environment is its own: none of the test run's settings.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_", StringComparison.Ordinal)
            || k.StartsWith("Scorecard__", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(Repository.Root, "deploy", "scorecard.env")))
            if (line.Length > 0 && line[0] != '#' && line.IndexOf('=') is > 0 and var equals)
                start.Environment[line[..equals]] = line[(equals + 1)..];
        start.Environment["ConnectionStrings__Scorecard"] = ConnectionString;
        // The demo accounts, to sign in with (the template starts empty).
        start.Environment["Scorecard__DemoData"] = "true";

        var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is { } l) output.Enqueue(l); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } l) output.Enqueue(l); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(3) && !process.HasExited; await Task.Delay(200))
        {
            try
            {
                if ((await probe.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    Assert.Empty(Directory.GetFileSystemEntries(workingDirectory));   // it wrote nothing where it was started
                    return process;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"The published app did not become ready on port {port}:\n{string.Join('\n', output)}");
    }

    /// <summary>
    /// nginx with a configuration of its own, as Debian's nginx.conf is (mime.types, gzip on), that includes
    /// deploy/nginx/scorecard.conf with this run's ports and certificate. It also names, in a header, the instance that
    /// answered (the site itself adds no header: the app sends its own).
    /// </summary>
    async Task StartNginxAsync(int[] ports)
    {
        var (code, text) = await RunAsync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=scorecard.test",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", Path.Combine(folder, "scorecard.key"), "-out", Path.Combine(folder, "scorecard.crt")]);
        if (code != 0)
            throw new InvalidOperationException($"openssl could not make a certificate ({code}): {text}");
        certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, "scorecard.crt"));

        var (https, http) = (Loopback.FreePort(), Loopback.FreePort());
        var site = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy", "nginx", "scorecard.conf"));
        foreach (var (from, to) in new[]
        {
            ("server 127.0.0.1:5001;", $"server 127.0.0.1:{ports[0]};"), ("server 127.0.0.1:5002;", $"server 127.0.0.1:{ports[1]};"),
            ("listen 443 ssl http2;", $"listen 127.0.0.1:{https} ssl http2;"), ("listen [::]:443 ssl http2;", ""),
            ("listen 80;", $"listen 127.0.0.1:{http};"), ("listen [::]:80;", ""),
            ("/etc/ssl/certs/scorecard.crt", Path.Combine(folder, "scorecard.crt")), ("/etc/ssl/private/scorecard.key", Path.Combine(folder, "scorecard.key")),
        })
        {
            Assert.Contains(from, site);   // the shipped site still has the line this test puts its own values in
            site = site.Replace(from, to, StringComparison.Ordinal);
        }
        await File.WriteAllTextAsync(Path.Combine(folder, "scorecard.site.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log;
            events { worker_connections 256; }
            http {
                include /etc/nginx/mime.types;
                default_type application/octet-stream;
                access_log {{folder}}/access.log;
                client_body_temp_path {{folder}}/client-body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                gzip on;
                add_header {{UpstreamHeader}} $upstream_addr always;
                include {{folder}}/scorecard.site.conf;
            }
            """);
        var start = new ProcessStartInfo(NginxPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log"), "-g", "daemon off;" })
            start.ArgumentList.Add(argument);
        nginx = Process.Start(start)!;
        Https = new Uri($"https://127.0.0.1:{https}");
        Http = new Uri($"http://127.0.0.1:{http}");
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(100))
        {
            if (nginx.HasExited)
                throw new InvalidOperationException($"nginx stopped ({nginx.ExitCode}): {await nginx.StandardError.ReadToEndAsync()}{ReadIfThere(Path.Combine(folder, "error.log"))}");
            using var client = Client();
            try { await client.GetAsync("/healthz"); return; }
            catch (HttpRequestException) { }
        }
        throw new InvalidOperationException($"nginx did not answer: {ReadIfThere(Path.Combine(folder, "error.log"))}");
    }

    /// <summary>A browser-like client of the site over HTTPS that trusts this run's certificate only, connecting from <paramref name="from"/> (any 127.x address).</summary>
    public HttpClient Client(string from = "127.0.0.1", CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && certificate is not null && presented.GetRawCertData().AsSpan().SequenceEqual(certificate.RawData) },
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch { socket.Dispose(); throw; }
            },
        };
        return new HttpClient(handler) { BaseAddress = Https, Timeout = TimeSpan.FromMinutes(2) };
    }

    static string ReadIfThere(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    static async Task<(int Code, string Output)> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    public async Task DisposeAsync()
    {
        if (nginx is { HasExited: false })
        {
            await RunAsync(NginxPath, ["-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-s", "stop"]);
            if (!nginx.WaitForExit(10_000)) nginx.Kill(entireProcessTree: true);
        }
        foreach (var instance in instances)
            if (!instance.HasExited) { instance.Kill(entireProcessTree: true); await instance.WaitForExitAsync(); }
        if (postgres is not null)
            await postgres.DisposeAsync();
        certificate?.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}

public sealed class PublishedBehindNginx(Deployment deployment) : IClassFixture<Deployment>
{
    const string MapPage = "/maps/%E8%87%BA%E5%8C%97%E5%B8%82%E6%94%BF%E5%BA%9C/107";   // 臺北市政府 107

    [Fact]
    public async Task Pages_come_styled_over_https_with_hsts_and_only_the_static_files_are_compressed_by_nginx()
    {
        using var client = deployment.Client();

        var page = await client.GetAsync(MapPage);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")));
        Assert.Contains("<link rel=\"stylesheet\" href=\"app.css\"", await page.Content.ReadAsStringAsync());

        var css = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/app.css") { Headers = { AcceptEncoding = { new("gzip") } } });
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal("gzip", Assert.Single(css.Content.Headers.ContentEncoding));

        // Plain HTTP is sent to HTTPS, and carries no HSTS (a browser ignores it there).
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = deployment.Http };
        var redirect = await plain.GetAsync(MapPage);
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("https", redirect.Headers.Location?.Scheme);
        Assert.False(redirect.Headers.Contains("Strict-Transport-Security"));

        // A signed-in page carries a form token: nginx does not compress it (Debian's nginx.conf would, for text/html).
        var cookies = new CookieContainer();
        using var planner = deployment.Client(cookies: cookies);
        await SignInOnTheFormAsync(planner, "secretariat@example.org");
        var signedIn = await planner.SendAsync(new HttpRequestMessage(HttpMethod.Get, MapPage) { Headers = { AcceptEncoding = { new("gzip"), new("br") } } });
        Assert.Contains("secretariat@example.org", await signedIn.Content.ReadAsStringAsync());
        Assert.Empty(signedIn.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Chromium_shows_the_map_page_through_nginx_with_its_stylesheet_at_desktop_and_phone_width()
    {
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        foreach (var (width, name) in new[] { (1280, "desktop"), (412, "phone") })
        {
            // The certificate is this run's own: the browser is told to take it.
            await using var context = await browser.NewContextAsync(new() { Locale = "zh-TW", IgnoreHTTPSErrors = true, ViewportSize = new() { Width = width, Height = 900 } });
            var page = await context.NewPageAsync();
            var answer = await page.GotoAsync(new Uri(deployment.Https, MapPage).ToString());
            Assert.Equal(200, answer!.Status);
            // app.css's header colour (#173f5f): the stylesheet came through nginx and was applied.
            Assert.Equal("rgb(23, 63, 95)", await page.Locator("header.site").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
            var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"deploy-map-{name}.png") });
        }
    }

    [Fact]
    public async Task A_sign_in_on_the_form_gives_secure_cookies_good_on_both_instances_which_share_the_data()
    {
        var cookies = new CookieContainer();
        using var planner = deployment.Client(cookies: cookies);

        var (formAnswer, signInAnswer) = await SignInOnTheFormAsync(planner, "rdec@example.org");
        var setCookies = formAnswer.Headers.GetValues("Set-Cookie").Concat(signInAnswer.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(setCookies, c => c.StartsWith("scorecard=", StringComparison.Ordinal));   // the sign-in
        Assert.Contains(setCookies, c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.All(setCookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        // nginx alternates: the form was shown by one instance and its post taken by the other (the form token's keys are shared).
        Assert.NotEqual(formAnswer.Headers.GetValues(Deployment.UpstreamHeader).Single(), signInAnswer.Headers.GetValues(Deployment.UpstreamHeader).Single());

        // 我的待辦, signed in, from each instance.
        var servedBy = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            var todo = await planner.GetAsync("/todo");
            Assert.Equal(HttpStatusCode.OK, todo.StatusCode);
            Assert.Contains("rdec@example.org", await todo.Content.ReadAsStringAsync());
            servedBy.Add(todo.Headers.GetValues(Deployment.UpstreamHeader).Single());
        }
        Assert.Equal(deployment.InstanceAddresses.Order(), servedBy.Order());

        // A target set through one instance is in the next export of each.
        using var api = deployment.Client();
        var login = await api.PostAsJsonAsync("/api/account/login", new { email = "rdec@example.org", password = Scorecard.Web.Infrastructure.DatabaseStartup.DemoPassword });
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonNode.Parse(await login.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>());
        var saved = await api.PutAsJsonAsync("/api/maps/臺北市政府/107/kpis/AC1.1/targets/107/Y", new { value = 4321.5 });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        servedBy.Clear();
        for (var i = 0; i < 2; i++)
        {
            var export = await api.GetAsync("/api/maps/臺北市政府/107");
            Assert.Contains("4321.5", await export.Content.ReadAsStringAsync());
            servedBy.Add(export.Headers.GetValues(Deployment.UpstreamHeader).Single());
        }
        Assert.Equal(2, servedBy.Count);
    }

    [Fact]
    public async Task An_upload_just_over_the_apps_limit_is_refused_by_the_app_in_words_and_a_far_larger_one_by_nginx()
    {
        using var api = deployment.Client();
        var login = await api.PostAsJsonAsync("/api/account/login", new { email = "rdec@example.org", password = Scorecard.Web.Infrastructure.DatabaseStartup.DemoPassword });
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonNode.Parse(await login.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>());
        HttpRequestMessage Import(int megabytes) => new(HttpMethod.Post, "/api/imports")
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(new byte[megabytes * 1024 * 1024 + 1000]), "files", "city.json" } },
        };

        var overTheApps = await api.SendAsync(Import(30));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overTheApps.StatusCode);
        Assert.Equal("上傳的內容超過 30 MB 的上限，未變更任何資料；請分批上傳或縮小檔案。", JsonNode.Parse(await overTheApps.Content.ReadAsStringAsync())!["title"]!.GetValue<string>());
        var overNginxs = await api.SendAsync(Import(31));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overNginxs.StatusCode);
        Assert.Contains("nginx", await overNginxs.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_app_counts_the_address_nginx_forwards_and_ignores_one_the_client_forges()
    {
        const string account = "epb@example.org";
        var started = DateTime.UtcNow;
        // Five wrong passwords from 127.0.0.2, each claiming in X-Forwarded-For to come from somewhere else.
        using var guesser = deployment.Client(from: "127.0.0.2");
        for (var i = 1; i <= 5; i++)
        {
            var refused = await guesser.SendAsync(Login(account, "wrong-password-1", forged: $"203.0.113.{i}"));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        // 127.0.0.2 is kept out of the account, the right password and another forged address notwithstanding…
        var keptOut = await guesser.SendAsync(Login(account, Scorecard.Web.Infrastructure.DatabaseStartup.DemoPassword, forged: "203.0.113.77"));
        Assert.Equal(HttpStatusCode.Unauthorized, keptOut.StatusCode);
        Assert.Contains("電子郵件或密碼不正確", await keptOut.Content.ReadAsStringAsync());
        // …and the holder at 127.0.0.3 signs in: the app counted the client's address, not nginx's own (127.0.0.1 for both).
        using var holder = deployment.Client(from: "127.0.0.3");
        Assert.Equal(HttpStatusCode.OK, (await holder.SendAsync(Login(account, Scorecard.Web.Infrastructure.DatabaseStartup.DemoPassword))).StatusCode);

        // The audit trail records each attempt with the address nginx forwarded.
        await using var connection = new NpgsqlConnection(deployment.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("""SELECT "After" FROM "AuditEntries" WHERE "Entity" = 'SignIn' AND "Actor" = @account AND "At" >= @started ORDER BY "Id" """, connection);
        read.Parameters.AddWithValue("account", account);
        read.Parameters.AddWithValue("started", started.AddSeconds(-5));
        var addresses = new List<string>();
        await using (var rows = await read.ExecuteReaderAsync())
            while (await rows.ReadAsync())
                addresses.Add(JsonNode.Parse(rows.GetString(0))!["address"]!.GetValue<string>());
        Assert.Equal([.. Enumerable.Repeat("127.0.0.2", 6), "127.0.0.3"], addresses);
    }

    static HttpRequestMessage Login(string email, string password, string? forged = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/login") { Content = JsonContent.Create(new { email, password }) };
        if (forged is not null)
            request.Headers.Add("X-Forwarded-For", forged);
        return request;
    }

    /// <summary>The sign-in page's form, shown and posted as a browser does; the answers of both.</summary>
    static async Task<(HttpResponseMessage Form, HttpResponseMessage SignIn)> SignInOnTheFormAsync(HttpClient client, string email)
    {
        var form = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var token = Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent([
            new("_handler", "login"), new("__RequestVerificationToken", token),
            new("Form.Email", email), new("Form.Password", Scorecard.Web.Infrastructure.DatabaseStartup.DemoPassword)]));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return (form, signIn);
    }
}
