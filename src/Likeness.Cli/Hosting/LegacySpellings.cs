namespace Likeness.Cli.Hosting;

/// <summary>
/// Option spellings from before the dotnet conventions, still accepted for a release but left out of the help:
/// each is rewritten to its current name before parsing, so one option (and one default) serves both.
/// </summary>
internal static class LegacySpellings
{
    private static readonly Dictionary<string, string> Current = new(StringComparer.Ordinal)
    {
        ["--out"] = "--output",
        ["--n"] = "--count",
        ["--aspect"] = "--aspect-ratio",
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
