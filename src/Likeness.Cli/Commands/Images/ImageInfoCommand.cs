using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Imaging;

namespace Likeness.Cli.Commands.Images;

/// <summary><c>likeness image info FILE [--json]</c>: what the file's header says, without decoding pixels.</summary>
internal static class ImageInfoCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The image file (format sniffed from its bytes)." };
        var json = new Option<bool>("--json") { Description = "Print one line of JSON." };
        var command = new Command("info", "Show format, size, bit depth, colour type, progressive, subsampling, WebP lossless/animated and EXIF orientation.")
        {
            file,
            json,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            FileInfo path = parse.GetValue(file)!;
            ImageInfo info = ImageDecoder.IdentifyFile(path.FullName);
            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(CliJson.Serialize(ImageInfoView.From(path.FullName, info))).ConfigureAwait(false);
            }
            else
            {
                await WriteTextAsync(output, path.FullName, info).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteTextAsync(TextWriter output, string path, ImageInfo info)
    {
        ImageInfoView view = ImageInfoView.From(path, info);
        string lines = $"""
            file:               {view.File}
            format:             {view.Format}
            size:               {view.Width}x{view.Height}
            bit depth:          {view.BitDepth}
            colour type:        {view.ColorType} ({view.Channels} channel{(view.Channels == 1 ? "" : "s")}{(view.HasAlpha ? ", alpha" : "")})
            progressive:        {(view.Progressive ? "yes" : "no")}
            interlaced:         {(view.Interlaced ? "yes" : "no")}
            chroma subsampling: {view.ChromaSubsampling ?? "-"}
            lossless:           {view.Lossless switch { true => "yes", false => "no", null => "-" }}
            animated:           {(view.Animated ? "yes" : "no")}
            exif orientation:   {view.ExifOrientation}{(view.ExifOrientation == 1 ? "" : $" (upright size {view.OrientedWidth}x{view.OrientedHeight})")}
            """;
        await output.WriteLineAsync(lines).ConfigureAwait(false);
    }
}

/// <summary>The <c>image info</c> output, in the CLI's JSON shape.</summary>
internal sealed record ImageInfoView(
    string File,
    string Format,
    int Width,
    int Height,
    int BitDepth,
    string ColorType,
    int Channels,
    bool HasAlpha,
    bool Progressive,
    bool Interlaced,
    string? ChromaSubsampling,
    bool? Lossless,
    bool Animated,
    int ExifOrientation,
    int OrientedWidth,
    int OrientedHeight)
{
    public static ImageInfoView From(string path, ImageInfo info) => new(
        path,
        info.Format.ToString().ToLowerInvariant(),
        info.Width,
        info.Height,
        info.BitDepth,
        info.ColorType.ToString().ToLowerInvariant(),
        info.Channels,
        info.HasAlpha,
        info.Progressive,
        info.Interlaced,
        info.ChromaSubsampling,
        info.Lossless,
        info.Animated,
        info.ExifOrientation,
        info.OrientedWidth,
        info.OrientedHeight);
}
