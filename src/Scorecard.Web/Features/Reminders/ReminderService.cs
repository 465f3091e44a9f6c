using Microsoft.Extensions.Options;

namespace Scorecard.Web.Features.Reminders;

/// <summary>Looks for reminders to send at start and every <see cref="ReminderSettings.Every"/>; a failure is logged and retried on the next round.</summary>
public sealed class ReminderService(IServiceScopeFactory scopes, IOptions<ReminderSettings> settings, TimeProvider clock, ILogger<ReminderService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(settings.Value.Every, clock);
        try
        {
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var sent = await scope.ServiceProvider.GetRequiredService<Reminders>().SendDueAsync(stop);
                    if (sent > 0) log.LogInformation("Sent {Count} reminder mails.", sent);
                    Infrastructure.Observability.ProductMetrics.ReminderSent(sent);
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    log.LogWarning(e, "Reminder mails could not be sent; trying again in {Every}.", settings.Value.Every);
                    Infrastructure.Observability.ProductMetrics.ReminderFailed();
                }
            } while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }
}
