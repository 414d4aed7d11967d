using System.CommandLine;

namespace Likeness.Cli.Commands.Models;

/// <summary><c>likeness models</c>: install the models the engines need into the model cache.</summary>
internal static class ModelsCommand
{
    public static Command Create() => new("models", "Install models into the model cache ($LIKENESS_MODELS, default ~/.cache/likeness/models).")
    {
        ModelsImportCommand.Create(),
        ModelsFetchCommand.Create(),
    };

    /// <summary>The <c>--cache DIR</c> option shared by the subcommands.</summary>
    public static Option<DirectoryInfo?> CacheOption() => new("--cache")
    {
        Description = "The model cache root (default: $LIKENESS_MODELS, else $XDG_CACHE_HOME/likeness/models, else ~/.cache/likeness/models).",
    };
}
