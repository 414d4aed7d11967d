using System.Diagnostics;
using Likeness.Core.Scenarios;
using Likeness.Core.Scoring;
using Likeness.Imaging;
using Likeness.Providers.Sim;

namespace Likeness.Testing.Emulators.Replicate;

/// <summary>
/// Renders outputs with the sim renderer (each image re-frames one of the trained photos, so the person is the
/// person trained) and encodes them as the model would: WebP by default through <c>cwebp</c> (Likeness has no WebP
/// encoder), PNG or JPEG on request. Without <c>cwebp</c> on the PATH WebP falls back to PNG.
/// </summary>
public static class ReplicateImages
{
    private static readonly Lazy<string?> Cwebp = new(Find);

    /// <summary>True when <c>cwebp</c> (Debian package <c>webp</c>) is installed, so WebP outputs are real WebP.</summary>
    public static bool WebpAvailable => Cwebp.Value is not null;

    internal static Image Render(IReadOnlyList<Image> sources, int width, int height, long seed, int index, IFaceAnalyzer? faces)
    {
        var random = new Random(unchecked((int)seed * 31 + index));
        if (sources.Count == 0)
        {
            return SimEffects.OutdoorBackdrop(width, height, random);
        }

        Image source = sources[random.Next(sources.Count)];
        FaceBox? face = faces is null ? null : FaceDistance.Largest(faces.Analyze(source))?.Box;
        return SimRenderer.Render(source, face, Framing.CloseUp, false, width, height, random);
    }

    /// <summary>Encodes <paramref name="image"/> as <paramref name="format"/>; returns the bytes and the extension actually used.</summary>
    internal static async Task<(byte[] Bytes, string Extension)> EncodeAsync(Image image, string format, CancellationToken cancellationToken)
    {
        if (format == "jpg")
        {
            return (ImageEncoder.EncodeToBytes(image, ImageFormat.Jpeg), "jpg");
        }

        byte[] png = ImageEncoder.EncodeToBytes(image, ImageFormat.Png);
        if (format != "webp" || Cwebp.Value is not { } cwebp)
        {
            return (png, "png");
        }

        string folder = Directory.CreateTempSubdirectory("replicate-emulator-").FullName;
        try
        {
            string input = Path.Combine(folder, "in.png"), output = Path.Combine(folder, "out.webp");
            await File.WriteAllBytesAsync(input, png, cancellationToken);
            var start = new ProcessStartInfo(cwebp) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string arg in new[] { "-quiet", "-q", "80", input, "-o", output })
            {
                start.ArgumentList.Add(arg);
            }

            using Process process = Process.Start(start)!;
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0 ? (await File.ReadAllBytesAsync(output, cancellationToken), "webp") : (png, "png");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static string ContentTypeOf(string extension) => extension switch
    {
        "webp" => "image/webp",
        "jpg" => "image/jpeg",
        "png" => "image/png",
        "tar" => "application/x-tar",
        _ => "application/octet-stream",
    };

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "cwebp")).FirstOrDefault(File.Exists);
}
