using Likeness.Imaging;

namespace Likeness.Cli.Commands.Images;

/// <summary>How the commands that look at a picture's content (faces, CLIP, DINOv2) read an image file.</summary>
internal static class AnalysisImage
{
    /// <summary>
    /// Decodes an image file upright (EXIF orientation applied, as the reference check and the scorer do; any format
    /// the codecs read; grayscale arrives as RGB, alpha is ignored). A truncated file is refused as bad input: the
    /// missing rows would be analysed as grey.
    /// </summary>
    public static Image Load(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using DecodedImage decoded = ImageDecoder.DecodeFile(file.FullName, DecodeOptions.Upright);
        if (decoded.IsTruncated)
        {
            throw new CliUsageException($"{file.Name} is truncated (the file ends before the image does); nothing was analysed.");
        }

        return decoded.Image.Clone();
    }
}
