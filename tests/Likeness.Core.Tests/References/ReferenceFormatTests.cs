using Likeness.Core.References;
using Likeness.Testing;

namespace Likeness.Core.Tests.References;

/// <summary>Which file formats the reference check lets through (no face engine: format, size and decoding only).</summary>
public sealed class ReferenceFormatTests
{
    private static ReferenceCandidate WebP(string file) =>
        new(file, File.ReadAllBytes(Path.Combine(RepoPaths.TestData("webp"), file)));

    [Fact]
    public void Lossy_and_lossless_webp_references_are_accepted_as_webp()
    {
        var checker = new ReferenceChecker(ReferenceRules.Default, faces: null);

        ReferenceCheckReport report = checker.Check([WebP("lossy-q75-obama.webp"), WebP("lossless-photo-obama.webp")], []);

        Assert.Empty(report.Errors);
        Assert.Equal(2, report.Accepted.Count);
        Assert.All(report.Accepted, r => Assert.Equal("webp", r.Format));
        Assert.Equal((96, 120), (report.Accepted[0].Width, report.Accepted[0].Height));
    }

    [Fact]
    public void Other_formats_and_animations_are_still_refused_by_file()
    {
        var checker = new ReferenceChecker(ReferenceRules.Default, faces: null);
        var gif = new ReferenceCandidate("wave.gif", "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;"u8.ToArray());

        ReferenceCheckReport report = checker.Check([gif, WebP("animated-lossy-8x8.webp")], []);

        ReferenceFinding format = Assert.Single(report.Errors, e => e.FileName == "wave.gif");
        Assert.Equal("format", format.Code);
        Assert.EndsWith("references must be JPEG, PNG or WebP.", format.Message, StringComparison.Ordinal);
        ReferenceFinding animated = Assert.Single(report.Errors, e => e.FileName == "animated-lossy-8x8.webp");
        Assert.Equal("unreadable", animated.Code);
        Assert.Contains("Animated WebP is not supported", animated.Message, StringComparison.Ordinal);
        Assert.Empty(report.Accepted);
    }
}
