using Likeness.Imaging;
using Likeness.Imaging.Resampling;

namespace Likeness.Workspace.Studies;

/// <summary>Copies a shot's image under the study folder with a 320 px thumbnail beside it, once (a re-run keeps them).</summary>
internal static class StudyShotImages
{
    /// <summary>Writes <c>images/ID.jpg|png</c> and <c>images/ID.thumb.jpg</c>; returns both paths relative to <paramref name="folder"/>.</summary>
    public static async Task<(string Image, string Thumbnail)> WriteAsync(string folder, Guid shotId, byte[] bytes, Image decoded, CancellationToken cancellationToken)
    {
        string extension = FormatSniffer.Detect(bytes) == ImageFormat.Png ? "png" : "jpg";
        string image = $"images/{shotId:N}.{extension}", thumbnail = $"images/{shotId:N}.thumb.jpg";
        string imagePath = Path.Combine(folder, image), thumbnailPath = Path.Combine(folder, thumbnail);
        if (!File.Exists(imagePath))
        {
            await File.WriteAllBytesAsync(imagePath, bytes, cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists(thumbnailPath))
        {
            double scale = 320.0 / Math.Max(decoded.Width, decoded.Height);
            using Image small = Resampler.Resize(decoded, Math.Max(1, (int)(decoded.Width * scale)), Math.Max(1, (int)(decoded.Height * scale)), ResampleFilter.Lanczos3);
            await File.WriteAllBytesAsync(thumbnailPath, ImageEncoder.EncodeToBytes(small, ImageFormat.Jpeg, new EncodeOptions { JpegQuality = 85 }), cancellationToken).ConfigureAwait(false);
        }

        return (image, thumbnail);
    }
}
