using System.CommandLine;

namespace Likeness.Cli.Commands.Providers;

/// <summary><c>likeness providers ...</c>: the provider registry. Each subcommand lives in its own file.</summary>
internal static class ProvidersCommand
{
    public static Command Create() => new("providers", "The providers: capabilities, apps, limits, prices, keys.")
    {
        ProvidersListCommand.Create(),

        // More subcommands (e.g. a live key check) are added here, one file each.
    };
}
