using System.Text.Json;
using System.Text.Unicode;
using Scorecard.Interchange.Json;

namespace Scorecard.Web.Infrastructure;

/// <summary>
/// A JSON body sent to the API is read and checked whole before anything binds it, so that every route
/// refuses a broken one alike, in words and at its line: not UTF-8, not JSON, nested deeper than 64, a
/// field written twice, half of a surrogate pair. Left to the framework's binder, some of these were
/// answered in English, invalid UTF-8 in a body read by hand was a 500, and of a field written twice
/// the last was taken without a word. The write gate (<see cref="Security.WriteGate"/>, before this) bounds what is read.
/// Every text and list in it is bounded too (<see cref="Bounds"/>): a field past its bound is a 422 naming its JSON
/// path, before anything binds it (a mission of 7.6 million items had been taken).
/// </summary>
public static class JsonRequests
{
    public static IApplicationBuilder UseJsonRequestChecks(IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        if (request.Path.StartsWithSegments("/api") && request.HasJsonContentType()
            && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            request.Body = new CheckedBody(await ReadCheckedAsync(request, http.RequestAborted));
        await next(http);
    });

    /// <summary>A body already read and checked whole: what the binder, or a route reading by hand, reads again.</summary>
    sealed class CheckedBody(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public byte[] Bytes { get; } = bytes;
    }

    /// <summary>
    /// The body's bytes, checked (<see cref="Check"/>): read and checked here once, or taken as they are when this
    /// middleware has done so already. A route that reads its body by hand asks here: a body sent without its JSON
    /// media type did not pass the middleware.
    /// </summary>
    public static async Task<byte[]> ReadCheckedAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.Body is CheckedBody done)
            return done.Bytes;
        using var copy = new MemoryStream();
        var max = request.HttpContext.Items[Security.WriteGate.MaxBodyKey] is long limit ? limit : long.MaxValue;
        var buffer = new byte[81920];
        for (int read; (read = await request.Body.ReadAsync(buffer, ct)) > 0;)
        {
            if (copy.Length + read > max)
                throw new TooLargeException(max);
            copy.Write(buffer, 0, read);
        }
        var bytes = copy.ToArray();
        Check(bytes);
        return bytes;
    }

    /// <summary>Refuses a body that is not one well-formed JSON text; an empty body passes (the route says whether it needs one).</summary>
    static void Check(byte[] bytes)
    {
        if (bytes.Length == 0)
            return;
        if (!Utf8.IsValid(bytes))
            throw new UnreadableBodyException(JsonReasons.LineOfFirstInvalidByte(bytes), $"文字不是有效的 UTF-8 編碼。");
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 64 });
        var names = new Stack<HashSet<string>>();
        var path = new Bounds.Path();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        path.Value();
                        names.Push([]);
                        path.Enter(array: false);
                        break;
                    case JsonTokenType.EndObject:
                        names.Pop();
                        path.Leave();
                        break;
                    case JsonTokenType.StartArray:
                        path.Value();
                        path.Enter(array: true);
                        break;
                    case JsonTokenType.EndArray:
                        path.Leave();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = Text(ref reader, bytes);
                        if (!names.Peek().Add(name))
                            throw new UnreadableBodyException(LineAt(bytes, reader.TokenStartIndex), $"欄位 {name} 寫了兩次；同一個物件中的欄位名稱不可重複。");
                        path.Name(name);
                        break;
                    case JsonTokenType.String:
                        path.Value();
                        path.Text(Text(ref reader, bytes));
                        break;
                    default:
                        path.Value();
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            throw new UnreadableBodyException((int)(e.LineNumber ?? 0) + 1, JsonReasons.Explain(e));
        }
    }

    /// <summary>A text as the binder will read it: an escaped half of a surrogate pair (\ud800) cannot be.</summary>
    static string Text(ref Utf8JsonReader reader, byte[] bytes)
    {
        try { return reader.GetString()!; }
        catch (InvalidOperationException) { throw new UnreadableBodyException(LineAt(bytes, reader.TokenStartIndex), $"文字含有不完整的 Unicode 字元。"); }
    }

    static int LineAt(byte[] bytes, long index) => bytes.AsSpan(0, (int)index).Count((byte)'\n') + 1;
}
