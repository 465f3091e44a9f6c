using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using Scorecard.Testing;

namespace Scorecard.EndToEnd.Tests;

/// <summary>
/// The real server on a loopback port (Kestrel, a SQLite file or a PostgreSQL database, demo data) and Debian's Chromium
/// driven by Playwright. A missing /usr/bin/chromium or PostgreSQL fails the tests: .ci/run installs them.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>"sqlite", or "postgres" (<see cref="PostgresBrowserFixture"/>).</summary>
    public virtual string Provider => "sqlite";

    /// <summary>The app on a database; the demo data is loaded into an empty one only (a copy of a demo template has it already).</summary>
    sealed class Server(string provider, string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Scorecard:Provider", provider);
            builder.UseSetting("ConnectionStrings:Scorecard", connectionString);
            builder.UseSetting("Scorecard:DemoData", "true");
            // Every test signs in, reads and writes from 127.0.0.1: the per-address and per-account limits' own tests set them.
            builder.UseSetting("Scorecard:SignIn:PerMinute", "100000");
            builder.UseSetting("Scorecard:PublicReads:PerMinute", "100000");
            builder.UseSetting("Scorecard:Writes:PerMinute", "100000");
        }
    }

    SqliteDatabase? database;

    /// <summary>
    /// The demo data loaded once for the whole run, into a file each test class gets a copy of: loading it (fourteen
    /// files, six accounts) took about ten seconds of the machine's two cores, once per class.
    /// </summary>
    static readonly Lazy<Task<SqliteDatabase>> DemoTemplate = new(async () =>
    {
        var template = new SqliteDatabase();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().Wait();
        await using (var loader = new Server("sqlite", template.ConnectionString))
            loader.CreateClient().Dispose();   // stopped before it is copied
        return template;
    });

    /// <summary>One PostgreSQL server for the run, with the demo data loaded once into a database each class gets a copy of.</summary>
    static readonly Lazy<Task<(PostgresServer Server, string Template)>> PostgresDemo = new(async () =>
    {
        var postgres = await PostgresServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => postgres.DisposeAsync().AsTask().Wait();
        var template = await postgres.CreateDatabaseAsync();
        await using (var loader = new Server("postgres", template))
            loader.CreateClient().Dispose();   // stopped, and its connections closed, before it is copied
        return (postgres, template);
    });

    Server? server;
    IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}. Run .ci/run, or apt-get install chromium fonts-noto-cjk.");

        string connection;
        if (Provider == "postgres")
        {
            var (postgres, template) = await PostgresDemo.Value;
            connection = await postgres.CreateDatabaseAsync(template);
        }
        else
        {
            database = (await DemoTemplate.Value).Copy();
            connection = database.ConnectionString;
        }
        var port = Loopback.FreePort();
        server = new Server(Provider, connection);
        server.UseKestrel(port);
        server.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}/";

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the background-networking flags Chromium keeps dialling out of this closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// A browser context as a Taipei desk has it: Chinese first in Accept-Language (Chromium's own default
    /// is en-US, which the pages now answer in English). A test of English asks with ?lang=en.
    /// </summary>
    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.Locale ??= "zh-TW";
        return Browser.NewContextAsync(options);
    }

    /// <summary>A page in a context of its own, as <see cref="NewContextAsync"/>.</summary>
    public Task<IPage> NewPageAsync() => Browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-TW" });

    /// <summary>The city's planner (研考會) opens a period for entry on its review page, in a context of its own.</summary>
    /// <param name="review">The review page, e.g. 「maps/臺北市政府/107/review/107/Q2」.</param>
    public async Task OpenPeriodAsync(string review, string deadline)
    {
        await using var context = await NewContextAsync();
        var rdec = await SignInAsync(context, "rdec@example.org");
        await rdec.GotoAsync(BaseUrl + review);
        await rdec.FillAsync("input[name='OpenForm.Deadline']", deadline);
        // The demo's periods are years past: the page asks for a tick beside a deadline already passed (issue 34).
        var confirm = rdec.GetByLabel("截止日已過，仍要開放");
        if (await confirm.CountAsync() > 0) await confirm.CheckAsync();
        await rdec.ClickAsync("button:has-text('開放填報')");
        await Assertions.Expect(rdec.Locator("#period-state")).ToHaveTextAsync("填報中");
    }

    /// <summary>
    /// Where a demo account lands after signing in (issue 34): the administrator on 系統管理, the mayor (a viewer) on the
    /// dashboard, planners and reporters on 我的待辦. As an address glob and an element only that page has.
    /// </summary>
    public static (string Url, string Selector) LandingOf(string email) => email switch
    {
        "admin@example.org" => ("**/admin", "h1:has-text('帳號與機關管理')"),
        "mayor@example.org" => ("**/dashboard", "h1:has-text('儀表板')"),
        _ => ("**/todo", "h1:has-text('我的待辦')"),
    };

    /// <summary>Signs in on the login page in a page of its own and waits for the account's landing (<see cref="LandingOf"/>).</summary>
    public async Task<IPage> SignInAsync(IBrowserContext context, string email, string password = "Scorecard-demo-1")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "account/login");
        await page.FillAsync("input[name='Form.Email']", email);
        await page.FillAsync("input[name='Form.Password']", password);
        await page.ClickAsync("button:has-text('登入')");
        // Signing in ends in a full load of the landing page. Wait for that page's heading, not for the load event
        // of whichever document was current when the address changed: that wait could miss the load of
        // the new document and time out (about one run in two, at any test's sign-in).
        var (url, selector) = LandingOf(email);
        await LandAsync(page, url, selector);
        return page;
    }

    /// <summary>
    /// After a click that loads another page: wait until the new page shows <paramref name="selector"/> (an element
    /// the page it came from does not have), then check the address is <paramref name="urlGlob"/>. Not
    /// WaitForURL: when the page has already arrived, it waits for a load state that was already passed, and
    /// times out (about one run in five, at sign-in).
    /// </summary>
    public static async Task LandAsync(IPage page, string urlGlob, string selector)
    {
        await page.Locator(selector).First.WaitForAsync();
        var pattern = "^" + Regex.Escape(urlGlob).Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*") + "$";
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(pattern));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (server is not null) await server.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}

/// <summary>The same server and browser on a real PostgreSQL database.</summary>
public sealed class PostgresBrowserFixture : BrowserFixture
{
    public override string Provider => "postgres";
}
