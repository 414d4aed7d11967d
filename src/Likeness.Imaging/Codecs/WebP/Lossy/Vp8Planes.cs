using System.Buffers;

namespace Likeness.Imaging.Codecs.WebP.Lossy;

/// <summary>
/// A decoded VP8 frame: 4:2:0 Y, U and V planes padded to whole macroblocks, rented from the array pool.
/// <see cref="Width"/> and <see cref="Height"/> are the visible size.
/// </summary>
internal sealed class Vp8Planes : IDisposable
{
    public Vp8Planes(int width, int height)
    {
        Width = width;
        Height = height;
        int mbW = (width + 15) >> 4;
        int mbH = (height + 15) >> 4;
        YStride = mbW * 16;
        UvStride = mbW * 8;
        Y = ArrayPool<byte>.Shared.Rent(YStride * mbH * 16);
        U = ArrayPool<byte>.Shared.Rent(UvStride * mbH * 8);
        V = ArrayPool<byte>.Shared.Rent(UvStride * mbH * 8);
    }

    public int Width { get; }

    public int Height { get; }

    public int YStride { get; }

    public int UvStride { get; }

    public byte[] Y { get; }

    public byte[] U { get; }

    public byte[] V { get; }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(Y);
        ArrayPool<byte>.Shared.Return(U);
        ArrayPool<byte>.Shared.Return(V);
    }
}
