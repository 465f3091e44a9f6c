using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Interchange.Json;
using Scorecard.Web.Features.Accounts;

namespace Scorecard.Web.Infrastructure;

/// <summary>
/// Creates or migrates the database at start, and loads the demo data into an empty one.
/// A hosted service, so that it runs before the app serves, in tests as in production.
/// </summary>
public sealed class DatabaseStartup(IServiceProvider services, IConfiguration config) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => PrepareAsync(ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    static string DemoDataFolder => Path.Combine(AppContext.BaseDirectory, "DemoData");

    async Task PrepareAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
        await ScorecardDbSetup.MigrateAsync(db, ct);
        if (!config.GetValue("Scorecard:DemoData", true) || await db.Organisations.AnyAsync(ct))
            return;
        var files = Directory.GetFiles(DemoDataFolder, "*.json").Order(StringComparer.Ordinal).ToList();
        var streams = files.Select(f => (Path.GetFileName(f), (Stream)File.OpenRead(f))).ToList();
        try
        {
            var report = await new MapImporter(db).ImportAsync(streams, ct);
            Console.WriteLine($"已載入示範資料：{report.Files.Count} 個檔案，{report.Maps.Count} 份策略地圖。");
            await Features.WrittenSections.ReportEditions.LoadDemoAsync(db, Path.Combine(DemoDataFolder, "sections"), ct);
        }
        finally
        {
            foreach (var (_, s) in streams) await s.DisposeAsync();
        }
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        foreach (var (email, role, organisation) in DemoAccounts)
            await accounts.AddAsync(email, role, organisation, DemoPassword, ct);
        Console.WriteLine($"已建立示範帳號 {DemoAccounts.Count} 個，密碼皆為 {DemoPassword}（README 列出各帳號）。");
    }

    public const string DemoPassword = "Scorecard-demo-1";

    /// <summary>The demo accounts README lists: one per role of the cycle.</summary>
    public static readonly IReadOnlyList<(string Email, WorkRole Role, string? Organisation)> DemoAccounts =
    [
        ("admin@example.org", WorkRole.Administrator, null),
        ("rdec@example.org", WorkRole.Planner, "臺北市政府"),
        ("epb@example.org", WorkRole.Reporter, "環保局"),
        ("udd@example.org", WorkRole.Reporter, "都發局"),
        ("secretariat@example.org", WorkRole.Planner, "臺北市政府秘書處"),
        ("mayor@example.org", WorkRole.Viewer, "臺北市政府"),
    ];
}
