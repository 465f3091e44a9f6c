namespace Scorecard.Testing;

/// <summary>The checkout the tests run from (the folder holding Scorecard.slnx), for tests that read its files.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Scorecard.slnx")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Scorecard.slnx not found above " + AppContext.BaseDirectory);
    }
}
