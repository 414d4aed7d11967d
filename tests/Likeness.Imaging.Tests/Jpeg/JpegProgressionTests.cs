using Likeness.Testing;

namespace Likeness.Imaging.Tests.Jpeg;

/// <summary>
/// <see cref="DecodedImage.IsProgressionIncomplete"/> over tests/data/jpeg-smoothing (cjpeg's progression stopped
/// after 2, 4 and 6 of its 10 scans, complete and cut in their last scan) and the full corpus.
/// </summary>
public sealed class JpegProgressionTests
{
    public static TheoryData<string> ShortProgressions() =>
        new(Directory.GetFiles(RepoPaths.TestData("jpeg-smoothing"), "*.jpg").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(ShortProgressions))]
    public void FewerScansAreFlagged(string name)
    {
        using DecodedImage decoded = ImageDecoder.Decode(File.ReadAllBytes(RepoPaths.TestData("jpeg-smoothing", name)), DecodeOptions.Upright);

        Assert.True(decoded.IsProgressionIncomplete, name);
        Assert.Equal(name.EndsWith("-cut.jpg", StringComparison.Ordinal), decoded.IsTruncated);
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
    public void CorpusFilesAreFlaggedOnlyWhenAScanIsMissing(string name, bool incomplete)
    {
        using DecodedImage decoded = ImageDecoder.Decode(JpegCorpus.Read(name));

        Assert.Equal(incomplete, decoded.IsProgressionIncomplete);
    }
}
