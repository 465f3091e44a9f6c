using Scorecard.Domain.Common;

namespace Scorecard.Interchange.Json;

/// <summary>A file that cannot be imported: which file, where in it, and why (zh-TW). Nothing was changed.</summary>
public sealed class ImportException(string file, string location, FormattableString reason)
    : Exception($"{file}：{location}：{Said.Chinese(reason)}")
{
    public string File { get; } = file;
    /// <summary>A JSON path such as $.kpis[3].values[0].value, with the line where known.</summary>
    public string Location { get; } = location;
    /// <summary>Why, in Chinese; <see cref="ReasonText"/> keeps its holes for the reader's language.</summary>
    public string Reason => Said.Chinese(ReasonText);
    public FormattableString ReasonText { get; } = reason;
}

/// <summary>Something imported that deserves a look; <see cref="Message"/> in Chinese, <see cref="Text"/> with its holes.</summary>
public sealed record ImportWarning(string File, string Path, [property: System.Text.Json.Serialization.JsonIgnore] FormattableString Text)
{
    public string Message => Said.Chinese(Text);
}

public sealed record ImportedMap(string Organisation, int RocYear);

public sealed record ImportReport(
    IReadOnlyList<string> Files,
    IReadOnlyList<ImportedMap> Maps,
    int RowsCreated,
    int RowsUpdated,
    IReadOnlyList<ImportWarning> Warnings)
{
    /// <summary>True when nothing was written: the report says what an import would do.</summary>
    public bool DryRun { get; init; }
    /// <summary>Per kind of row (策略目標, KPI, 數值 …): what is (or would be) created, changed and left alone.</summary>
    public IReadOnlyList<ImportChange> Changes { get; init; } = [];
}

/// <summary>
/// A file to import: its name, its facts, and for a workbook the cell each fact came from, so a
/// problem names 「平衡計分卡!F12」 rather than a JSON path.
/// </summary>
public sealed record ImportInput(string Name, MapFile File, IReadOnlyDictionary<string, string>? Cells = null)
{
    public static bool IsWorkbook(string fileName) => fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>A JSON interchange file, or (by its .xlsx name) a BSC workbook read against the known organisations.</summary>
    public static ImportInput Read(string name, Stream content, IReadOnlyCollection<Domain.Organisations.Organisation> organisations, Excel.BscFormOptions options)
    {
        if (!IsWorkbook(name))
            return new ImportInput(name, MapFileReader.Read(name, content));
        var read = Excel.BscFormReader.Read(name, content, organisations, options);
        var input = new ImportInput(name, read.File, read.Cells);
        FileLimits.Check(name, System.Text.Json.JsonSerializer.SerializeToElement(read.File, InterchangeJson.Options), input.Locate);
        return input;
    }

    /// <summary>The cell of the longest recorded path that the JSON path lies in; the path itself where none does.</summary>
    public string Locate(string path)
    {
        if (Cells is null)
            return path;
        for (var p = path; p.Length > 1; p = Parent(p))
            if (Cells.TryGetValue(p, out var cell))
                return cell;
        return path;
    }

    static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "$" : path[..cut];
    }
}
