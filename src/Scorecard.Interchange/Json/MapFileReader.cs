using System.Text.Json;
using System.Text.RegularExpressions;

namespace Scorecard.Interchange.Json;

/// <summary>Parses one interchange file, refusing malformed JSON with the file, line and JSON path.</summary>
public static partial class MapFileReader
{
    public static MapFile Read(string fileName, Stream content)
    {
        MapFile? file;
        try
        {
            file = JsonSerializer.Deserialize<MapFile>(content, InterchangeJson.Options);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } n ? $"第 {n + 1} 行" : "檔案中";
            var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            throw new ImportException(fileName, $"{line} {path}", Explain(e));
        }
        return file ?? throw new ImportException(fileName, "$", $"檔案內容是 null，不是 JSON 物件。");
    }

    [GeneratedRegex(@"could not be converted to (?:System\.Nullable`1\[)?System\.(?<type>\w+)")]
    private static partial Regex ConversionFailure();

    static FormattableString Explain(JsonException e)
    {
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
        if (e.Message.Contains("List`1", StringComparison.Ordinal))
            return $"此處應為陣列。";
        return $"不是有效的 JSON（可能缺少括號、逗號或引號）。";
    }
}
