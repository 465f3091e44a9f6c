using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Scorecard.Web.Infrastructure.Observability;

/// <summary>
/// Every database command's duration, on SQLite as on PostgreSQL, from EF Core's diagnostic events (no SQL text:
/// only the provider, the kind of command and whether it failed). Npgsql's own metrics come beside it on PostgreSQL.
/// </summary>
static class DatabaseCommands
{
    public const string MeterName = "Scorecard.Database";
    static readonly Meter Meter = new(MeterName);
    static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("scorecard.db.command.duration", unit: "s",
        description: "Duration of database commands", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
    static int listening;

    public static void Listen()
    {
        if (Interlocked.Exchange(ref listening, 1) == 1)
            return;
        DiagnosticListener.AllListeners.Subscribe(new Listeners());
    }

    sealed class Listeners : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == Microsoft.EntityFrameworkCore.DbLoggerCategory.Name)
                listener.Subscribe(new Commands(), name => name == RelationalEventId.CommandExecuted.Name || name == RelationalEventId.CommandError.Name);
        }
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    sealed class Commands : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Value is not CommandEndEventData data)
                return;
            Duration.Record(data.Duration.TotalSeconds,
                new KeyValuePair<string, object?>("db.system", data.Context?.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true ? "postgresql" : "sqlite"),
                new KeyValuePair<string, object?>("db.operation", data.ExecuteMethod.ToString()),
                new KeyValuePair<string, object?>("error", e.Value is CommandErrorEventData));
        }
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}
