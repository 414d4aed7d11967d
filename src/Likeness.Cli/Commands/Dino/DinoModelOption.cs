using System.CommandLine;
using Likeness.Cli.Commands.Models;
using Likeness.Inference.Dino;

namespace Likeness.Cli.Commands.Dino;

/// <summary>The <c>--model DIR</c> option of the DINOv2 commands, and loading the model it names (or the installed one).</summary>
internal static class DinoModelOption
{
    private static readonly ModelOption Model = new("DINOv2", "dino", DinoModelFetcher.Repository, () => DinoModelStore.Default.DinoDirectory);

    public static Option<DirectoryInfo?> Create() => Model.Create();

    /// <summary>Loads the model; a missing or unusable model is bad input with a message that says how to get one.</summary>
    public static DinoEmbedder Load(DirectoryInfo? directory) => Model.Load(directory, DinoEmbedder.Load);
}
