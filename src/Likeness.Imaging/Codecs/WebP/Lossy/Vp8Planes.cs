using System.Buffers;

namespace Likeness.Imaging.Codecs.WebP.Lossy;

/// <summary>
/// 4:2:0 Y, U and V plane rows of a VP8 frame, padded to whole macroblocks, rented from the array pool: either the
/// whole frame (<see cref="Vp8Planes(int, int)"/>) or a window (<see cref="Window"/>) that holds one macroblock row
/// and the eight luma (four chroma) rows above it, which a read by rows slides down the frame. The decoder, the loop
/// filter and the conversion address rows through <see cref="YIndex"/> and <see cref="UvIndex"/>, so both layouts
/// run the same code. <see cref="Width"/> and <see cref="Height"/> are the visible size.
/// </summary>
internal sealed class Vp8Planes : IDisposable
{
    /// <summary>Luma rows a window keeps above its macroblock row: what the loop filter still changes (three rows) or
    /// reads (four), and what fancy upsampling has yet to convert (see <see cref="ReadyRows"/>).</summary>
    private const int WindowMargin = 8;

    private readonly bool _window;

    /// <summary>The whole frame's planes.</summary>
    public Vp8Planes(int width, int height)
        : this(width, height, window: false)
    {
    }

    private Vp8Planes(int width, int height, bool window)
    {
        Width = width;
        Height = height;
        _window = window;
        int mbW = (width + 15) >> 4;
        int lumaRows = window ? WindowMargin + 16 : ((height + 15) >> 4) * 16;
        YStride = mbW * 16;
        UvStride = mbW * 8;
        Top = window ? -WindowMargin : 0;
        Y = ArrayPool<byte>.Shared.Rent(YStride * lumaRows);
        U = ArrayPool<byte>.Shared.Rent(UvStride * lumaRows / 2);
        V = ArrayPool<byte>.Shared.Rent(UvStride * lumaRows / 2);
    }

    public int Width { get; }

    public int Height { get; }

    public int YStride { get; }

    public int UvStride { get; }

    public byte[] Y { get; }

    public byte[] U { get; }

    public byte[] V { get; }

    /// <summary>The frame's luma row held first (negative for a window over the first macroblock row).</summary>
    public int Top { get; private set; }

    /// <summary>A window over the first macroblock row (see the class).</summary>
    public static Vp8Planes Window(int width, int height) => new(width, height, window: true);

    /// <summary>
    /// How many rows from the top can be converted once macroblock row <paramref name="mbY"/> is decoded and
    /// filtered: the next row's loop filter changes this row's last three luma (and chroma) rows, and a luma row
    /// needs the chroma rows either side of it, so rows up to 16·mbY + 8 are final, or every row after the last.
    /// </summary>
    public int ReadyRows(int mbY) => mbY >= ((Height + 15) >> 4) - 1 ? Height : Math.Min(Height, (16 * mbY) + 9);

    /// <summary>Where luma row <paramref name="y"/> of the frame starts in <see cref="Y"/>.</summary>
    public int YIndex(int y) => (y - Top) * YStride;

    /// <summary>Where chroma row <paramref name="row"/> of the frame starts in <see cref="U"/> and <see cref="V"/>.</summary>
    public int UvIndex(int row) => (row - (Top >> 1)) * UvStride;

    /// <summary>
    /// Makes macroblock row <paramref name="mbY"/> writable: nothing for the whole frame; a window slides down one
    /// macroblock row at a time, keeping its last <see cref="WindowMargin"/> luma rows (half as many chroma rows),
    /// which the caller must have converted up to <see cref="ReadyRows"/> of the row before.
    /// </summary>
    public void Hold(int mbY)
    {
        int top = (16 * mbY) - WindowMargin;
        if (!_window || top == Top)
        {
            return;
        }

        if (top != Top + 16)
        {
            throw new InvalidOperationException($"A VP8 window over macroblock row {(Top + WindowMargin) / 16} cannot move to row {mbY}.");
        }

        Array.Copy(Y, 16 * YStride, Y, 0, WindowMargin * YStride);
        Array.Copy(U, 8 * UvStride, U, 0, WindowMargin / 2 * UvStride);
        Array.Copy(V, 8 * UvStride, V, 0, WindowMargin / 2 * UvStride);
        Top = top;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(Y);
        ArrayPool<byte>.Shared.Return(U);
        ArrayPool<byte>.Shared.Return(V);
    }
}
