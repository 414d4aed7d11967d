namespace Likeness.Imaging.Tests.Jpeg;

/// <summary>EXIF orientation: reported by Identify, applied by the façade on request.</summary>
public sealed class JpegExifTests
{
    public static TheoryData<int> Orientations() => new(Enumerable.Range(1, 8));

    [Theory]
    [MemberData(nameof(Orientations))]
    public void Identify_reports_orientation(int orientation)
    {
        ImageInfo info = ImageDecoder.Identify(JpegCorpus.Read($"exif-{orientation}.jpg"));
        Assert.Equal(orientation, info.ExifOrientation);
        Assert.Equal(orientation >= 5 ? (13, 7) : (7, 13), (info.OrientedWidth, info.OrientedHeight));
    }

    /// <summary>The upright image equals the (stored) djpeg reference remapped by the EXIF definition; exact.</summary>
    [Theory]
    [MemberData(nameof(Orientations))]
    public void Decode_applies_orientation(int orientation)
    {
        string name = $"exif-{orientation}.jpg";
        using DecodedImage upright = ImageDecoder.Decode(JpegCorpus.Read(name), new DecodeOptions { ApplyExifOrientation = true });
        using Image stored = JpegCorpus.Reference(name);
        int w = stored.Width;
        int h = stored.Height;
        Assert.Equal(orientation >= 5 ? (h, w) : (w, h), (upright.Image.Width, upright.Image.Height));
        for (int y = 0; y < upright.Image.Height; y++)
        {
            for (int x = 0; x < upright.Image.Width; x++)
            {
                (int sx, int sy) = orientation switch
                {
                    1 => (x, y),
                    2 => (w - 1 - x, y),
                    3 => (w - 1 - x, h - 1 - y),
                    4 => (x, h - 1 - y),
                    5 => (y, x),
                    6 => (y, h - 1 - x),
                    7 => (w - 1 - y, h - 1 - x),
                    _ => (w - 1 - y, x),
                };
                Assert.True(
                    upright.Image.GetRow(y).Slice(3 * x, 3).SequenceEqual(stored.GetRow(sy).Slice(3 * sx, 3)),
                    $"orientation {orientation}: pixel ({x},{y}) should be stored ({sx},{sy})");
            }
        }
    }
}
