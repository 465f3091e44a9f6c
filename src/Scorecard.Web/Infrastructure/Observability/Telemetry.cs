using System.Net;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Npgsql;
using OpenTelemetry.Trace;

namespace Scorecard.Web.Infrastructure.Observability;

/// <summary>
/// Logs, metrics and traces of the server and the command line. Settings (all off by default):
/// <list type="bullet">
/// <item>`Scorecard:Logging:Json=true`: the console log as one JSON object a line.</item>
/// <item>`Scorecard:Metrics:Prometheus=true`: `/metrics` in Prometheus's text format, answered only to the addresses
/// (or networks, `10.0.0.0/8`) in `Scorecard:Metrics:AllowedAddresses` (by default loopback only); anyone else gets 404.</item>
/// <item>`Scorecard:Telemetry:OtlpEndpoint=http://collector:4317`: metrics and traces sent by OTLP.</item>
/// </list>
/// Metrics: ASP.NET Core's request durations and counts by route, the runtime's, Npgsql's, every database command's
/// duration (<see cref="DatabaseCommands"/>, both providers) and the product's own (<see cref="ProductMetrics"/>).
/// </summary>
public static partial class Telemetry
{
    public static void AddScorecardTelemetry(WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        KeepSqlOutOfLogs(builder.Logging);
        if (config.GetValue("Scorecard:Logging:Json", false))
            builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ");
        var prometheus = config.GetValue("Scorecard:Metrics:Prometheus", false);
        var otlp = config["Scorecard:Telemetry:OtlpEndpoint"] is { Length: > 0 } endpoint ? new Uri(endpoint) : null;
        if (!prometheus && otlp is null)
            return;
        DatabaseCommands.Listen();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("scorecard"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation(_ => { })
                    .AddMeter(ProductMetrics.MeterName, DatabaseCommands.MeterName);
                if (prometheus)
                    metrics.AddPrometheusExporter();
                if (otlp is not null)
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
            });
        if (otlp is not null)
            telemetry.WithTracing(tracing => Npgsql.TracerProviderBuilderExtensions.AddNpgsql(tracing.AddAspNetCoreInstrumentation()).AddOtlpExporter(o => o.Endpoint = otlp));
    }

    /// <summary>`/metrics` where configured, before sign-in, limits and pages: a scraper from an allowed address only.</summary>
    public static void UseScorecardMetrics(WebApplication app)
    {
        if (!app.Configuration.GetValue("Scorecard:Metrics:Prometheus", false))
            return;
        var allowed = (app.Configuration.GetSection("Scorecard:Metrics:AllowedAddresses").Get<string[]>() ?? ["127.0.0.1/32", "::1/128"])
            .Select(a => a.Contains('/') ? IPNetwork.Parse(a) : new IPNetwork(IPAddress.Parse(a), IPAddress.Parse(a).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))
            .ToList();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: http => http.Request.Path == "/metrics" && http.Connection.RemoteIpAddress is { } from
                && allowed.Any(n => n.Contains(from.IsIPv4MappedToIPv6 ? from.MapToIPv4() : from)),
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
    }

    /// <summary>Where EF Core and Npgsql log a command's text (and, with sensitive logging, its values).</summary>
    static readonly string[] SqlCategories = ["Microsoft.EntityFrameworkCore.Database.Command", "Npgsql.Command"];

    /// <summary>
    /// No SQL text at Information in any environment, whatever the settings say; Debug keeps it for whoever asks
    /// for that level. Added after the configuration's rules (a rule for the same category and provider: the last
    /// wins), for every provider a rule names (a provider's own rule wins over one for all).
    /// </summary>
    public static void KeepSqlOutOfLogs(ILoggingBuilder logging) =>
        logging.Services.PostConfigure<LoggerFilterOptions>(o =>
        {
            var providers = o.Rules.Select(r => r.ProviderName).Distinct().ToList();
            foreach (var provider in providers.Append(null).Distinct())
                foreach (var category in SqlCategories)
                    if (!o.Rules.Any(r => r.ProviderName == provider && r.CategoryName == category && r.LogLevel == LogLevel.Warning && r.Filter is null))
                        o.Rules.Add(new LoggerFilterRule(provider, category, LogLevel.Warning, null));
        });

    /// <summary>A verb says its answer, its refusals, and warnings or errors of the host: nothing at Information, whatever the settings.</summary>
    public static void QuietVerbs(ILoggingBuilder logging) =>
        logging.Services.PostConfigure<LoggerFilterOptions>(o =>
        {
            o.Rules.Clear();
            o.MinLevel = LogLevel.Warning;
        });
}
