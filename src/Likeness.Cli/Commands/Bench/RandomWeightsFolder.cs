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

        TConfig config = Preset(preset, presets);
        var folder = new RandomWeightsFolder(System.IO.Directory.CreateTempSubdirectory($"likeness-bench-{engine}-").FullName);
        write(folder.Directory.FullName, config);
        return folder;
    }

    /// <summary>Writes the preset's model into <paramref name="directory"/> and keeps it (to export it for another backend).</summary>
    public static void WriteTo<TConfig>(string? preset, IReadOnlyDictionary<string, TConfig> presets, string directory, Action<string, TConfig> write)
    {
        TConfig config = Preset(preset ?? throw new CliUsageException("--write-weights needs --random-weights."), presets);
        System.IO.Directory.CreateDirectory(directory);
        write(directory, config);
    }

    private static TConfig Preset<TConfig>(string preset, IReadOnlyDictionary<string, TConfig> presets) =>
        presets.TryGetValue(preset, out TConfig? config)
            ? config
            : throw new CliUsageException($"Unknown architecture '{preset}'; use one of {string.Join(", ", presets.Keys)}.");

    public void Dispose() => Directory.Delete(recursive: true);
}
