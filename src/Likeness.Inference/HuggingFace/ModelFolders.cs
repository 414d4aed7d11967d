using Likeness.Inference.Safetensors;

namespace Likeness.Inference.HuggingFace;

/// <summary>
/// Installs Hugging Face model folders (<c>config.json</c> + <c>model.safetensors</c>) under a model cache root:
/// files are staged in a folder beside the target (same volume), checked, and the target is replaced only once the
/// copy is complete, so an interrupted install never leaves a half model behind.
/// </summary>
internal static class ModelFolders
{
    public const string ConfigFileName = "config.json";

    public const string WeightsFileName = "model.safetensors";

    /// <summary>
    /// The model cache root: <c>$LIKENESS_MODELS</c>, else <c>$XDG_CACHE_HOME/likeness/models</c>, else
    /// <c>~/.cache/likeness/models</c>.
    /// </summary>
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

    /// <summary>The files of a model folder.</summary>
    public static IReadOnlyList<string> Files { get; } = [ConfigFileName, WeightsFileName];

    /// <summary>Opens a weights file and builds a model over it; the file is closed again if building fails.</summary>
    public static T OpenWeights<T>(string weightsPath, Func<SafetensorsFile, T> build)
    {
        SafetensorsFile file = SafetensorsFile.Open(weightsPath);
        try
        {
            return build(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="directory"/> holds a config and a weights file.</summary>
    public static bool IsModelDirectory(string directory) =>
        File.Exists(Path.Combine(directory, ConfigFileName)) && File.Exists(Path.Combine(directory, WeightsFileName));

    /// <summary>A new empty folder under <paramref name="root"/> for <paramref name="name"/>.</summary>
    public static string StagingDirectory(string root, string name)
    {
        string staging = Path.Combine(root, $".{name}-staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>Replaces <paramref name="target"/> with the complete folder <paramref name="staging"/>.</summary>
    public static void Install(string staging, string target)
    {
        string old = target + $".old-{Guid.NewGuid():N}";
        if (Directory.Exists(target))
        {
            Directory.Move(target, old);
        }

        Directory.Move(staging, target);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
    }

    /// <summary>
    /// Checks <paramref name="sourceDirectory"/> with <paramref name="check"/> (which loads the model, so every tensor's
    /// name and shape is checked), copies its two files and installs them as <paramref name="target"/>.
    /// </summary>
    public static T Import<T>(string sourceDirectory, string root, string name, string target, string description, Func<string, T> check)
    {
        if (!IsModelDirectory(sourceDirectory))
        {
            throw new FileNotFoundException($"{sourceDirectory} must hold {ConfigFileName} and {WeightsFileName} (a Hugging Face {description} snapshot).");
        }

        T result = check(sourceDirectory);
        string staging = StagingDirectory(root, name);
        try
        {
            foreach (string file in Files)
            {
                File.Copy(Path.Combine(sourceDirectory, file), Path.Combine(staging, file));
            }

            Install(staging, target);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return result;
    }
}
