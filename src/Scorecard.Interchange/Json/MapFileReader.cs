using System.Text.Json;

namespace Scorecard.Interchange.Json;

/// <summary>Parses one interchange file, refusing malformed JSON with the file, line and JSON path.</summary>
public static class MapFileReader
{
    public static MapFile Read(string fileName, Stream content)
    {
        MapFile? file;
        // The reader passes invalid UTF-8 in a name it does not know (it becomes U+FFFD): checked first, for the whole file.
        var bytes = ReadAll(content);
        if (System.Text.Unicode.Utf8.IsValid(bytes) is false)
            throw new ImportException(fileName, $"第 {JsonReasons.LineOfFirstInvalidByte(bytes)} 行", $"文字不是有效的 UTF-8 編碼（請以 UTF-8 儲存檔案）。");
        try
        {
            file = JsonSerializer.Deserialize<MapFile>(bytes, InterchangeJson.Options);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } n ? $"第 {n + 1} 行" : "檔案中";
            var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            throw new ImportException(fileName, $"{line} {path}", JsonReasons.Explain(e));
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
}
