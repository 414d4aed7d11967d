using System.Text.Json.Nodes;
using Likeness.Core.Scenarios;
using Likeness.Core.Scoring;
using Likeness.Imaging;
using Likeness.Providers.Sim;
using Likeness.Testing.Emulators.Fal.Storage;

namespace Likeness.Testing.Emulators.Fal.Apps;

/// <summary>
/// Renders FLUX-family outputs with the sim renderer: each image re-frames one of the source photos, so the person
/// in them is the person in the sources and a face engine still finds them. Writes fal's output shape.
/// </summary>
internal static class FalImageRenderer
{
    /// <summary>Decodes a photo, or null when it is not an image the emulator can read.</summary>
    public static Image? TryDecode(byte[] bytes)
    {
        try
        {
            using DecodedImage decoded = ImageDecoder.Decode(bytes, new DecodeOptions { ApplyExifOrientation = true });
            return decoded.Image.Clone();
        }
        catch (InvalidImageException)
        {
            return null;
        }
    }

    private static Image RenderFrom(Image source, FalAppContext context, FalImageSettings settings, Random random)
    {
        FaceBox? face = context.Options.Faces is { } faces ? FaceDistance.Largest(faces.Analyze(source))?.Box : null;
        return SimRenderer.Render(source, face, Framing.CloseUp, false, settings.Width, settings.Height, random);
    }

    /// <summary>
    /// <c>{images:[{url, content_type, file_name, file_size, width, height}], seed, has_nsfw_concepts, prompt, timings}</c>.
    /// With no sources, the images show an empty outdoor backdrop (no one).
    /// </summary>
    public static JsonObject Render(FalAppContext context, FalImageSettings settings, IReadOnlyList<Image> sources)
    {
        var images = new JsonArray();
        var nsfw = new JsonArray();
        ImageFormat format = settings.OutputFormat == "png" ? ImageFormat.Png : ImageFormat.Jpeg;
        string contentType = format == ImageFormat.Png ? "image/png" : "image/jpeg";
        string extension = format == ImageFormat.Png ? "png" : "jpg";
        for (int i = 0; i < settings.NumImages; i++)
        {
            var random = new Random(unchecked((settings.Seed * 31) + i));
            using Image shot = sources.Count == 0
                ? SimEffects.OutdoorBackdrop(settings.Width, settings.Height, random)
                : RenderFrom(sources[random.Next(sources.Count)], context, settings, random);
            byte[] bytes = ImageEncoder.EncodeToBytes(shot, format);
            string fileName = $"{Guid.NewGuid():N}.{extension}";
            string url = settings.SyncMode ? DataUri.Encode(bytes, contentType) : context.PutMedia(bytes, contentType, fileName).AbsoluteUri;
            images.Add(new JsonObject
            {
                ["url"] = url,
                ["content_type"] = contentType,
                ["file_name"] = fileName,
                ["file_size"] = bytes.Length,
                ["width"] = settings.Width,
                ["height"] = settings.Height,
            });
            nsfw.Add(false);
        }

        return new JsonObject
        {
            ["images"] = images,
            ["seed"] = settings.Seed,
            ["has_nsfw_concepts"] = nsfw,
            ["prompt"] = settings.Prompt,
            ["timings"] = new JsonObject { ["inference"] = context.Options.RunDuration.TotalSeconds },
        };
    }
}
