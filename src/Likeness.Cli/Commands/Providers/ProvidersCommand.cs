using System.CommandLine;

namespace Likeness.Cli.Commands.Providers;

/// <summary><c>likeness providers</c>: the hosted providers and checks of their keys.</summary>
internal static class ProvidersCommand
{
    public static Command Create() => new("providers", "Hosted providers: check that a key works.")
    {
        ProvidersCheckCommand.Create(),
    };
}
