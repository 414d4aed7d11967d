using System.IO.Compression;
using Likeness.Imaging.Codecs.Jpeg.Decoding;
using Likeness.Testing;
using Xunit.Abstractions;

namespace Likeness.Imaging.Tests.Jpeg;

/// <summary>The committed corpus in tests/data/jpeg and comparisons against its references.</summary>
internal static class JpegCorpus
{
    public static string Path(string name) => RepoPaths.TestData("jpeg", name);

    public static byte[] Read(string name) => File.ReadAllBytes(Path(name));

    /// <summary>Every corpus JPEG that has a reference, relative to tests/data/jpeg.</summary>
    public static IEnumerable<string> WithReferences()
    {
        string root = RepoPaths.TestData("jpeg");
        return Directory.EnumerateFiles(root, "*.jpg", SearchOption.AllDirectories)
            .Where(f => File.Exists(ReferencePath(f)))
            .Select(f => System.IO.Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>The reference decode (djpeg, or Pillow for CMYK/YCCK) as RGB.</summary>
    public static Image Reference(string name) => ReferenceOf(Path(name));

    /// <summary>The reference decode stored beside the JPEG at <paramref name="jpegPath"/> (any corpus folder).</summary>
    public static Image ReferenceOf(string jpegPath)
    {
        using var gz = new GZipStream(File.OpenRead(ReferencePath(jpegPath)), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gz.CopyTo(bytes);
        DecodedImage decoded = ImageDecoder.Decode(bytes.ToArray());
        return decoded.Image;
    }

    /// <summary>
    /// Decodes <paramref name="data"/> on one thread and on two, logs each decode's difference from
    /// <paramref name="expected"/> and hands both to <paramref name="check"/>.
    /// </summary>
    public static void CompareOnOneAndTwoThreads(
        string name, byte[] data, Image expected, ITestOutputHelper output, Action<DecodedImage, Difference> check)
    {
        foreach (int threads in new[] { 1, 2 })
        {
            using DecodedImage decoded = JpegDecoder.Decode(data, ImageLimits.Default, threads);
            var difference = Difference.Between(decoded.Image, expected);
            output.WriteLine($"{name} ({threads} thread(s)): {difference}");
            check(decoded, difference);
        }
    }

    private static string ReferencePath(string jpegPath) => jpegPath[..^4] + ".ref.ppm.gz";
}

/// <summary>How far a decode is from its reference.</summary>
internal readonly record struct Difference(double MeanAbsolute, double FractionWithin2, int Max)
{
    public static Difference Between(Image actual, Image expected)
    {
        Assert.Equal(expected.Width, actual.Width);
        Assert.Equal(expected.Height, actual.Height);
        ReadOnlySpan<byte> a = actual.Pixels;
        ReadOnlySpan<byte> e = expected.Pixels;
        long sum = 0;
        long within = 0;
        int max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int d = Math.Abs(a[i] - e[i]);
            sum += d;
            within += d <= 2 ? 1 : 0;
            max = Math.Max(max, d);
        }

        return new Difference((double)sum / a.Length, (double)within / a.Length, max);
    }

    public override string ToString() =>
        $"mean |diff| {MeanAbsolute:F4}, within 2: {FractionWithin2 * 100:F3}%, max {Max}";
}
