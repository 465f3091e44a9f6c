namespace Scorecard.Web.Infrastructure.Observability;

/// <summary>Logs, metrics and traces of the server and the command line.</summary>
public static partial class Telemetry
{
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
