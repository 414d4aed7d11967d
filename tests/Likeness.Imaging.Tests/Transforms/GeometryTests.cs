using Likeness.Imaging.Transforms;

namespace Likeness.Imaging.Tests.Transforms;

public sealed class GeometryTests
{
    // A 3x2 RGB image whose red channel numbers the pixels row by row: 1 2 3 / 4 5 6.
    private static Image Numbered()
    {
        byte[] pixels = new byte[3 * 2 * 3];
        for (int i = 0; i < 6; i++)
        {
            pixels[i * 3] = (byte)(i + 1);
        }

        return Image.FromPixels(3, 2, PixelFormat.Rgb24, pixels);
    }

    private static int[][] Reds(Image image) =>
        [.. Enumerable.Range(0, image.Height).Select(y => Enumerable.Range(0, image.Width).Select(x => (int)image.GetRow(y)[x * 3]).ToArray())];

    // Expected layouts follow PIL's ImageOps.exif_transpose for each EXIF orientation.
    public static TheoryData<int, int[][]> OrientationCases => new()
    {
        { 1, [[1, 2, 3], [4, 5, 6]] },
        { 2, [[3, 2, 1], [6, 5, 4]] },
        { 3, [[6, 5, 4], [3, 2, 1]] },
        { 4, [[4, 5, 6], [1, 2, 3]] },
        { 5, [[1, 4], [2, 5], [3, 6]] },
        { 6, [[4, 1], [5, 2], [6, 3]] },
        { 7, [[6, 3], [5, 2], [4, 1]] },
        { 8, [[3, 6], [2, 5], [1, 4]] },
    };

    [Theory]
    [MemberData(nameof(OrientationCases))]
    public void Orientation_makes_the_image_upright(int orientation, int[][] expected)
    {
        using Image source = Numbered();
        using Image upright = Orientation.Apply(source, orientation);
        Assert.Equal(expected, Reds(upright));
    }

    [Fact]
    public void Four_quarter_turns_are_the_identity_for_rgba()
    {
        byte[] pixels = new byte[5 * 3 * 4];
        new Random(1).NextBytes(pixels);
        using Image source = Image.FromPixels(5, 3, PixelFormat.Rgba32, pixels);
        using Image a = Geometry.Rotate90(source);
        using Image b = Geometry.Rotate90(a);
        using Image c = Geometry.Rotate90(b);
        using Image d = Geometry.Rotate90(c);
        Assert.Equal((3, 5), (a.Width, a.Height));
        Assert.True(d.Pixels.SequenceEqual(source.Pixels));
        using Image back = Geometry.Rotate270(a);
        Assert.True(back.Pixels.SequenceEqual(source.Pixels));
    }

    [Fact]
    public void Crop_and_pad_place_pixels_exactly()
    {
        using Image source = Numbered();
        using Image crop = Geometry.Crop(source, 1, 0, 2, 2);
        Assert.Equal([[2, 3], [5, 6]], Reds(crop));
        using Image padded = Geometry.Pad(crop, 1, 0, 0, 1, [9, 0, 0]);
        Assert.Equal([[9, 2, 3], [9, 5, 6], [9, 9, 9]], Reds(padded));
        Assert.Throws<ArgumentOutOfRangeException>(() => Geometry.Crop(source, 2, 0, 2, 1));
    }
}
