namespace Likeness.Cli.Commands.Bench;

/// <summary>A temporary model folder with random weights of a named architecture, for the <c>bench</c> commands; deleted on dispose.</summary>
internal sealed class RandomWeightsFolder : IDisposable
{
    private RandomWeightsFolder(string path) => Directory = new DirectoryInfo(path);

    /// <summary>The model folder.</summary>
    public DirectoryInfo Directory { get; }

    /// <summary>Writes the preset's model, or returns null when no preset is asked for; an unknown name is bad input listing the known ones.</summary>
    public static RandomWeightsFolder? Create<TConfig>(string? preset, IReadOnlyDictionary<string, TConfig> presets, string engine, Action<string, TConfig> write)
    {
        if (preset is null)
        {
            return null;
        }

        if (!presets.TryGetValue(preset, out TConfig? config))
        {
            throw new CliUsageException($"Unknown architecture '{preset}'; use one of {string.Join(", ", presets.Keys)}.");
        }

        var folder = new RandomWeightsFolder(System.IO.Directory.CreateTempSubdirectory($"likeness-bench-{engine}-").FullName);
        write(folder.Directory.FullName, config);
        return folder;
    }

    public void Dispose() => Directory.Delete(recursive: true);
}
