using System.Text.Json.Nodes;

namespace Scorecard.Interchange.Tests;

/// <summary>
/// "Keeps every fact": every key of the original is in the copy with an equal value (numbers
/// compared as numbers), arrays keep their length and order. A null is no fact, so the copy
/// may leave it out, but it may not put a value where the original had none.
/// </summary>
static class JsonFacts
{
    public static void AssertContains(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected no value, export has {actual?.ToJsonString()}");
                break;
            case JsonObject obj:
                Assert.True(actual is JsonObject, $"{path}: expected an object, export has {actual?.ToJsonString() ?? "nothing"}");
                foreach (var (key, value) in obj)
                    AssertContains(value, actual![key], $"{path}.{key}");
                break;
            case JsonArray array:
                Assert.True(actual is JsonArray, $"{path}: expected an array, export has {actual?.ToJsonString() ?? "nothing"}");
                var other = (JsonArray)actual!;
                Assert.True(array.Count == other.Count, $"{path}: expected {array.Count} items, export has {other.Count}");
                for (var i = 0; i < array.Count; i++)
                    AssertContains(array[i], other[i], $"{path}[{i}]");
                break;
            case JsonValue value when value.TryGetValue<decimal>(out var number):
                Assert.True(actual is JsonValue v && v.TryGetValue<decimal>(out var n) && n == number,
                    $"{path}: expected {number}, export has {actual?.ToJsonString() ?? "nothing"}");
                break;
            default:
                Assert.True(actual is not null && JsonNode.DeepEquals(expected, actual),
                    $"{path}: expected {expected.ToJsonString()}, export has {actual?.ToJsonString() ?? "nothing"}");
                break;
        }
    }
}
