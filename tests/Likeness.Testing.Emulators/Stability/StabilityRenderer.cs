using Likeness.Core.Scenarios;
using Likeness.Core.Scoring;
using Likeness.Imaging;
using Likeness.Imaging.Resampling;
using Likeness.Providers.Sim;
using Likeness.Testing.Emulators.Fal.Apps;

namespace Likeness.Testing.Emulators.Stability;

/// <summary>
/// Makes the emulator's images with the sim renderer: a kept image re-frames the input photo (the person carries
/// over), a drifted one re-frames a distractor (or shows an empty scene), a filtered one is blurred beyond recognition.
/// </summary>
internal static class StabilityRenderer
{
    public static (byte[] Bytes, string ContentType, bool Kept) Render(StabilityForm form, StabilityEmulatorOptions options, bool filtered)
    {
        (int width, int height) = Size(form, options.MaxSide);
        var random = new Random(unchecked((int)form.Seed * 31) ^ form.Endpoint.Length);
        bool kept = form.Image is not null && random.NextDouble() < StabilityFidelity.KeepProbability(form.Endpoint, form.Fields);
        Image? distractor = kept || options.Distractors.Count == 0 ? null : FalImageRenderer.TryDecode(options.Distractors[random.Next(options.Distractors.Count)]);
        Image? source = kept ? form.Image : distractor;
        using Image shot = source is null
            ? SimEffects.OutdoorBackdrop(width, height, random)
            : SimRenderer.Render(source, Face(source, options.Faces), Framing.CloseUp, false, width, height, random);
        distractor?.Dispose();
        using Image output = filtered ? Blur(shot) : shot.Clone();
        // No WebP encoder here: a webp request gets a PNG (labelled image/png).
        ImageFormat format = form.OutputFormat == "jpeg" ? ImageFormat.Jpeg : ImageFormat.Png;
        return (ImageEncoder.EncodeToBytes(output, format), format == ImageFormat.Jpeg ? "image/jpeg" : "image/png", kept);
    }

    /// <summary>Image-to-image keeps the input's aspect; text-to-image follows aspect_ratio; the long side is <paramref name="maxSide"/>.</summary>
    private static (int Width, int Height) Size(StabilityForm form, int maxSide)
    {
        double aspect;
        if (form.Image is { } input && !form.Fields.ContainsKey("aspect_ratio"))
        {
            aspect = (double)input.Width / input.Height;
        }
        else
        {
            string[] parts = form.AspectRatio.Split(':');
            aspect = double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) / double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        }

        return aspect >= 1 ? (maxSide, Math.Max(64, (int)Math.Round(maxSide / aspect))) : (Math.Max(64, (int)Math.Round(maxSide * aspect)), maxSide);
    }

    private static FaceBox? Face(Image source, IFaceAnalyzer? faces) => faces is null ? null : FaceDistance.Largest(faces.Analyze(source))?.Box;

    /// <summary>Moderation's blur: down to 8 px and back up, so no face survives.</summary>
    private static Image Blur(Image shot)
    {
        using Image small = Resampler.Resize(shot, 8, 8, ResampleFilter.Bilinear);
        return Resampler.Resize(small, shot.Width, shot.Height, ResampleFilter.Bilinear);
    }
}
