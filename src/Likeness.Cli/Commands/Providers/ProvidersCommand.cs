using System.CommandLine;

namespace Likeness.Cli.Commands.Providers;

/// <summary><c>likeness providers ...</c>: the provider registry and live key checks. Each subcommand lives in its own file.</summary>
internal static class ProvidersCommand
{
    public static Command Create() => new("providers", "The providers: capabilities, apps, limits, prices, keys; check that a key works.")
    {
        ProvidersListCommand.Create(),
        ProvidersCheckCommand.Create(),
    };
}
