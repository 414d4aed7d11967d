using System.CommandLine;

namespace Likeness.Cli.Commands.Bench;

/// <summary><c>likeness bench</c>: time the built-in engines on your own files.</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Measure the speed of Likeness's engines on this machine.")
    {
        BenchFacesCommand.Create(),
        BenchClipCommand.Create(),
        BenchWebPCommand.Create(),
        BenchRowsCommand.Create(),
        Dino.BenchDinoCommand.Create(),
        BenchLedgerCommand.Create(),
        BenchGateCommand.Create(),
        BenchVideoCommand.Create(),
    };
}
