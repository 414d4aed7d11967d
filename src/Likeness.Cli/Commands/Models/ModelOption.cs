using System.CommandLine;
using Likeness.Inference.Clip;
using Likeness.Inference.Safetensors;

namespace Likeness.Cli.Commands.Models;

/// <summary>
/// The <c>--model DIR</c> option of the commands that run a Hugging Face model (CLIP, DINOv2), and loading the model
/// it names or the installed one.
/// </summary>
/// <param name="Display">The model's name in messages ("CLIP").</param>
/// <param name="Kind">Its word in <c>likeness models fetch|import KIND</c> ("clip").</param>
/// <param name="Repository">The Hugging Face repository <c>models fetch</c> downloads.</param>
/// <param name="InstalledDirectory">Where the installed model lives.</param>
internal sealed record ModelOption(string Display, string Kind, string Repository, Func<string> InstalledDirectory)
{
    public Option<DirectoryInfo?> Create() => new("--model")
    {
        Description = $"A {Display} model folder (config.json + model.safetensors). Default: the one installed by 'likeness models fetch {Kind}' or 'likeness models import {Kind} DIR'.",
    };

    /// <summary>Loads the model with <paramref name="load"/>; a missing or unusable model is bad input with a message that says how to get one.</summary>
    public T Load<T>(DirectoryInfo? directory, Func<string, T> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        string path = directory?.FullName ?? InstalledDirectory();
        if (!ClipModelStore.IsModelDirectory(path)) // the check of any Hugging Face model folder
        {
            throw new CliUsageException(
                $"No {Display} model in {path} (it needs config.json and model.safetensors). Download {Repository} with "
                + $"'likeness models fetch {Kind}', or install a Hugging Face snapshot you have with 'likeness models import {Kind} DIR'.");
        }

        try
        {
            return load(path);
        }
        catch (InvalidModelException ex)
        {
            throw new CliUsageException($"The {Display} model in {path} cannot be used: {ex.Message}");
        }
    }
}
