using Xunit.Abstractions;

namespace Likeness.Imaging.Tests.Jpeg;

/// <summary>Every corpus file decodes like libjpeg-turbo's djpeg (Pillow for CMYK/YCCK).</summary>
public sealed class JpegConformanceTests(ITestOutputHelper output)
{
    /// <summary>Required per file: at least 99.9% of samples within 2 levels, mean |diff| at most 0.5.</summary>
    private const double MinFractionWithin2 = 0.999;
    private const double MaxMeanAbsolute = 0.5;

    public static TheoryData<string> Files() => new(JpegCorpus.WithReferences());

    [Theory]
    [MemberData(nameof(Files))]
    public void Matches_reference(string name)
    {
        byte[] data = JpegCorpus.Read(name);
        using Image expected = JpegCorpus.Reference(name);
        JpegCorpus.CompareOnOneAndTwoThreads(name, data, expected, output, (decoded, difference) =>
        {
            Assert.True(difference.FractionWithin2 >= MinFractionWithin2, $"{name}: {difference}");
            Assert.True(difference.MeanAbsolute <= MaxMeanAbsolute, $"{name}: {difference}");
            Assert.Equal(name.StartsWith("truncated", StringComparison.Ordinal), decoded.IsTruncated);
        });
    }
}
