namespace Likeness.Testing;

/// <summary>Finds the repository root (the folder holding Likeness.slnx) and the committed test data.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under tests/data.</summary>
    public static string TestData(params string[] parts) => Path.Combine([Root, "tests", "data", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Likeness.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find Likeness.slnx above " + AppContext.BaseDirectory);
    }
}
