namespace Likeness.Cli.Hosting;

/// <summary>
/// Option spellings from before the dotnet conventions, still accepted for a release but left out of the help:
/// each is rewritten to its current name before parsing, so one option (and one default) serves both. The names are
/// global, so no command may declare an old spelling as an option of its own (a test walks the tree). docs/cli.md
/// lists them.
/// </summary>
internal static class LegacySpellings
{
    /// <summary>Old spelling → current name.</summary>
    internal static IReadOnlyDictionary<string, string> Current { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--out"] = "--output",
        ["--n"] = "--count",
        ["--aspect"] = "--aspect-ratio",
        // bench faces and bench webp counted their timed passes in --runs; bench clip and bench dino in --iterations.
        ["--runs"] = "--iterations",
    };

    /// <summary><paramref name="args"/> with the old spellings (also as <c>--out=DIR</c>) renamed, up to a <c>--</c> separator.</summary>
    public static string[] Rewrite(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new string[args.Length];
        bool literal = false;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            literal |= arg == "--";
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? arg : arg[..equals];
            result[i] = !literal && Current.TryGetValue(name, out string? current) ? current + arg[name.Length..] : arg;
        }

        return result;
    }
}
