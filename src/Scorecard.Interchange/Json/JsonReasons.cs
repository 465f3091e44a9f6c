using System.Text.Json;
using System.Text.RegularExpressions;

namespace Scorecard.Interchange.Json;

/// <summary>
/// Why a JSON text cannot be read, in the words staff read: for an imported file, and for a request body
/// the API is sent. System.Text.Json says it in English, with no code to tell the cases apart but its message.
/// </summary>
public static partial class JsonReasons
{
    /// <summary>The 1-based line of the first byte that is not UTF-8.</summary>
    public static int LineOfFirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        var line = 1;
        for (var i = 0; i < bytes.Length; )
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out var used) != System.Buffers.OperationStatus.Done)
                break;
            if (bytes[i] == (byte)'\n')
                line++;
            i += used;
        }
        return line;
    }

    [GeneratedRegex(@"could not be converted to (?:System\.Nullable`1\[)?System\.(?<type>\w+)")]
    private static partial Regex ConversionFailure();

    /// <summary>The reason for a <see cref="JsonException"/> from reading or from deserializing, in words.</summary>
    public static FormattableString Explain(JsonException e)
    {
        // An escaped half surrogate pair (\ud800) in a text the model reads: reported as a failed conversion to string.
        if (e.InnerException is InvalidOperationException { Message: var inner } && inner.Contains("UTF-16", StringComparison.Ordinal))
            return $"文字含有不完整的 Unicode 字元。";
        var m = ConversionFailure().Match(e.Message);
        if (m.Success)
        {
            var expected = m.Groups["type"].Value switch
            {
                "Decimal" or "Int32" or "Int64" or "Double" => "數字",
                "String" => "文字",
                "Boolean" => "true 或 false",
                _ when e.Message.Contains("List`1", StringComparison.Ordinal) => "陣列",
                _ => "物件",
            };
            return $"此處應為{expected}，但檔案中的值型別不符。";
        }
        if (e.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
            return $"同一個物件中有重複的欄位名稱。";
        if (e.Message.Contains("maximum configured depth", StringComparison.Ordinal))
            return $"巢狀層數超過 64 層。";
        if (e.Message.Contains("List`1", StringComparison.Ordinal))
            return $"此處應為陣列。";
        return $"不是有效的 JSON（可能缺少括號、逗號或引號）。";
    }
}
