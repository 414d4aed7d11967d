using System.CommandLine;
using Likeness.Cli.Commands.Models;
using Likeness.Inference.Clip;

namespace Likeness.Cli.Commands.Clip;

/// <summary>The <c>--model DIR</c> option of the CLIP commands, and loading the model it names (or the installed one).</summary>
internal static class ClipModelOption
{
    private static readonly ModelOption Model = new("CLIP", "clip", ClipModelFetcher.Repository, () => ClipModelStore.Default.ClipDirectory);

    public static Option<DirectoryInfo?> Create() => Model.Create();

    /// <summary>Loads the model; a missing or unusable model is bad input with a message that says how to get one.</summary>
    public static ClipEmbedder Load(DirectoryInfo? directory) => Model.Load(directory, path => ClipEmbedder.Load(path));
}
