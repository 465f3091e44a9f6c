namespace Scorecard.Web.Infrastructure.Security;

/// <summary>
/// Headers on every answer, pages, API, files and errors alike, that tell a browser to run nothing a
/// page did not load from this site and to show no page of it inside another site's frame:
/// Content-Security-Policy (no inline script anywhere: the pages have no script at all), nosniff,
/// no referrer beyond this origin, and no frames. Over HTTPS (the request's scheme: behind a proxy, as forwarded
/// headers say), Strict-Transport-Security for a year, so that a browser that has met the site over HTTPS never
/// goes to it over plain HTTP again; not on plain HTTP, where a browser ignores it (issue 32 §8). Not
/// includeSubDomains: the city's other sites under the same domain are not this app's to decide. Kestrel's own
/// refusals made before any middleware runs (431 headers too large, 400 a malformed request line) carry none of these.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy of every answer. Inline styles are refused too: the pages keep theirs in app.css.</summary>
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The generated documents (reports as HTML) carry their print styles inline, so that a saved copy
    /// prints alike anywhere; they may use inline styles, still never a script.
    /// </summary>
    public const string DocumentPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Endpoint metadata: this endpoint answers a standalone document with inline styles.</summary>
    public sealed class InlineStyles;

    /// <summary>A year, as browsers' preload lists ask.</summary>
    public const string StrictTransport = "max-age=31536000";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        // When the answer starts, whatever wrote it (an endpoint, the output cache, the error handler, a static file).
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            var document = http.GetEndpoint()?.Metadata.GetMetadata<InlineStyles>() is not null;
            headers.ContentSecurityPolicy = document ? DocumentPolicy : Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";   // frame-ancestors, for browsers that do not read it
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (http.Request.IsHttps)
                headers.StrictTransportSecurity = StrictTransport;
            return Task.CompletedTask;
        });
        return next(http);
    });
}
