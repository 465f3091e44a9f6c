using System.Net;
using Scorecard.Web.Features.Language;

namespace Scorecard.Web.Infrastructure;

/// <summary>
/// A short page for a browser when the app cannot render its own (the database is down, a form post
/// over the size limit, too many sign-ins): the message in the reader's language, with the site's
/// styles and a way on. The API answers the same failures with problem details.
/// </summary>
public static class PlainPage
{
    /// <summary>A request from a browser for a page (not the API, and HTML accepted), which should get a page rather than JSON.</summary>
    public static bool Wanted(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public static Task WriteAsync(HttpResponse response, string message, string linkHref, string linkText, CancellationToken ct = default)
    {
        response.ContentType = "text/html; charset=utf-8";
        var text = WebUtility.HtmlEncode(message);
        return response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{Ui.HtmlLang}\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{text}</title><link rel=\"stylesheet\" href=\"/app.css\"><main><p role=\"alert\">{text}</p>" +
            $"<p><a href=\"{WebUtility.HtmlEncode(linkHref)}\">{WebUtility.HtmlEncode(linkText)}</a></p></main></html>", ct);
    }
}
