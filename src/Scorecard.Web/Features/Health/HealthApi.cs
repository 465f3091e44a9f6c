using Microsoft.EntityFrameworkCore;
using Scorecard.Data;

namespace Scorecard.Web.Features.Health;

/// <summary>
/// For a load balancer and the benchmark: /healthz answers while the process runs (touching nothing),
/// /readyz only when the database answers and every migration is applied (503 otherwise).
/// Operational, so not in the API document.
/// </summary>
public static class HealthApi
{
    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok")).ExcludeFromDescription();
        app.MapGet("/readyz", async (ScorecardDb db, CancellationToken ct) =>
        {
            try
            {
                if (!await db.Database.CanConnectAsync(ct))
                    return Results.Text("資料庫無法連線。", statusCode: StatusCodes.Status503ServiceUnavailable);
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
                return pending == 0
                    ? Results.Text("ready")
                    : Results.Text($"資料庫尚有 {pending} 個移轉未套用。", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Results.Text("資料庫無法連線。", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).ExcludeFromDescription();
    }
}
