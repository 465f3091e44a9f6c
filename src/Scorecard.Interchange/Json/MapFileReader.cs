using System.Text.Json;
using System.Text.RegularExpressions;

namespace Scorecard.Interchange.Json;

/// <summary>Parses one interchange file, refusing malformed JSON with the file, line and JSON path.</summary>
public static partial class MapFileReader
{
    public static MapFile Read(string fileName, Stream content)
    {
        MapFile? file;
        // The reader passes invalid UTF-8 in a name it does not know (it becomes U+FFFD): checked first, for the whole file.
        var bytes = ReadAll(content);
        if (System.Text.Unicode.Utf8.IsValid(bytes) is false)
            throw new ImportException(fileName, $"第 {LineOfFirstInvalidByte(bytes)} 行", $"文字不是有效的 UTF-8 編碼（請以 UTF-8 儲存檔案）。");
        try
        {
            file = JsonSerializer.Deserialize<MapFile>(bytes, InterchangeJson.Options);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } n ? $"第 {n + 1} 行" : "檔案中";
            var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            throw new ImportException(fileName, $"{line} {path}", Explain(e));
        }
        if (file is null)
            throw new ImportException(fileName, "$", $"檔案內容是 null，不是 JSON 物件。");
        // The limits on what the file holds, walked as written: facts the model does not know are kept verbatim, and checked too.
        using (var document = JsonDocument.Parse(bytes))
            FileLimits.Check(fileName, document.RootElement);
        return file;
    }

    static byte[] ReadAll(Stream content)
    {
        using var copy = new MemoryStream();
        content.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The 1-based line of the first byte that is not UTF-8.</summary>
    static int LineOfFirstInvalidByte(ReadOnlySpan<byte> bytes)
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

    static FormattableString Explain(JsonException e)
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
