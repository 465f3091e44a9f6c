namespace Scorecard.Testing;

/// <summary>The shared seed data (../shared/data beside the repository). Tests may read it; the product may not.</summary>
public static class SeedData
{
    public static string Folder { get; } = Find();

    public static IReadOnlyList<string> Files => Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).ToList();

    public static string PathOf(string name) => Path.Combine(Folder, name);

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("找不到 shared/data：測試需要在儲存庫旁放置 shared/ 資料夾。");
    }
}
