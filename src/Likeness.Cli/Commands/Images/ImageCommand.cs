using System.CommandLine;

namespace Likeness.Cli.Commands.Images;

/// <summary><c>likeness image</c>: inspect and convert image files with Likeness's own codecs.</summary>
internal static class ImageCommand
{
    public static Command Create() => new("image", "Inspect and convert images (JPEG, PNG, PPM/PGM).")
    {
        ImageInfoCommand.Create(),
        ImageConvertCommand.Create(),
    };
}
