using Likeness.Core.References;
using Likeness.Imaging;
using Likeness.Imaging.Transforms;

namespace Likeness.Server.Tests;

/// <summary>
/// More reference photos of one person than samples/cast holds: its four Obama photos mirrored and framed with a
/// margin on one side, keeping only those whose fingerprints differ from every other one's by more than a near
/// duplicate's (with a margin for the JPEG re-encode), so the reference checks and the training lint see distinct views.
/// </summary>
internal static class ReferenceVariants
{
    private static readonly string[] Photos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];

    private static readonly (string Label, Func<Image, Image> Make)[] Variants =
    [
        ("plain", i => i.Clone()),
        ("mirrored", Geometry.FlipHorizontal),
        ("left", i => Geometry.Pad(i, i.Width * 2 / 5, 0, 0, 0)),
        ("right", i => Geometry.Pad(i, 0, 0, i.Width * 2 / 5, 0)),
        ("top", i => Geometry.Pad(i, 0, i.Height / 3, 0, 0)),
        ("bottom", i => Geometry.Pad(i, 0, 0, 0, i.Height / 3)),
        ("mirrored-left", i => Pad(Geometry.FlipHorizontal(i), left: true)),
        ("mirrored-right", i => Pad(Geometry.FlipHorizontal(i), left: false)),
    ];

    /// <summary><paramref name="count"/> distinct JPEG photos with their file names.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Distinct(int count)
    {
        var chosen = new List<(string Name, byte[] Bytes, ulong Print)>();
        foreach (string photo in Photos)
        {
            using DecodedImage decoded = ImageDecoder.Decode(File.ReadAllBytes(ResourceTests.CastFile(photo)), DecodeOptions.Upright);
            foreach (var (label, make) in Variants)
            {
                using Image variant = make(decoded.Image);
                ulong print = ImageFingerprint.Compute(variant);
                if (chosen.All(c => ImageFingerprint.Distance(c.Print, print) > ImageFingerprint.NearDuplicateBits + 3))
                {
                    chosen.Add(($"{Path.GetFileNameWithoutExtension(photo)}-{label}.jpg", ImageEncoder.EncodeToBytes(variant, ImageFormat.Jpeg), print));
                }

                if (chosen.Count == count)
                {
                    return [.. chosen.Select(c => (c.Name, c.Bytes))];
                }
            }
        }

        Assert.Fail($"Only {chosen.Count} distinct variants of the sample photos; {count} were asked for.");
        return [];
    }

    private static Image Pad(Image mirrored, bool left)
    {
        using (mirrored)
        {
            return left ? Geometry.Pad(mirrored, mirrored.Width * 2 / 5, 0, 0, 0) : Geometry.Pad(mirrored, 0, 0, mirrored.Width * 2 / 5, 0);
        }
    }
}
