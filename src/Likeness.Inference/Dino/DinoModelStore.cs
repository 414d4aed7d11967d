using Likeness.Inference.Clip;
using Likeness.Inference.HuggingFace;

namespace Likeness.Inference.Dino;

/// <summary>
/// Where the installed DINOv2 model lives: <c>ROOT/dino/</c> holding <c>config.json</c> and <c>model.safetensors</c>,
/// in the same model cache root as CLIP (<see cref="ClipModelStore.DefaultRoot"/>).
/// </summary>
/// <param name="root">The model cache root.</param>
public sealed class DinoModelStore(string root)
{
    /// <summary>The model cache root.</summary>
    public string Root { get; } = root;

    /// <summary>The folder of the installed DINOv2 model.</summary>
    public string DinoDirectory => Path.Combine(Root, "dino");

    /// <summary>Whether a DINOv2 model is installed (both files present).</summary>
    public bool HasDino => ModelFolders.IsModelDirectory(DinoDirectory);

    /// <summary>The store at the default root.</summary>
    public static DinoModelStore Default => new(ModelFolders.DefaultRoot());

    /// <summary>Whether <paramref name="directory"/> holds a config and a weights file.</summary>
    public static bool IsModelDirectory(string directory) => ModelFolders.IsModelDirectory(directory);

    /// <summary>Checks a Hugging Face DINOv2 snapshot folder by loading it and installs its two files into <see cref="DinoDirectory"/>.</summary>
    public DinoConfig Import(string sourceDirectory) => ModelFolders.Import(sourceDirectory, Root, "dino", DinoDirectory, "DINOv2", Check);

    /// <summary>Loads the model in <paramref name="directory"/> (checking every tensor) and returns its config.</summary>
    internal static DinoConfig Check(string directory)
    {
        using DinoModel model = DinoModel.Load(directory);
        return model.Config;
    }
}
