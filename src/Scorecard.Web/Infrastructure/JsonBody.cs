using System.Globalization;
using System.Text.Json;
using Scorecard.Domain.Common;

namespace Scorecard.Web.Infrastructure;

/// <summary>
/// A request body read by hand, so that a wrong type is a 422 naming the field in words rather than a
/// bare 400 from the binder. Absent and null read alike.
/// </summary>
public sealed class JsonBody(JsonElement root)
{
    public static async Task<JsonBody> ReadAsync(HttpRequest request, string example, CancellationToken ct)
    {
        var bytes = await JsonRequests.ReadCheckedAsync(request, ct);
        if (bytes.Length == 0)
            throw new InvalidInputException("body", $"內容須為 JSON 物件，例如 {example}。");
        using (var doc = JsonDocument.Parse(bytes))
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidInputException("body", $"內容須為 JSON 物件，例如 {example}。");
            return new JsonBody(doc.RootElement.Clone());
        }
    }

    public JsonElement? Get(string name) =>
        root.TryGetProperty(name, out var p) && p.ValueKind != JsonValueKind.Null ? p : null;

    /// <summary>A number, or a string holding one ("12.5"). <paramref name="label"/> names it in the refusal, <paramref name="hint"/> says what to do instead.</summary>
    public decimal? Number(string name, string label, string hint = "")
    {
        if (Get(name) is not { } v) return null;
        if ((v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d))
            || (v.ValueKind == JsonValueKind.String && TypedNumber.TryParse(v.GetString(), name, out d)))
            return Math.Abs(d) <= MaxNumber ? d : throw new InvalidInputException(name, $"{label} {v.GetRawText()} 超出可接受的範圍（絕對值不超過 10^15）。");
        throw new InvalidInputException(name, $"{label} {v.GetRawText()} 不是數字{hint}。");
    }

    /// <summary>The largest figure a field takes, as in an imported file: beyond it a page's arithmetic would overflow.</summary>
    const decimal MaxNumber = Scorecard.Interchange.Json.FileLimits.MaxNumber;

    /// <summary>true or false; absent or null reads as false.</summary>
    public bool Flag(string name) => Get(name) is not { } p ? false
        : p.ValueKind is JsonValueKind.True or JsonValueKind.False ? p.GetBoolean() : throw new InvalidInputException(name, $"欄位 {name} 須為 true 或 false。");

    public string? Text(string name) => Get(name) is not { } p ? null
        : p.ValueKind == JsonValueKind.String ? p.GetString() : throw new InvalidInputException(name, $"欄位 {name} 須為文字。");

    /// <summary>Items, one line each: an array of strings, or one string with a line per item. Blank lines are dropped.</summary>
    public List<string>? Lines(string name)
    {
        if (Get(name) is not { } p) return null;
        if (p.ValueKind == JsonValueKind.String) return Features.Editing.FormText.Lines(p.GetString());
        if (p.ValueKind == JsonValueKind.Array && p.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String))
            return p.EnumerateArray().Select(x => x.GetString()!.Trim()).Where(x => x.Length > 0).ToList();
        throw new InvalidInputException(name, $"欄位 {name} 須為文字陣列（一項一行）。");
    }
}
