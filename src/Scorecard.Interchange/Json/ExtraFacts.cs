using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scorecard.Interchange.Json;

/// <summary>Keeps the keys a document carries that the product does not model yet, as a JSON object.</summary>
static class ExtraFacts
{
    /// <summary>The stored facts with the incoming keys laid over them; null when there are none.</summary>
    public static string? Merge(string? stored, Dictionary<string, JsonElement>? incoming)
    {
        if (incoming is null || incoming.Count == 0)
            return stored;
        var merged = ReadObject(stored);
        foreach (var (key, value) in incoming)
        {
            var node = JsonNode.Parse(value.GetRawText());
            // A nested object (reportedCounts, weights, explanation) merges key by key; anything else replaces.
            merged[key] = node is JsonObject incomingObject && merged[key] is JsonObject existing
                ? MergeObjects(existing, incomingObject)
                : node;
        }
        return merged.ToJsonString(InterchangeJson.Options);
    }

    static JsonObject MergeObjects(JsonObject into, JsonObject from)
    {
        foreach (var (k, v) in from.ToList())
            into[k] = v?.DeepClone();
        return into;
    }

    /// <summary>Extra keys of a nested record, kept under its property name (e.g. reportedCounts).</summary>
    public static Dictionary<string, JsonElement>? Nest(string property, Dictionary<string, JsonElement>? extra)
    {
        if (extra is null || extra.Count == 0)
            return null;
        return new() { [property] = JsonSerializer.SerializeToElement(extra, InterchangeJson.Options) };
    }

    public static Dictionary<string, JsonElement>? Read(string? stored, string? without = null)
    {
        if (stored is null)
            return null;
        var all = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(stored, InterchangeJson.Options)!;
        if (without is not null) all.Remove(without);
        return all.Count == 0 ? null : all;
    }

    static JsonObject ReadObject(string? stored) =>
        stored is null ? new JsonObject() : (JsonObject)JsonNode.Parse(stored)!;

    /// <summary>The extra keys of a nested record, stored by <see cref="Nest"/>.</summary>
    public static Dictionary<string, JsonElement>? Nested(string? stored, string property) =>
        stored is not null
        && JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(stored)!.TryGetValue(property, out var v)
            ? JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(v.GetRawText())
            : null;

    /// <summary>A text the document carries beside the modelled facts (an evaluation's 「raw」, its 「name」); null when absent.</summary>
    public static string? Text(string? stored, string key)
    {
        if (stored is null) return null;
        using var doc = JsonDocument.Parse(stored);
        return doc.RootElement.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
