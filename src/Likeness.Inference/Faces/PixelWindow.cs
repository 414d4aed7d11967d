using Likeness.Imaging;

namespace Likeness.Inference.Faces;

/// <summary>
/// The pixels the face nets read, addressed in the whole image's coordinates: the whole image, or a region copied
/// out of one streamed by rows (<see cref="StreamedAnalysis"/>). Width and height are the whole image's, since the
/// crops clip to them; reading outside the held region is a bug and throws.
/// </summary>
internal readonly struct PixelWindow
{
    private readonly Image _pixels;
    private readonly int _left;
    private readonly int _top;

    public PixelWindow(Image pixels, int left, int top, int width, int height)
    {
        _pixels = pixels;
        _left = left;
        _top = top;
        Width = width;
        Height = height;
    }

    /// <summary>The whole image's width.</summary>
    public int Width { get; }

    /// <summary>The whole image's height.</summary>
    public int Height { get; }

    /// <summary>Bytes per pixel of the held pixels.</summary>
    public int BytesPerPixel => _pixels.BytesPerPixel;

    public static PixelWindow Whole(Image image) => new(image, 0, 0, image.Width, image.Height);

    /// <summary><paramref name="count"/> pixels of row <paramref name="y"/> from column <paramref name="x"/>.</summary>
    public ReadOnlySpan<byte> Row(int y, int x, int count)
    {
        int bpp = _pixels.BytesPerPixel;
        return _pixels.GetRow(y - _top).Slice((x - _left) * bpp, count * bpp);
    }

    /// <summary>Whether the held pixels cover <paramref name="region"/> (an empty region is always covered).</summary>
    public bool Covers(PixelRect region) =>
        region.Width <= 0 || region.Height <= 0
        || (region.X >= _left && region.Y >= _top && region.X + region.Width <= _left + _pixels.Width && region.Y + region.Height <= _top + _pixels.Height);
}
