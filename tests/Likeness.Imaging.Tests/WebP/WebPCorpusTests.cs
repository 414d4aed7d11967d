using System.Security.Cryptography;
using Likeness.Testing;

namespace Likeness.Imaging.Tests.WebP;

/// <summary>
/// Every still in tests/data/webp, lossless and lossy, decodes to exactly dwebp 1.2.4's pixels: expected-rgba.sha256
/// holds the SHA-256 of the RGBA bytes `dwebp -pam` wrote (make-corpus.sh; for lossy files that is dwebp's default
/// fancy chroma upsampling and fixed-point YUV to RGB). Files without alpha decode to RGB; their reference alpha
/// must then be 255 everywhere, which the RGB-plus-255 hash checks. Tolerance: none, lossy files included.
/// </summary>
public sealed class WebPCorpusTests
{
    public static TheoryData<string> Files => new(Expected().Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void The_corpus_covers_lossless_and_lossy_with_and_without_alpha()
    {
        string[] names = [.. Expected().Keys];
        Assert.True(names.Count(n => n.StartsWith("lossless-", StringComparison.Ordinal)) >= 11);
        Assert.True(names.Count(n => n.StartsWith("lossy-", StringComparison.Ordinal)) >= 25);
        Assert.True(names.Count(n => n.StartsWith("lossy-alpha-", StringComparison.Ordinal)) >= 8);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Decodes_exactly_like_dwebp(string name)
    {
        (int width, int height, string sha256) = Expected()[name];

        using DecodedImage decoded = ImageDecoder.Decode(WebPContainerTests.Read(name));

        Image image = decoded.Image;
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal(decoded.Info.HasAlpha ? PixelFormat.Rgba32 : PixelFormat.Rgb24, image.Format);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(Rgba(image))));
    }

    internal static byte[] Rgba(Image image)
    {
        if (image.Format == PixelFormat.Rgba32)
        {
            return image.Pixels.ToArray();
        }

        byte[] rgba = new byte[image.Width * image.Height * 4];
        ReadOnlySpan<byte> rgb = image.Pixels;
        for (int i = 0, o = 0; i < rgb.Length; i += 3, o += 4)
        {
            rgb.Slice(i, 3).CopyTo(rgba.AsSpan(o));
            rgba[o + 3] = 255;
        }

        return rgba;
    }

    private static Dictionary<string, (int Width, int Height, string Sha256)> Expected() =>
        File.ReadAllLines(Path.Combine(RepoPaths.TestData("webp"), "expected-rgba.sha256"))
            .Select(line => line.Split(' '))
            .ToDictionary(f => f[0], f => (int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), f[3]));
}
