namespace Likeness.Inference.Clip;

/// <summary>
/// Where the installed CLIP model lives: <c>ROOT/clip/</c> holding <c>config.json</c> and <c>model.safetensors</c>.
/// ROOT is <c>$LIKENESS_MODELS</c>, else <c>$XDG_CACHE_HOME/likeness/models</c>, else <c>~/.cache/likeness/models</c>.
/// </summary>
/// <param name="root">The model cache root.</param>
public sealed class ClipModelStore(string root)
{
    /// <summary>The model cache root.</summary>
    public string Root { get; } = root;

    /// <summary>The folder of the installed CLIP model.</summary>
    public string ClipDirectory => Path.Combine(Root, "clip");

    /// <summary>Whether a CLIP model is installed (both files present).</summary>
    public bool HasClip => IsModelDirectory(ClipDirectory);

    /// <summary>The store at the default root.</summary>
    public static ClipModelStore Default => new(DefaultRoot());

    /// <summary>The default model cache root.</summary>
    public static string DefaultRoot()
    {
        string? explicitRoot = Environment.GetEnvironmentVariable("LIKENESS_MODELS");
        if (!string.IsNullOrEmpty(explicitRoot))
        {
            return explicitRoot;
        }

        string? cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache))
        {
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }

        return Path.Combine(cache, "likeness", "models");
    }

    /// <summary>Whether <paramref name="directory"/> holds a config and a weights file.</summary>
    public static bool IsModelDirectory(string directory) =>
        File.Exists(Path.Combine(directory, ClipModel.ConfigFileName)) && File.Exists(Path.Combine(directory, ClipModel.WeightsFileName));

    /// <summary>
    /// Checks a Hugging Face snapshot folder (config, header, every tensor's name and shape, by loading it) and
    /// copies its two files into <see cref="ClipDirectory"/>, replacing what was there only once the copy is complete.
    /// </summary>
    public ClipConfig Import(string sourceDirectory)
    {
        if (!IsModelDirectory(sourceDirectory))
        {
            throw new FileNotFoundException(
                $"{sourceDirectory} must hold {ClipModel.ConfigFileName} and {ClipModel.WeightsFileName} (a Hugging Face CLIP snapshot).");
        }

        ClipConfig config;
        using (ClipModel model = ClipModel.Load(sourceDirectory))
        {
            config = model.Config;
        }

        string staging = StagingDirectory();
        try
        {
            File.Copy(Path.Combine(sourceDirectory, ClipModel.ConfigFileName), Path.Combine(staging, ClipModel.ConfigFileName));
            File.Copy(Path.Combine(sourceDirectory, ClipModel.WeightsFileName), Path.Combine(staging, ClipModel.WeightsFileName));
            Install(staging);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return config;
    }

    /// <summary>A new empty folder beside <see cref="ClipDirectory"/> (same volume, so installing is a rename).</summary>
    internal string StagingDirectory()
    {
        string staging = Path.Combine(Root, $".clip-staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>Replaces <see cref="ClipDirectory"/> with the complete folder <paramref name="staging"/>.</summary>
    internal void Install(string staging)
    {
        string old = ClipDirectory + $".old-{Guid.NewGuid():N}";
        if (Directory.Exists(ClipDirectory))
        {
            Directory.Move(ClipDirectory, old);
        }

        Directory.Move(staging, ClipDirectory);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
    }
}
