using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Imaging;
using Likeness.Imaging.Resampling;

namespace Likeness.Cli.Commands.Images;

/// <summary>
/// <c>likeness image convert IN OUT [--resize WxH] [--filter bicubic|bilinear|lanczos] [--auto-orient] [--quality Q]</c>:
/// decode with Likeness's codecs, optionally resize, and write the format OUT's extension names.
/// </summary>
internal static class ImageConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("IN") { Description = "The image to read (JPEG, PNG, PPM/PGM)." };
        var output = new Argument<FileInfo>("OUT") { Description = "The file to write; .png, .jpg or .ppm picks the format." };
        var autoOrient = new Option<bool>("--auto-orient") { Description = "Rotate/flip as the EXIF orientation says." };
        var resize = new Option<string?>("--resize") { Description = "New size WxH; 0 for one side keeps the aspect ratio (e.g. 512x0)." };
        var filter = new Option<string>("--filter")
        {
            Description = "bicubic (Pillow-exact), bilinear (TensorFlow legacy, as face-api; no antialiasing) or lanczos (Lanczos3, for thumbnails).",
            DefaultValueFactory = _ => "bicubic",
        };
        filter.AcceptOnlyFromAmong("bicubic", "bilinear", "lanczos");
        var quality = new Option<int>("--quality")
        {
            Description = "JPEG quality, 1 to 100.",
            DefaultValueFactory = _ => EncodeOptions.Default.JpegQuality,
        };
        var command = new Command("convert", "Convert an image to PNG, JPEG or PPM.")
        {
            input,
            output,
            resize,
            filter,
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
            (int Width, int Height)? size = parse.GetValue(resize) is { } text ? ParseSize(text) : null;
            using DecodedImage decoded = ImageDecoder.DecodeFile(source.FullName, decodeOptions);
            using Image result = size is { } s ? Resize(decoded.Image, s, parse.GetValue(filter)!) : decoded.Image.Clone();
            ImageEncoder.EncodeFile(result, target.FullName, new EncodeOptions { JpegQuality = q });
            TextWriter log = parse.InvocationConfiguration.Output;
            string truncated = decoded.IsTruncated ? " (input was truncated; missing pixels filled)" : string.Empty;
            await log.WriteLineAsync(
                $"{source.Name} ({decoded.Info.Width}x{decoded.Info.Height}) -> {target.Name} ({result.Width}x{result.Height}){truncated}")
                .ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static (int Width, int Height) ParseSize(string text)
    {
        string[] parts = text.ToLowerInvariant().Split('x');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int w) || !int.TryParse(parts[1], out int h) || w < 0 || h < 0 || (w == 0 && h == 0))
        {
            throw new CliUsageException($"--resize takes WxH, e.g. 640x480 or 512x0 (got '{text}').");
        }

        return (w, h);
    }

    private static Image Resize(Image image, (int Width, int Height) size, string filter)
    {
        int width = size.Width > 0 ? size.Width : Math.Max(1, (int)Math.Round((double)image.Width * size.Height / image.Height));
        int height = size.Height > 0 ? size.Height : Math.Max(1, (int)Math.Round((double)image.Height * size.Width / image.Width));
        return filter switch
        {
            "bilinear" => TfBilinear.Resize(image, width, height),
            "lanczos" => Resampler.Resize(image, width, height, ResampleFilter.Lanczos3),
            _ => Resampler.Resize(image, width, height, ResampleFilter.Bicubic),
        };
    }
}
