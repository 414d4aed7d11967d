namespace Likeness.Imaging.Tests.Png;

/// <summary>
/// Every corpus file decodes to exactly its reference (tolerance: none): ImageMagick's 16-bit decode with the
/// high byte of each sample kept, the 16-to-8-bit rule of libpng's strip_16 and PIL that our decoder follows.
/// </summary>
public sealed class PngCorpusTests
{
    public static TheoryData<string> Files => new(PngTestFiles.CorpusNames());

    [Fact]
    public void Corpus_covers_every_colour_type_and_bit_depth_interlaced_and_not()
    {
        var names = PngTestFiles.CorpusNames().ToHashSet();
        string[] combinations =
        [
            "gray-1bit", "gray-2bit", "gray-4bit", "gray-8bit", "gray-16bit", "rgb-8bit", "rgb-16bit",
            "palette-1bit", "palette-2bit", "palette-4bit", "palette-8bit", "grayalpha-8bit", "grayalpha-16bit",
            "rgba-8bit", "rgba-16bit",
        ];
        foreach (string combination in combinations)
        {
            Assert.Contains(combination + ".png", names);
            Assert.Contains(combination + "-adam7.png", names);
            Assert.Contains(combination + "-1x1-adam7.png", names);
            Assert.Contains(combination + "-3x5-adam7.png", names);
        }

        string[] special =
        [
            "gray-2bit-trns.png", "gray-16bit-trns.png", "rgb-8bit-trns.png", "rgb-16bit-trns-adam7.png",
            "palette-1bit-trns.png", "palette-8bit-trns-adam7.png", "rgb-8bit-tiny-idats.png", "rgba-8bit-ancillary.png",
            "photo-rgb.png", "photo-rgba.png", "photo-rgb-adam7.png", "photo-rgba-16bit-adam7.png", "photo-gray-16bit.png",
            "photo-palette.png", "photo-palette-trns.png", "photo-gray-1bit.png",
        ];
        Assert.All(special, name => Assert.Contains(name, names));
        Assert.Equal(92, names.Count);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Decodes_exactly_as_the_reference(string name)
    {
        byte[] png = PngTestFiles.Read(name);
        (byte[] expected, int width, int height) = PngTestFiles.Reference(name);

        using DecodedImage decoded = ImageDecoder.Decode(png);

        Assert.False(decoded.IsTruncated);
        Assert.Equal((width, height), (decoded.Image.Width, decoded.Image.Height));
        Assert.Equal(ImageFormat.Png, decoded.Info.Format);
        using Image rgba = decoded.Image.ConvertTo(PixelFormat.Rgba32);
        int mismatch = FirstMismatch(expected, rgba.Pixels);
        Assert.True(mismatch < 0, $"{name}: first differing byte at pixel {mismatch / 4} (x={mismatch / 4 % width}, y={mismatch / 4 / width}), channel {mismatch % 4}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Output_has_alpha_exactly_when_the_file_has_transparency(string name)
    {
        byte[] png = PngTestFiles.Read(name);
        bool transparent = name.Contains("trns", StringComparison.Ordinal) || name.StartsWith("rgba", StringComparison.Ordinal)
            || name.StartsWith("grayalpha", StringComparison.Ordinal) || name.StartsWith("photo-rgba", StringComparison.Ordinal);

        ImageInfo info = ImageDecoder.Identify(png);
        using DecodedImage decoded = ImageDecoder.Decode(png);

        Assert.Equal(transparent, info.HasAlpha);
        Assert.Equal(transparent ? PixelFormat.Rgba32 : PixelFormat.Rgb24, decoded.Image.Format);
        Assert.Equal(info, decoded.Info);
        Assert.Equal(name.Contains("adam7", StringComparison.Ordinal), info.Interlaced);
        Assert.Equal(1, info.ExifOrientation);
    }

    [Theory]
    [InlineData("gray-2bit.png", ColorType.Gray, 2, 1)]
    [InlineData("gray-16bit-trns.png", ColorType.Gray, 16, 1)]
    [InlineData("rgb-16bit.png", ColorType.Rgb, 16, 3)]
    [InlineData("palette-4bit-adam7.png", ColorType.Palette, 4, 1)]
    [InlineData("grayalpha-16bit.png", ColorType.GrayAlpha, 16, 2)]
    [InlineData("rgba-8bit.png", ColorType.Rgba, 8, 4)]
    public void Identify_reports_the_stored_layout(string name, ColorType colorType, int bitDepth, int channels)
    {
        ImageInfo info = ImageDecoder.Identify(PngTestFiles.Read(name));

        Assert.Equal((colorType, bitDepth, channels), (info.ColorType, info.BitDepth, info.Channels));
        Assert.Equal((37, 23), (info.Width, info.Height));
    }

    private static int FirstMismatch(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        int common = expected.CommonPrefixLength(actual);
        return common == expected.Length ? -1 : common;
    }
}
