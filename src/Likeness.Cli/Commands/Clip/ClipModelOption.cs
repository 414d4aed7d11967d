using System.CommandLine;
using Likeness.Inference.Clip;
using Likeness.Inference.Safetensors;

namespace Likeness.Cli.Commands.Clip;

/// <summary>The <c>--model DIR</c> option of the CLIP commands, and loading the model it names (or the installed one).</summary>
internal static class ClipModelOption
{
    public static Option<DirectoryInfo?> Create() => new("--model")
    {
        Description = "A CLIP model folder (config.json + model.safetensors). Default: the one installed by 'likeness models fetch clip' or 'likeness models import clip DIR'.",
    };

    /// <summary>Loads the model; a missing or unusable model is bad input with a message that says how to get one.</summary>
    public static ClipEmbedder Load(DirectoryInfo? directory)
    {
        string path = directory?.FullName ?? ClipModelStore.Default.ClipDirectory;
        if (!ClipModelStore.IsModelDirectory(path))
        {
            throw new CliUsageException(
                $"No CLIP model in {path} (it needs config.json and model.safetensors). Download openai/clip-vit-base-patch32 with "
                + "'likeness models fetch clip', or install a Hugging Face snapshot you have with 'likeness models import clip DIR'.");
        }

        try
        {
            return ClipEmbedder.Load(path);
        }
        catch (InvalidModelException ex)
        {
            throw new CliUsageException($"The CLIP model in {path} cannot be used: {ex.Message}");
        }
    }
}
