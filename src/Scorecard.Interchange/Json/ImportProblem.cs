namespace Scorecard.Interchange.Json;

/// <summary>A file that cannot be imported: which file, where in it, and why (zh-TW). Nothing was changed.</summary>
public sealed class ImportException(string file, string location, string reason)
    : Exception($"{file}：{location}：{reason}")
{
    public string File { get; } = file;
    /// <summary>A JSON path such as $.kpis[3].values[0].value, with the line where known.</summary>
    public string Location { get; } = location;
    public string Reason { get; } = reason;
}

public sealed record ImportWarning(string File, string Path, string Message);

public sealed record ImportedMap(string Organisation, int RocYear);

public sealed record ImportReport(
    IReadOnlyList<string> Files,
    IReadOnlyList<ImportedMap> Maps,
    int RowsCreated,
    int RowsUpdated,
    IReadOnlyList<ImportWarning> Warnings);
