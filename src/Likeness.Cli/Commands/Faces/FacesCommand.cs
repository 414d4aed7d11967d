using System.CommandLine;

namespace Likeness.Cli.Commands.Faces;

/// <summary><c>likeness faces</c>: detect faces and compare identities with the built-in face engine.</summary>
internal static class FacesCommand
{
    public static Command Create() => new("faces", "Detect faces (box, 68 landmarks, 128-D descriptor) and compare identities.")
    {
        FacesDetectCommand.Create(),
        FacesCompareCommand.Create(),
    };
}
