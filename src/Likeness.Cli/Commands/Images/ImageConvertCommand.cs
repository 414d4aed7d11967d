using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Imaging;

namespace Likeness.Cli.Commands.Images;

/// <summary>
/// <c>likeness image convert IN OUT [--auto-orient] [--quality Q]</c>: decode with Likeness's codecs and write
/// the format OUT's extension names.
/// </summary>
internal static class ImageConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("IN") { Description = "The image to read (JPEG, PNG, PPM/PGM)." };
        var output = new Argument<FileInfo>("OUT") { Description = "The file to write; .png, .jpg or .ppm picks the format." };
        var autoOrient = new Option<bool>("--auto-orient") { Description = "Rotate/flip as the EXIF orientation says." };
        var quality = new Option<int>("--quality")
        {
            Description = "JPEG quality, 1 to 100.",
            DefaultValueFactory = _ => EncodeOptions.Default.JpegQuality,
        };
        var command = new Command("convert", "Convert an image to PNG, JPEG or PPM.")
        {
            input,
            output,
            autoOrient,
            quality,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            FileInfo source = parse.GetValue(input)!;
            FileInfo target = parse.GetValue(output)!;
            int q = parse.GetValue(quality);
            if (q is < 1 or > 100)
            {
                throw new CliUsageException($"--quality must be between 1 and 100 (got {q}).");
            }

            ImageFormat format = FormatSniffer.FromExtension(target.Name);
            if (format is not (ImageFormat.Png or ImageFormat.Jpeg or ImageFormat.Pnm))
            {
                throw new CliUsageException($"Cannot write '{target.Name}': use a .png, .jpg or .ppm file name.");
            }

            var decodeOptions = new DecodeOptions { ApplyExifOrientation = parse.GetValue(autoOrient) };
            using DecodedImage decoded = ImageDecoder.DecodeFile(source.FullName, decodeOptions);
            ImageEncoder.EncodeFile(decoded.Image, target.FullName, new EncodeOptions { JpegQuality = q });
            TextWriter log = parse.InvocationConfiguration.Output;
            string truncated = decoded.IsTruncated ? " (input was truncated; missing pixels filled)" : string.Empty;
            await log.WriteLineAsync(
                $"{source.Name} ({decoded.Info.Width}x{decoded.Info.Height}) -> {target.Name} ({decoded.Image.Width}x{decoded.Image.Height}){truncated}")
                .ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
