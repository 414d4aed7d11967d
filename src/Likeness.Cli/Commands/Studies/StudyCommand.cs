using System.CommandLine;

namespace Likeness.Cli.Commands.Studies;

/// <summary><c>likeness study run|report</c>.</summary>
internal static class StudyCommand
{
    public static Command Create() => new("study", "Compare providers on a character-consistency study and report it.")
    {
        StudyRunCommand.Create(),
        StudyReportCommand.Create(),
    };
}
