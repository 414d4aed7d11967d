using System.CommandLine;

namespace Likeness.Cli.Commands.Bench;

/// <summary><c>likeness bench</c>: time the inference engines on this machine.</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Time the inference engines on this machine.")
    {
        BenchClipCommand.Create(),
    };
}
