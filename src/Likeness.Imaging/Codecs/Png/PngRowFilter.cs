using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// The encoder's side of the row filters, with libpng's adaptive choice: try all five and keep the one whose
/// output has the smallest sum of absolute values (bytes read as signed), which deflate tends to compress best.
/// Filtering for the encoder reads only the original bytes, so every filter is a plain element-wise kernel:
/// 256- and 128-bit paths (Paeth in 16-bit lanes) with the scalar code as the reference. A 512-bit path would
/// not pay: the encoder's time is spent in deflate.
/// </summary>
internal static class PngRowFilter
{
    private const int FilterCount = 5;

    /// <summary>Bytes of scratch <see cref="ChooseAndApply"/> needs for rows of <paramref name="rowBytes"/> bytes.</summary>
    public static int ScratchLength(int rowBytes) => FilterCount * (rowBytes + 1);

    /// <summary>
    /// Filters <paramref name="row"/> every way into <paramref name="scratch"/> and returns the best, led by its
    /// filter-type byte. <paramref name="previous"/> is the row above (zeros for the first row).
    /// </summary>
    public static ReadOnlySpan<byte> ChooseAndApply(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> scratch)
    {
        int length = row.Length + 1;
        ReadOnlySpan<byte> best = default;
        long bestCost = long.MaxValue;
        for (int type = 0; type < FilterCount; type++)
        {
            Span<byte> candidate = scratch.Slice(type * length, length);
            candidate[0] = (byte)type;
            Apply((PngFilterType)type, row, previous, bpp, candidate[1..]);
            long cost = SignedMagnitude(candidate[1..]);
            if (cost < bestCost)
            {
                bestCost = cost;
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>Writes the <paramref name="type"/>-filtered <paramref name="row"/> to <paramref name="output"/> (same length).</summary>
    public static void Apply(PngFilterType type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output)
    {
        output = output[..row.Length];
        previous = previous[..row.Length];
        if (type == PngFilterType.None)
        {
            row.CopyTo(output);
            return;
        }

        // The first pixel has no left neighbours; the vector paths start after it.
        int done = Math.Min(bpp, row.Length);
        ApplyScalar(type, row[..done], previous, bpp, output);
        if (Vector256.IsHardwareAccelerated)
        {
            done = ApplyVector256(type, row, previous, bpp, output, done);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            done = ApplyVector128(type, row, previous, bpp, output, done);
        }

        ApplyScalar(type, row, previous, bpp, output, done);
    }

    /// <summary>The reference: filters bytes from <paramref name="start"/> to the end of <paramref name="row"/>.</summary>
    public static void ApplyScalar(PngFilterType type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output, int start = 0)
    {
        for (int i = start; i < row.Length; i++)
        {
            int a = i >= bpp ? row[i - bpp] : 0;
            int b = previous[i];
            int c = i >= bpp ? previous[i - bpp] : 0;
            int predictor = type switch
            {
                PngFilterType.None => 0,
                PngFilterType.Sub => a,
                PngFilterType.Up => b,
                PngFilterType.Average => (a + b) >> 1,
                _ => PngPaeth.Predict((byte)a, (byte)b, (byte)c),
            };
            output[i] = (byte)(row[i] - predictor);
        }
    }

    /// <summary>Σ |(sbyte)b|: how far the filtered bytes are from zero.</summary>
    public static long SignedMagnitude(ReadOnlySpan<byte> filtered)
    {
        long sum = 0;
        int i = 0;
        ref byte f = ref MemoryMarshal.GetReference(filtered);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= filtered.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                (Vector256<ushort> low, Vector256<ushort> high) = Vector256.Widen(Vector256.Abs(Vector256.LoadUnsafe(ref f, (nuint)i).AsSByte()).AsByte());
                sum += Vector256.Sum(low + high); // at most 32 × 255: no overflow in 16-bit lanes
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= filtered.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                (Vector128<ushort> low, Vector128<ushort> high) = Vector128.Widen(Vector128.Abs(Vector128.LoadUnsafe(ref f, (nuint)i).AsSByte()).AsByte());
                sum += Vector128.Sum(low + high);
            }
        }

        return sum + SignedMagnitudeScalar(filtered[i..]);
    }

    public static long SignedMagnitudeScalar(ReadOnlySpan<byte> filtered)
    {
        long sum = 0;
        foreach (byte b in filtered)
        {
            sum += b < 128 ? b : 256 - b;
        }

        return sum;
    }

    internal static int ApplyVector256(PngFilterType type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output, int start)
    {
        ref byte x = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(previous);
        ref byte o = ref MemoryMarshal.GetReference(output);
        int i = start;
        for (; i <= row.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
        {
            Vector256<byte> a = Vector256.LoadUnsafe(ref x, (nuint)(i - bpp));
            Vector256<byte> b = Vector256.LoadUnsafe(ref p, (nuint)i);
            Vector256<byte> predictor = type switch
            {
                PngFilterType.Sub => a,
                PngFilterType.Up => b,
                PngFilterType.Average => (a & b) + Vector256.ShiftRightLogical(a ^ b, 1), // ⌊(a + b) / 2⌋ without overflow
                _ => Paeth(a, b, Vector256.LoadUnsafe(ref p, (nuint)(i - bpp))),
            };
            (Vector256.LoadUnsafe(ref x, (nuint)i) - predictor).StoreUnsafe(ref o, (nuint)i);
        }

        return i;
    }

    internal static int ApplyVector128(PngFilterType type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output, int start)
    {
        ref byte x = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(previous);
        ref byte o = ref MemoryMarshal.GetReference(output);
        int i = start;
        for (; i <= row.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
        {
            Vector128<byte> a = Vector128.LoadUnsafe(ref x, (nuint)(i - bpp));
            Vector128<byte> b = Vector128.LoadUnsafe(ref p, (nuint)i);
            Vector128<byte> predictor = type switch
            {
                PngFilterType.Sub => a,
                PngFilterType.Up => b,
                PngFilterType.Average => (a & b) + Vector128.ShiftRightLogical(a ^ b, 1),
                _ => Paeth(a, b, Vector128.LoadUnsafe(ref p, (nuint)(i - bpp))),
            };
            (Vector128.LoadUnsafe(ref x, (nuint)i) - predictor).StoreUnsafe(ref o, (nuint)i);
        }

        return i;
    }

    private static Vector256<byte> Paeth(Vector256<byte> a, Vector256<byte> b, Vector256<byte> c)
    {
        (Vector256<ushort> aLow, Vector256<ushort> aHigh) = Vector256.Widen(a);
        (Vector256<ushort> bLow, Vector256<ushort> bHigh) = Vector256.Widen(b);
        (Vector256<ushort> cLow, Vector256<ushort> cHigh) = Vector256.Widen(c);
        return Vector256.Narrow(
            PngPaeth.Predict(aLow.AsInt16(), bLow.AsInt16(), cLow.AsInt16()).AsUInt16(),
            PngPaeth.Predict(aHigh.AsInt16(), bHigh.AsInt16(), cHigh.AsInt16()).AsUInt16());
    }

    private static Vector128<byte> Paeth(Vector128<byte> a, Vector128<byte> b, Vector128<byte> c)
    {
        (Vector128<ushort> aLow, Vector128<ushort> aHigh) = Vector128.Widen(a);
        (Vector128<ushort> bLow, Vector128<ushort> bHigh) = Vector128.Widen(b);
        (Vector128<ushort> cLow, Vector128<ushort> cHigh) = Vector128.Widen(c);
        return Vector128.Narrow(
            PngPaeth.Predict(aLow.AsInt16(), bLow.AsInt16(), cLow.AsInt16()).AsUInt16(),
            PngPaeth.Predict(aHigh.AsInt16(), bHigh.AsInt16(), cHigh.AsInt16()).AsUInt16());
    }
}
