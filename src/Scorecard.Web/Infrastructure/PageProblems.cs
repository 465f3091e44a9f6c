using Microsoft.Extensions.Localization;
using Scorecard.Web.Features.Language;

namespace Scorecard.Web.Infrastructure;

/// <summary>
/// What a page shows when a step is refused, in the words the API answers with. A refusal of the whole
/// request — not signed in, a role that may not, nothing at that address — also sets the answer's status
/// (401, 403, 404), as the API does, so a refused page is never a 200 to a browser, a crawler or a test.
/// A form refused for its content (409, 422) keeps 200: the page comes back with the form to correct.
/// </summary>
public sealed class PageProblems(IHttpContextAccessor http, IStringLocalizer<Ui> t)
{
    /// <summary>The message for a failure staff can act on; null for one that is a bug (it stays a 500).</summary>
    public string? Refusal(Exception exception)
    {
        if (ProblemMapper.Describe(exception, t) is not { } problem)
            return null;
        Observability.RefusedWrites.Log(http.HttpContext, problem.Status ?? 400, exception);
        if (problem.Status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound
            && http.HttpContext?.Response is { HasStarted: false } response)
            response.StatusCode = problem.Status.Value;
        return ProblemMapper.Message(problem, t);
    }
}
