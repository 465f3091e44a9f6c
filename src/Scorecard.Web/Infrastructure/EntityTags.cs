namespace Scorecard.Web.Infrastructure;

/// <summary>
/// ETags over HTTP, one way for every row that has a version: the tag is the version in quotes ("12"), sent on every read
/// and write of the row, and If-Match read back into the version a write expects. A write with a stale tag changes nothing.
/// </summary>
public static class EntityTags
{
    /// <summary>The tag of a version: "12". Text tokens (the map's settings) are quoted the same way.</summary>
    public static string Of<T>(T version) => $"\"{version}\"";

    /// <summary>Sends <paramref name="version"/> as the answer's ETag.</summary>
    public static void Tag<T>(HttpResponse response, T version) => response.Headers.ETag = Of(version);

    /// <summary>The version the request's If-Match names; null when it has none or "*".</summary>
    public static long? IfMatch(HttpRequest request) => Parse(request.Headers.IfMatch.ToString());

    /// <summary>The text token the request's If-Match names (W/ and quotes taken off); null when it has none or "*".</summary>
    public static string? IfMatchToken(HttpRequest request) => Token(request.Headers.IfMatch.ToString());

    /// <summary>The version an If-Match header names; null when there is none or it is "*"; an unreadable tag matches no version.</summary>
    public static long? Parse(string? header) =>
        Token(header) is not { } text ? null : long.TryParse(text, out var v) ? v : -2;

    static string? Token(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
            return null;
        var text = header.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal)) text = text[2..];
        return text.Trim('"');
    }
}
