using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace Scorecard.Web.Infrastructure.Caching;

/// <summary>
/// Whole answers kept for readers who are not signed in: the pages and documents everybody reads alike
/// (maps, KPIs, the organisations, the dashboard, open data, reports), the morning after publication.
/// An answer is kept under the <see cref="Data.ContentStamp"/> and the language it was made in, so the
/// next request after any change, to any instance, makes it anew. Staff (a cookie or a bearer token) are
/// never served a kept answer: their pages carry edit links, history and unpublished work.
/// An answer that sets a cookie (a language chosen by <c>?lang=</c>) or is not a success is not kept.
/// </summary>
public sealed class PublicAnswers : IOutputCachePolicy
{
    public const string Name = "public";

    /// <summary>How long an answer is kept at most, changed or not: what no request asks for again goes.</summary>
    static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(10);

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !IsAnonymous(http))
            return;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;   // fifty readers of a page just changed wait for one to make it
        context.ResponseExpirationTimeSpan = KeptFor;
        context.CacheVaryByRules.HeaderNames = HeaderNames.AcceptEncoding;   // kept compressed, as asked
        // ?format=xlsx is another document, ?period=Q2 another quarter; a parameter no route reads (?v=1) is not another
        // answer, so that nobody can have the server make the map anew for each of ?v=1, ?v=2 … (issue 32 §9).
        context.CacheVaryByRules.QueryKeys = ReadParameters;
        http.Items[Kept] = true;   // for the signed-out read limit, after the cache: what is made anew counts
        context.CacheVaryByRules.VaryByValues["stamp"] = (await http.RequestServices.GetRequiredService<CachedReads>().StampAsync(ct)).ToString(CultureInfo.InvariantCulture);
        context.CacheVaryByRules.VaryByValues["language"] = CultureInfo.CurrentUICulture.Name;
    }

    /// <summary>
    /// Every query parameter a kept route reads (the pages' <c>[SupplyParameterFromQuery]</c> and the API handlers'
    /// simple parameters not in the route): an answer is kept per value of these and of nothing else. A route that comes
    /// to read another must add it here (PublicAnswersScenarios.Every_query_parameter_a_kept_route_reads_is_part_of_the_key fails until it does).
    /// </summary>
    public static readonly string[] ReadParameters =
        [Features.Language.Ui.QueryKey, "period", "format", "year", "organisation", "theme", "objective", "offTrack", "from", "to", "q", "part"];

    /// <summary>The request's item that says it asked for a kept answer, signed out.</summary>
    public static readonly object Kept = new();

    /// <summary>No sign-in cookie that holds and no bearer token.</summary>
    public static bool IsAnonymous(HttpContext http) =>
        http.User.Identity?.IsAuthenticated != true && http.Request.Headers.Authorization.Count == 0;

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
