using Likeness.Imaging.Codecs.Jpeg.Decoding;

namespace Likeness.Imaging.Tests.Jpeg;

/// <summary>What the decoder must refuse, with the right reason and a message a person can act on.</summary>
public sealed class JpegRefusalTests
{
    [Theory]
    [InlineData("refused/arithmetic.jpg", InvalidImageReason.Unsupported, "Arithmetic-coded")]
    [InlineData("refused/arithmetic-progressive.jpg", InvalidImageReason.Unsupported, "Arithmetic-coded")]
    [InlineData("refused/12bit.jpg", InvalidImageReason.Unsupported, "12-bit")]
    [InlineData("refused/lossless.jpg", InvalidImageReason.Unsupported, "Lossless")]
    [InlineData("refused/hierarchical.jpg", InvalidImageReason.Unsupported, "Hierarchical")]
    [InlineData("refused/huge-60000.jpg", InvalidImageReason.LimitExceeded, "60000x60000")]
    [InlineData("refused/bad-huffman.jpg", InvalidImageReason.Corrupt, "Huffman")]
    [InlineData("refused/headers-only.jpg", InvalidImageReason.Truncated, "ends before")]
    [InlineData("refused/cut-in-headers.jpg", InvalidImageReason.Truncated, "ends")]
    public void Decode_refuses(string name, InvalidImageReason reason, string messagePart)
    {
        byte[] data = JpegCorpus.Read(name);
        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(data).Dispose());
        Assert.Equal(reason, error.Reason);
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("refused/arithmetic.jpg", InvalidImageReason.Unsupported)]
    [InlineData("refused/12bit.jpg", InvalidImageReason.Unsupported)]
    [InlineData("refused/huge-60000.jpg", InvalidImageReason.LimitExceeded)]
    [InlineData("refused/cut-in-headers.jpg", InvalidImageReason.Truncated)]
    public void Identify_refuses(string name, InvalidImageReason reason)
    {
        byte[] data = JpegCorpus.Read(name);
        Assert.Equal(reason, Assert.Throws<InvalidImageException>(() => ImageDecoder.Identify(data)).Reason);
    }

    /// <summary>The memory limit counts coefficients, planes and output, so it trips before any allocation.</summary>
    [Fact]
    public void Memory_limit_counts_working_buffers()
    {
        byte[] data = JpegCorpus.Read("photo-progressive.jpg");
        ImageInfo info = ImageDecoder.Identify(data);
        long pixels = (long)info.Width * info.Height;

        // 4:2:0: 1.5 samples per pixel, each needing 2 bytes of coefficients and 1 byte of plane, plus 3 bytes RGB,
        // so at least 7.5 bytes a pixel; allowing only 3 (the output alone) must be refused.
        var tight = ImageLimits.Default with { MaxMemoryBytes = 3 * pixels };
        var error = Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode(data, tight, 1).Dispose());
        Assert.Equal(InvalidImageReason.LimitExceeded, error.Reason);

        var enough = ImageLimits.Default with { MaxMemoryBytes = 10 * pixels };
        using DecodedImage decoded = JpegDecoder.Decode(data, enough, 1);
        Assert.Equal(info.Width, decoded.Image.Width);
    }

    [Fact]
    public void Truncated_files_are_flagged()
    {
        foreach (string name in new[] { "truncated-baseline.jpg", "truncated-restart.jpg", "truncated-progressive.jpg" })
        {
            using DecodedImage decoded = ImageDecoder.Decode(JpegCorpus.Read(name));
            Assert.True(decoded.IsTruncated, name);
        }

        // A complete file without its EOI marker is flagged too, though every pixel is there.
        byte[] data = JpegCorpus.Read("photo-420.jpg");
        using DecodedImage noEoi = ImageDecoder.Decode(data.AsSpan(0, data.Length - 2));
        Assert.True(noEoi.IsTruncated);
        using Image expected = JpegCorpus.Reference("photo-420.jpg");
        Assert.True(noEoi.Image.Pixels.SequenceEqual(expected.Pixels));
    }
}
