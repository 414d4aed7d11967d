using Likeness.Testing;

namespace Likeness.Imaging.Tests.Png;

/// <summary>
/// EXIF orientation from PNG's eXIf chunk, before or after IDAT, big- or little-endian: reported by Identify and
/// applied by <see cref="DecodeOptions.Upright"/> exactly as Pillow's ImageOps.exif_transpose turns the file
/// (references written by tests/data/png/exif/make-exif.py; tolerance: none).
/// </summary>
public sealed class PngExifTests
{
    public static TheoryData<int> Orientations() => new(Enumerable.Range(1, 8));

    [Theory]
    [MemberData(nameof(Orientations))]
    public void Identify_reports_orientation(int orientation)
    {
        ImageInfo info = ImageDecoder.Identify(Read(orientation));
        Assert.Equal(orientation, info.ExifOrientation);
        Assert.Equal(orientation >= 5 ? (3, 5) : (5, 3), (info.OrientedWidth, info.OrientedHeight));
    }

    [Theory]
    [MemberData(nameof(Orientations))]
    public void Upright_matches_Pillow_EXIF_transpose(int orientation)
    {
        using DecodedImage upright = ImageDecoder.Decode(Read(orientation), DecodeOptions.Upright);
        byte[] pillow = File.ReadAllBytes(RepoPaths.TestData("png", "exif", $"exif-{orientation}.upright.rgb"));

        Assert.Equal(orientation >= 5 ? (3, 5) : (5, 3), (upright.Image.Width, upright.Image.Height));
        Assert.Equal(pillow, upright.Image.Pixels.ToArray());
    }

    [Fact]
    public void As_stored_ignores_orientation()
    {
        using DecodedImage stored = ImageDecoder.Decode(Read(6));
        Assert.Equal(6, stored.Info.ExifOrientation);
        Assert.Equal((5, 3), (stored.Image.Width, stored.Image.Height));
    }

    /// <summary>Some writers start eXIf with JPEG's "Exif\0\0"; a damaged (bad CRC) eXIf is skipped like any ancillary chunk.</summary>
    [Theory]
    [InlineData(true, false, 8)]
    [InlineData(false, true, 1)]
    public void Prefix_is_tolerated_and_bad_CRC_ignored(bool prefixed, bool damageCrc, int expected)
    {
        byte[] tiff = [.. "MM"u8, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0];
        byte[] exif = PngFiles.Chunk("eXIf", prefixed ? [.. "Exif\0\0"u8, .. tiff] : tiff);
        if (damageCrc)
        {
            exif[^1] ^= 1;
        }

        byte[] png = Read(1);
        int idat = png.AsSpan().IndexOf("IDAT"u8) - 4;
        byte[] file = [.. png.AsSpan(0, idat), .. exif, .. png.AsSpan(idat)];

        Assert.Equal(expected, ImageDecoder.Identify(file).ExifOrientation);
        using DecodedImage decoded = ImageDecoder.Decode(file);
        Assert.Equal(expected, decoded.Info.ExifOrientation);
    }

    private static byte[] Read(int orientation) => File.ReadAllBytes(RepoPaths.TestData("png", "exif", $"exif-{orientation}.png"));
}
