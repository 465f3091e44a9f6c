using Scorecard.Web.Infrastructure.Security;
using Scorecard.Web.Features.Administration;
using Scorecard.Web.Features.Editing;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Scorecard.Data;
using Scorecard.Web.Components;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Features.Interchange;
using Scorecard.Web.Features.Maps;
using Scorecard.Web.Features.Reporting;

namespace Scorecard.Web.Infrastructure;

public static class ScorecardApp
{
    /// <summary>
    /// The app's own folder is its content root wherever it is started from (a deployment runs
    /// `dotnet /opt/scorecard/Scorecard.Web.dll` from systemd's folder): its appsettings.json and wwwroot, not the
    /// working directory's, unless a content root is given (--contentRoot, ASPNETCORE_CONTENTROOT; the tests' factory
    /// gives the project folder). A build's output (`dotnet run`, the tests) has no wwwroot of its own: the stylesheet
    /// is served from the project through the build's static web assets manifest, in any environment. The SQLite
    /// file of the default connection string is still relative to the working directory (`dotnet run --project
    /// src/Scorecard.Web` runs in the project folder: src/Scorecard.Web/scorecard.db, as README says).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var given = args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = given ? null : AppContext.BaseDirectory });
        if (!builder.Environment.IsDevelopment() && !Directory.Exists(Path.Combine(builder.Environment.ContentRootPath, "wwwroot"))
            && File.Exists(Path.Combine(AppContext.BaseDirectory, $"{builder.Environment.ApplicationName}.staticwebassets.runtime.json")))
            builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    public static WebApplication Build(string[] args)
    {
        var builder = CreateBuilder(args);
        Observability.Telemetry.AddScorecardTelemetry(builder);
        builder.Services.AddScorecardDb(builder.Configuration);
        // First of the hosted services: the database is migrated before anything reads it (the data-protection key ring does at start).
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddRazorComponents();
        Features.Language.Ui.AddLanguages(builder.Services);
        // Write Chinese as characters, not &#x…; entities: pages stay readable and a third smaller.
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        // Numbers are numbers: the web default also reads "40" as 40, and the API document then says every
        // number may be a string, which a generated client would have to handle in every answer.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        // A body or parameter that cannot be read goes to ProblemMapper, which names the field, instead of an empty 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddScorecardOpenApi();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemMapper>();
        builder.Services.AddScorecardAccounts(builder.Configuration);
        builder.Services.AddKnownProxies(builder.Configuration);
        Features.Interchange.UploadLimits.AddUploadLimits(builder.Services, builder.Configuration, builder.WebHost);
        builder.Services.AddSingleton<Caching.ReadCache>();
        builder.Services.AddSingleton<KeptMapCounts>();
        builder.Services.AddOutputCache(o =>
        {
            o.AddPolicy(Caching.PublicAnswers.Name, new Caching.PublicAnswers());
            o.SizeLimit = builder.Configuration.GetValue("Scorecard:Cache:AnswerMegabytes", 32L) * 1024 * 1024;
        });
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;   // signed-out answers only, below
            // Brotli at quality 5 and gzip at its usual level, each answer as one piece (KeptCompression).
            o.Providers.Add<Caching.KeptCompression.Brotli>();
            o.Providers.Add<Caching.KeptCompression.Gzip>();
            o.MimeTypes = Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml", "text/csv"]);
        });
        builder.Services.AddScoped<Caching.CachedReads>();
        builder.Services.AddScoped<Caching.SharedHtml>();
        builder.Services.AddScoped<MapReader>();
        builder.Services.AddScoped<PageProblems>();
        builder.Services.AddScoped<PeriodCommands>();
        builder.Services.AddScoped<SubmissionCommands>();
        builder.Services.AddScoped<ReportingQueries>();
        builder.Services.AddScoped<Features.Dashboard.DashboardQueries>();
        builder.Services.AddScoped<Features.Search.KpiSearch>();
        AddReminders(builder);
        builder.Services.Configure<Features.Backups.BackupSettings>(builder.Configuration.GetSection(Features.Backups.BackupSettings.Section));
        builder.Services.AddHostedService<Features.Backups.ScheduledBackups>();
        builder.Services.AddScoped<MapEditor>();
        builder.Services.AddScoped<ChangeHistory>();
        builder.Services.AddScoped<AccountAdministration>();
        builder.Services.AddScoped<Scorecard.Web.Features.Interchange.ImportFiles>();
        builder.Services.AddSingleton<Scorecard.Web.Features.Interchange.PendingImports>();
        builder.Services.AddScoped<Scorecard.Web.Features.Reports.MapReports>();
        builder.Services.AddScoped<Scorecard.Web.Features.WrittenSections.ReportEditions>();
        builder.Services.AddScoped<Scorecard.Web.Features.Revisions.MapRevisions>();
        builder.Services.AddScoped<Scorecard.Web.Features.Evaluations.EvaluationCommands>();
        builder.Services.AddScoped<Scorecard.Web.Features.Evaluations.EvaluationQueries>();
        builder.Services.AddScoped<Scorecard.Web.Features.OpenData.OpenDataRows>();

        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseEmptyHostRefusal();
        // A scraper's request: before sign-in, limits and pages, from the configured addresses only.
        Observability.Telemetry.UseScorecardMetrics(app);
        app.UseExceptionHandler();
        Features.Language.Ui.UseLanguages(app);
        EmptyRefusals.UseEmptyRefusalWords(app);
        // Plain static files: MapStaticAssets serves precompressed copies that exist only after
        // `dotnet publish`, so `dotnet run` in Production answered the stylesheet with an empty body.
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseSessionChecks();
        app.UseAuthorization();
        // Signed out, read-only or writing too often: refused before the body is read (issue 32 §3).
        app.UseWriteGate();
        app.UseRateLimiter();
        // After the sign-in and the language are known: both decide whether and which kept answer is served.
        app.UseOutputCache();
        // What the output cache did not answer, for signed-out readers: limited per address (issue 32 §9).
        Caching.PublicReads.UsePublicReadLimit(app);
        // Inside the output cache, so an answer is kept compressed (a map page: 61 KB, 7 KB in Brotli). Signed-out
        // answers only: a signed-in page carries a form token, and a secret compressed next to text others can
        // choose can be guessed from the size over HTTPS (BREACH).
        app.UseWhen(Caching.PublicAnswers.IsAnonymous, branch => branch.UseResponseCompression());
        app.UseAuditActor();
        UploadLimits.UseUploadLimits(app);
        JsonRequests.UseJsonRequestChecks(app);
        app.UseAntiforgery();
        app.MapOpenApi();
        app.MapInterchangeApi();
        app.MapMapsApi();
        app.MapAccountApi();
        app.MapSingleSignOn();
        app.MapReportingApi();
        app.MapEditingApi();
        Scorecard.Web.Features.Revisions.RevisionApi.MapRevisionApi(app);
        Scorecard.Web.Features.Evaluations.EvaluationApi.MapEvaluationApi(app);
        Scorecard.Web.Features.OpenData.OpenDataApi.MapOpenDataApi(app);
        app.MapAdministrationApi();
        Features.Health.HealthApi.MapHealthApi(app);
        Scorecard.Web.Features.Dashboard.DashboardApi.MapDashboardApi(app);
        Scorecard.Web.Features.Reports.ReportsApi.MapReportsApi(app);
        app.MapRazorComponents<App>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
                Console.WriteLine($"Scorecard 已啟動：{url}");
        });
        return app;
    }

    /// <summary>E-mail reminders run only where a mail server is configured; without one, 我的待辦 is the reminder.</summary>
    static void AddReminders(WebApplicationBuilder builder)
    {
        builder.Services.Configure<Features.Reminders.SmtpSettings>(builder.Configuration.GetSection("Scorecard:Smtp"));
        builder.Services.Configure<Features.Reminders.ReminderSettings>(builder.Configuration.GetSection("Scorecard:Reminders"));
        if (string.IsNullOrWhiteSpace(builder.Configuration["Scorecard:Smtp:Host"]))
            return;
        if (string.IsNullOrWhiteSpace(builder.Configuration["Scorecard:Smtp:Sender"]))
            throw new InvalidOperationException("已設定 Scorecard:Smtp:Host，但未設定 Scorecard:Smtp:Sender（提醒信的寄件者地址，如 scorecard@mail.taipei.gov.tw）。");
        builder.Services.AddScoped<Features.Reminders.Reminders>();
        builder.Services.AddHostedService<Features.Reminders.ReminderService>();
    }
}
