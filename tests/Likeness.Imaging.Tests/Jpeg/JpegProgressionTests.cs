using Likeness.Imaging.Codecs.Jpeg.Decoding;
using Likeness.Testing;
using Xunit.Abstractions;

namespace Likeness.Imaging.Tests.Jpeg;

/// <summary>
/// Progressive JPEGs whose coefficients stay incomplete: tests/data/jpeg-smoothing (cjpeg's progression stopped
/// after 1 to 6 scans, complete and cut part of the way through their last scan; colour 4:2:0, 4:2:2 and 4:4:4,
/// grey 1x1 and 2x2, restart intervals, a two-block-wide image) must be flagged and decode exactly as djpeg 2.1.5,
/// block smoothing included; the full corpus must not be flagged.
/// </summary>
public sealed class JpegProgressionTests(ITestOutputHelper output)
{
    public static TheoryData<string> ShortProgressions() =>
        new(Directory.GetFiles(RepoPaths.TestData("jpeg-smoothing"), "*.jpg").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(ShortProgressions))]
    public void Fewer_scans_are_flagged(string name)
    {
        using DecodedImage decoded = ImageDecoder.Decode(File.ReadAllBytes(RepoPaths.TestData("jpeg-smoothing", name)), DecodeOptions.Upright);

        Assert.True(decoded.IsProgressionIncomplete, name);
        Assert.Equal(name.Contains("-cut", StringComparison.Ordinal), decoded.IsTruncated);
    }

    /// <summary>
    /// The tolerance is none: every sample equals djpeg's (block smoothing's estimates, its DC interpolation, its
    /// window edges and the rows past a cut all reproduced), on one thread and on two.
    /// </summary>
    [Theory]
    [MemberData(nameof(ShortProgressions))]
    public void Smooths_exactly_as_djpeg(string name)
    {
        string path = RepoPaths.TestData("jpeg-smoothing", name);
        byte[] data = File.ReadAllBytes(path);
        using Image expected = JpegCorpus.ReferenceOf(path);
        JpegCorpus.CompareOnOneAndTwoThreads(name, data, expected, output, (_, difference) => Assert.Equal(0, difference.Max));
    }

    /// <summary>
    /// An image large enough to be transformed on several threads (obama1, 1480x832, cut halfway) smooths the
    /// same on each count: every thread reads the neighbouring DC values, none writes them.
    /// </summary>
    [Fact]
    public void Large_cut_progression_smooths_the_same_on_every_thread_count()
    {
        byte[] whole = JpegCorpus.Read("photos/obama1.jpg");
        byte[] cut = whole[..(whole.Length / 2)];

        using DecodedImage single = JpegDecoder.Decode(cut, ImageLimits.Default, 1);
        Assert.True(single.IsProgressionIncomplete);
        Assert.True(single.IsTruncated);
        foreach (int threads in new[] { 2, 3, 4 })
        {
            using DecodedImage parallel = JpegDecoder.Decode(cut, ImageLimits.Default, threads);
            Assert.Equal(0, Difference.Between(parallel.Image, single.Image).Max);
        }
    }

    /// <summary>Full progressions (every cjpeg -progressive file, successive approximation included) and sequential files are not flagged; a cut last scan is.</summary>
    [Theory]
    [InlineData("photo-progressive.jpg", false)]
    [InlineData("photo-progressive-sa.jpg", false)]
    [InlineData("photo-progressive-gray.jpg", false)]
    [InlineData("photo-progressive-restart.jpg", false)]
    [InlineData("grad-333x77-gray-2x2-progressive.jpg", false)]
    [InlineData("photo-420.jpg", false)]
    [InlineData("truncated-baseline.jpg", false)]
    [InlineData("truncated-progressive.jpg", true)]
    public void Corpus_files_are_flagged_only_when_a_scan_is_missing(string name, bool incomplete)
    {
        using DecodedImage decoded = ImageDecoder.Decode(JpegCorpus.Read(name));

        Assert.Equal(incomplete, decoded.IsProgressionIncomplete);
    }
}
