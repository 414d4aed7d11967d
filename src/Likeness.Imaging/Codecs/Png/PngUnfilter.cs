using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// Reverses the PNG row filters in place. The scalar methods are the reference. Up is vectorised at every
/// width; Sub for 3- and 4-byte pixels with a 128-bit prefix sum (Sub is a running sum along the row, so wider
/// registers only add lane-crossing shuffles). Average and Paeth depend on the pixel just decoded, so their
/// vector form (for 3-, 4-, 6- and 8-byte pixels; libpng's SSE2 code does 3 and 4) computes one whole pixel per
/// step in 16-bit lanes instead of one byte.
/// </summary>
internal static class PngUnfilter
{
    /// <summary>Unfilters <paramref name="row"/> given the unfiltered <paramref name="previous"/> row (zeros for the first).</summary>
    public static void Apply(byte filter, Span<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        switch ((PngFilterType)filter)
        {
            case PngFilterType.None:
                break;
            case PngFilterType.Sub:
                Sub(row, bpp);
                break;
            case PngFilterType.Up:
                Up(row, previous);
                break;
            case PngFilterType.Average:
                Average(row, previous, bpp);
                break;
            case PngFilterType.Paeth:
                Paeth(row, previous, bpp);
                break;
            default:
                throw InvalidImageException.Corrupt($"A PNG row uses filter type {filter}; only 0 to 4 exist.");
        }
    }

    public static void Sub(Span<byte> row, int bpp)
    {
        int done = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            done = bpp switch
            {
                3 => SubVector128Rgb(row),
                4 => SubVector128Rgba(row),
                _ => 0,
            };
        }

        SubScalar(row, bpp, done);
    }

    public static void Up(Span<byte> row, ReadOnlySpan<byte> previous)
    {
        int done = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            done = UpVector512(row, previous, done);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            done = UpVector256(row, previous, done);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            done = UpVector128(row, previous, done);
        }

        UpScalar(row, previous, done);
    }

    public static void Average(Span<byte> row, ReadOnlySpan<byte> previous, int bpp) => PixelFilter(row, previous, bpp, paeth: false);

    public static void Paeth(Span<byte> row, ReadOnlySpan<byte> previous, int bpp) => PixelFilter(row, previous, bpp, paeth: true);

    /// <summary>Average or Paeth: the pixel-per-step vector path where it applies, the scalar reference for the rest.</summary>
    private static void PixelFilter(Span<byte> row, ReadOnlySpan<byte> previous, int bpp, bool paeth)
    {
        int done = Vector128.IsHardwareAccelerated && bpp is 3 or 4 or 6 or 8 ? PixelVector128(row, previous, bpp, paeth) : 0;
        if (paeth)
        {
            PaethScalar(row, previous, bpp, done);
        }
        else
        {
            AverageScalar(row, previous, bpp, done);
        }
    }

    /// <summary>row[i] += row[i - bpp] for i from <paramref name="start"/> (bytes before it already final).</summary>
    public static void SubScalar(Span<byte> row, int bpp, int start = 0)
    {
        for (int i = Math.Max(start, bpp); i < row.Length; i++)
        {
            row[i] += row[i - bpp];
        }
    }

    public static void UpScalar(Span<byte> row, ReadOnlySpan<byte> previous, int start = 0)
    {
        for (int i = start; i < row.Length; i++)
        {
            row[i] += previous[i];
        }
    }

    /// <summary>The Average filter reversed from byte <paramref name="start"/> on (bytes before it already final).</summary>
    public static void AverageScalar(Span<byte> row, ReadOnlySpan<byte> previous, int bpp, int start = 0)
    {
        previous = previous[..row.Length];
        for (int i = start; i < Math.Min(bpp, row.Length); i++)
        {
            row[i] += (byte)(previous[i] >> 1);
        }

        for (int i = Math.Max(start, bpp); i < row.Length; i++)
        {
            row[i] += (byte)((row[i - bpp] + previous[i]) >> 1);
        }
    }

    /// <summary>The Paeth filter reversed from byte <paramref name="start"/> on (bytes before it already final).</summary>
    public static void PaethScalar(Span<byte> row, ReadOnlySpan<byte> previous, int bpp, int start = 0)
    {
        previous = previous[..row.Length];
        for (int i = start; i < Math.Min(bpp, row.Length); i++)
        {
            row[i] += previous[i]; // a and c are zero, so the predictor is b
        }

        for (int i = Math.Max(start, bpp); i < row.Length; i++)
        {
            row[i] += PngPaeth.Predict(row[i - bpp], previous[i], previous[i - bpp]);
        }
    }

    internal static int UpVector512(Span<byte> row, ReadOnlySpan<byte> previous, int start)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(previous[..row.Length]);
        int i = start;
        for (; i <= row.Length - Vector512<byte>.Count; i += Vector512<byte>.Count)
        {
            (Vector512.LoadUnsafe(ref r, (nuint)i) + Vector512.LoadUnsafe(ref p, (nuint)i)).StoreUnsafe(ref r, (nuint)i);
        }

        return i;
    }

    internal static int UpVector256(Span<byte> row, ReadOnlySpan<byte> previous, int start)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(previous[..row.Length]);
        int i = start;
        for (; i <= row.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
        {
            (Vector256.LoadUnsafe(ref r, (nuint)i) + Vector256.LoadUnsafe(ref p, (nuint)i)).StoreUnsafe(ref r, (nuint)i);
        }

        return i;
    }

    internal static int UpVector128(Span<byte> row, ReadOnlySpan<byte> previous, int start)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(previous[..row.Length]);
        int i = start;
        for (; i <= row.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
        {
            (Vector128.LoadUnsafe(ref r, (nuint)i) + Vector128.LoadUnsafe(ref p, (nuint)i)).StoreUnsafe(ref r, (nuint)i);
        }

        return i;
    }

    /// <summary>Sub for 4-byte pixels, 4 pixels (16 bytes) per step; see <see cref="SubVector128"/>.</summary>
    internal static int SubVector128Rgba(Span<byte> row) => SubVector128(
        row,
        bpp: 4,
        Vector128.Create((byte)255, 255, 255, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
        Vector128.Create((byte)255, 255, 255, 255, 255, 255, 255, 255, 0, 1, 2, 3, 4, 5, 6, 7),
        Vector128.Create((byte)12, 13, 14, 15, 12, 13, 14, 15, 12, 13, 14, 15, 12, 13, 14, 15));

    /// <summary>Sub for 3-byte pixels, 4 pixels (12 bytes) per 16-byte load; see <see cref="SubVector128"/>.</summary>
    internal static int SubVector128Rgb(Span<byte> row) => SubVector128(
        row,
        bpp: 3,
        Vector128.Create((byte)255, 255, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
        Vector128.Create((byte)255, 255, 255, 255, 255, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
        Vector128.Create((byte)9, 10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 255, 255, 255, 255));

    /// <summary>
    /// Sub for <paramref name="bpp"/> = 3 or 4, four pixels per step: a log-step prefix sum (add the vector
    /// shifted by one pixel, then by two) plus the last finished pixel broadcast. 3-byte pixels use 12 of the
    /// 16 loaded bytes and store them as 8 + 4 so that no store overlaps the next load (a partly overlapping load
    /// cannot be forwarded from the store and stalls). Inlined with a constant <paramref name="bpp"/>, so the
    /// store choice costs nothing. Returns how many leading bytes are final.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SubVector128(Span<byte> row, int bpp, Vector128<byte> byOne, Vector128<byte> byTwo, Vector128<byte> lastPixel)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        Vector128<byte> carry = Vector128<byte>.Zero;
        int step = 4 * bpp;
        int i = 0;
        for (; i <= row.Length - 16; i += step)
        {
            Vector128<byte> x = Vector128.LoadUnsafe(ref r, (nuint)i);
            x += Vector128.Shuffle(x, byOne);
            x += Vector128.Shuffle(x, byTwo);
            x += carry;
            if (bpp == 4)
            {
                x.StoreUnsafe(ref r, (nuint)i);
            }
            else
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref r, i), x.AsUInt64().ToScalar());
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref r, i + 8), x.AsUInt32().GetElement(2));
            }

            carry = Vector128.Shuffle(x, lastPixel);
        }

        return i;
    }

    /// <summary>
    /// Average or Paeth for 3-, 4-, 6- or 8-byte pixels, one pixel per step in 16-bit lanes: a (left) is the
    /// pixel just finished, b (up) and c (up-left) come from the previous row. Each step loads 8 bytes, so it
    /// stops where fewer than 8 remain; returns how many leading bytes are final.
    /// </summary>
    internal static int PixelVector128(Span<byte> row, ReadOnlySpan<byte> previous, int bpp, bool paeth)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(previous[..row.Length]);
        Vector128<short> a = Vector128<short>.Zero;
        Vector128<short> c = Vector128<short>.Zero;
        int i = 0;
        for (; i <= row.Length - 8; i += bpp)
        {
            Vector128<short> x = Widen(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref r, i)));
            Vector128<short> b = Widen(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i)));
            Vector128<short> predictor = paeth ? PngPaeth.Predict(a, b, c) : Vector128.ShiftRightLogical(a + b, 1);
            a = (x + predictor) & Vector128.Create((short)0xFF);
            Store(ref Unsafe.Add(ref r, i), Vector128.Narrow(a.AsUInt16(), a.AsUInt16()).AsUInt64().ToScalar(), bpp);
            c = b;
        }

        return i;
    }

    /// <summary>
    /// Writes exactly one pixel, in as few stores as its size allows: a wider store would overlap the next
    /// pixel's load, which then cannot be forwarded from the store and stalls.
    /// </summary>
    private static void Store(ref byte destination, ulong pixel, int bpp)
    {
        switch (bpp)
        {
            case 3:
                Unsafe.WriteUnaligned(ref destination, (ushort)pixel);
                Unsafe.Add(ref destination, 2) = (byte)(pixel >> 16);
                break;
            case 4:
                Unsafe.WriteUnaligned(ref destination, (uint)pixel);
                break;
            case 6:
                Unsafe.WriteUnaligned(ref destination, (uint)pixel);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 4), (ushort)(pixel >> 32));
                break;
            default:
                Unsafe.WriteUnaligned(ref destination, pixel);
                break;
        }
    }

    private static Vector128<short> Widen(ulong eightBytes) =>
        Vector128.WidenLower(Vector128.CreateScalar(eightBytes).AsByte()).AsInt16();
}
