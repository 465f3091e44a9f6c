namespace Scorecard.Web.Infrastructure.Observability;

/// <summary>
/// Every refused write in the log, once, at Warning: the request, the status, the account and the reason in the
/// words staff were shown (Chinese). Never the body: no password or token is in a reason, a route or an account name.
/// Called by the two places a refusal is made into an answer: <see cref="ProblemMapper"/> (the API) and
/// <see cref="PageProblems"/> (a form).
/// </summary>
public static partial class RefusedWrites
{
    public static void Log(HttpContext? http, int status, Exception refusal)
    {
        if (http is null || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
            return;
        var log = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Scorecard.RefusedWrites");
        Refused(log, http.Request.Method, http.Request.Path.Value ?? "", status, http.User.Identity?.Name ?? "(signed out)", refusal.Message);
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Refused {Method} {Path} ({Status}) for {Account}: {Reason}")]
    static partial void Refused(ILogger log, string method, string path, int status, string account, string reason);
}
