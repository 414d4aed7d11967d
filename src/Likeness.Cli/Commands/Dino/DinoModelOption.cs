using System.CommandLine;
using Likeness.Inference.Dino;
using Likeness.Inference.Safetensors;

namespace Likeness.Cli.Commands.Dino;

/// <summary>The <c>--model DIR</c> option of the DINOv2 commands, and loading the model it names (or the installed one).</summary>
internal static class DinoModelOption
{
    public static Option<DirectoryInfo?> Create() => new("--model")
    {
        Description = "A DINOv2 model folder (config.json + model.safetensors). Default: the one installed by 'likeness models fetch dino' or 'likeness models import dino DIR'.",
    };

    /// <summary>Loads the model; a missing or unusable model is bad input with a message that says how to get one.</summary>
    public static DinoEmbedder Load(DirectoryInfo? directory)
    {
        string path = directory?.FullName ?? DinoModelStore.Default.DinoDirectory;
        if (!DinoModelStore.IsModelDirectory(path))
        {
            throw new CliUsageException(
                $"No DINOv2 model in {path} (it needs config.json and model.safetensors). Download {DinoModelFetcher.Repository} with "
                + "'likeness models fetch dino', or install a Hugging Face snapshot you have with 'likeness models import dino DIR'.");
        }

        try
        {
            return DinoEmbedder.Load(path);
        }
        catch (InvalidModelException ex)
        {
            throw new CliUsageException($"The DINOv2 model in {path} cannot be used: {ex.Message}");
        }
    }
}
