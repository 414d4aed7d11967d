using Likeness.Core.Scoring;
using Likeness.Imaging;
using Likeness.Imaging.Resampling;

namespace Likeness.Providers.Sim;

/// <summary>
/// The sim's video: a slow push-in with a slight pan over the pinned frontal photo, each frame cut and
/// resized by the imaging resampler and JPEG-encoded into a Motion-JPEG AVI labelled as simulated. It moves
/// a camera over a still; it does not animate the person.
/// </summary>
internal static class SimVideo
{
    /// <summary>Frames per second (small, so a 10 s clip stays under a megabyte).</summary>
    public const int Fps = 8;

    /// <summary>Frame size for an aspect ratio.</summary>
    public static (int Width, int Height) SizeOf(string aspectRatio) => aspectRatio switch
    {
        "9:16" => (180, 320),
        "1:1" => (240, 240),
        _ => (320, 180),
    };

    /// <summary>The AVI file of a <paramref name="seconds"/>-second clip.</summary>
    public static byte[] Render(Image photo, FaceBox? face, int seconds, string aspectRatio, Random random, int jpegQuality, string label)
    {
        var (width, height) = SizeOf(aspectRatio);
        using Image rgb = photo.Format == PixelFormat.Rgb24 ? photo.Clone() : photo.ConvertTo(PixelFormat.Rgb24);
        double aspect = (double)width / height;
        double cx = face is { } f ? f.X + (f.Width / 2) : rgb.Width / 2.0;
        double cy = face is { } g ? g.Y + (g.Height / 2) : rgb.Height * 0.4;

        // From the widest window of the frame's aspect the photo allows to one about 2.6 face heights tall,
        // and always at least a 1.4x push so the motion shows.
        double startH = Math.Min(rgb.Height, rgb.Width / aspect);
        double endH = Math.Clamp(face is { } k ? k.Height * 2.6 : startH * 0.6, startH * 0.35, startH / 1.4);
        double pan = (random.Next(2) == 0 ? -1 : 1) * 0.04;
        int count = seconds * Fps;
        var frames = new List<byte[]>(count);
        var encode = new EncodeOptions { JpegQuality = jpegQuality };
        for (int i = 0; i < count; i++)
        {
            double t = count == 1 ? 0 : (double)i / (count - 1);
            double eased = t * t * (3 - (2 * t));
            double h = startH + ((endH - startH) * eased), w = h * aspect;
            double x = Math.Clamp(cx + (pan * w * (eased - 0.5)) - (w / 2), 0, Math.Max(0, rgb.Width - w));
            double y = Math.Clamp(cy - (h / 2), 0, Math.Max(0, rgb.Height - h));
            var box = new ResampleBox((float)x, (float)y, (float)Math.Min(rgb.Width, x + w), (float)Math.Min(rgb.Height, y + h));
            using Image frame = Resampler.Resize(rgb, width, height, ResampleFilter.Bilinear, box);
            frames.Add(ImageEncoder.EncodeToBytes(frame, ImageFormat.Jpeg, encode));
        }

        return MjpegAvi.Write(frames, width, height, Fps, new Dictionary<string, string>
        {
            ["ISFT"] = "Likeness sim",
            ["ICMT"] = $"simulated video ({label}): a camera push-in over the pinned frontal photo, not a provider output",
        });
    }
}
