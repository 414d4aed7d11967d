using System.Text;

namespace Likeness.Imaging.Tests.Core;

public sealed class ImageDecoderTests
{
    public static TheoryData<byte[], string> ForeignFormats => new()
    {
        { [.. "GIF89a\x01\0\x01\0"u8], "GIF" },
        { [.. "BM\0\0\0\0\0\0\0\0\0\0\0\0"u8], "BMP" },
        { [.. "II*\0\0\0\0\0"u8], "TIFF" },
        { [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0], "HEIF" },
        { [0, 0, 0, 0x18, .. "ftypavif"u8, 0, 0, 0, 0], "HEIF" },
    };

    [Theory]
    [MemberData(nameof(ForeignFormats))]
    public void Recognised_foreign_formats_are_refused_by_name(byte[] data, string name)
    {
        var ex = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(data));
        Assert.Equal(InvalidImageReason.Unsupported, ex.Reason);
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_bytes_and_empty_input_are_refused()
    {
        Assert.Equal(InvalidImageReason.Unsupported, Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode("hello"u8)).Reason);
        Assert.Equal(InvalidImageReason.Truncated, Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode([])).Reason);
    }

    [Fact]
    public void The_format_comes_from_the_bytes_not_the_file_name()
    {
        string path = Path.Combine(Path.GetTempPath(), $"likeness-{Guid.NewGuid():N}.png");
        try
        {
            File.WriteAllBytes(path, Encoding.ASCII.GetBytes("P6\n1 1\n255\n\x01\x02\x03"));
            Assert.Equal(ImageFormat.Pnm, ImageDecoder.IdentifyFile(path).Format);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Inputs_over_the_size_limit_are_refused_before_reading()
    {
        var options = new DecodeOptions { MaxInputBytes = 10 };
        var ex = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(new byte[11], options));
        Assert.Equal(InvalidImageReason.LimitExceeded, ex.Reason);
    }

    [Fact]
    public void Limits_refuse_memory_hungry_sizes()
    {
        var limits = new ImageLimits { MaxMemoryBytes = 1 << 20 };
        var ex = Assert.Throws<InvalidImageException>(() => limits.EnsureWithin(1000, 1000, 3));
        Assert.Contains("MiB", ex.Message, StringComparison.Ordinal);
        limits.EnsureWithin(500, 500, 3);
    }
}
