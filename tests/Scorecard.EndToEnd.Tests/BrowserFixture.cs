using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using Scorecard.Testing;

namespace Scorecard.EndToEnd.Tests;

/// <summary>
/// The real server on a loopback port (Kestrel, SQLite file, demo data) and Debian's Chromium
/// driven by Playwright. A missing /usr/bin/chromium fails the tests: .ci/run installs it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The app on a SQLite file; the demo data is loaded into an empty one only (a copy of <see cref="DemoTemplate"/> has it already).</summary>
    sealed class Server(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Scorecard:Provider", "sqlite");
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
        await using (var loader = new Server(template.ConnectionString))
            loader.CreateClient().Dispose();   // stopped before it is copied
        return template;
    });
    Server? server;
    IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}. Run .ci/run, or apt-get install chromium fonts-noto-cjk.");

        database = (await DemoTemplate.Value).Copy();
        var port = Loopback.FreePort();
        server = new Server(database.ConnectionString);
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

    /// <summary>Signs in on the login page in a context of its own and lands on 我的待辦.</summary>
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

    public async Task<IPage> SignInAsync(IBrowserContext context, string email, string password = "Scorecard-demo-1")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "account/login");
        await page.FillAsync("input[name='Form.Email']", email);
        await page.FillAsync("input[name='Form.Password']", password);
        await page.ClickAsync("button:has-text('登入')");
        // Signing in ends in a full load of 我的待辦. Wait for that page's heading, not for the load event
        // of whichever document was current when the address changed: that wait could miss the load of
        // the new document and time out (about one run in two, at any test's sign-in).
        await LandAsync(page, "**/todo", "h1:has-text('我的待辦')");
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
