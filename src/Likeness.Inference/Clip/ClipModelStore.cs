using Likeness.Inference.HuggingFace;

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

    /// <summary>The default model cache root, shared by every model (see the class summary).</summary>
    public static string DefaultRoot() => ModelFolders.DefaultRoot();

    /// <summary>Whether <paramref name="directory"/> holds a config and a weights file.</summary>
    public static bool IsModelDirectory(string directory) => ModelFolders.IsModelDirectory(directory);

    /// <summary>
    /// Checks a Hugging Face snapshot folder (config, header, every tensor's name and shape, by loading it) and
    /// copies its two files into <see cref="ClipDirectory"/>, replacing what was there only once the copy is complete.
    /// </summary>
    public ClipConfig Import(string sourceDirectory) => ModelFolders.Import(sourceDirectory, Root, "clip", ClipDirectory, "CLIP", Check);

    /// <summary>Loads the model in <paramref name="directory"/> (checking every tensor) and returns its config.</summary>
    internal static ClipConfig Check(string directory)
    {
        using ClipModel model = ClipModel.Load(directory);
        return model.Config;
    }
}
