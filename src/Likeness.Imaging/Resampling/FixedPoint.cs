using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Likeness.Imaging.Resampling;

/// <summary>Turning 22-bit fixed-point accumulators into bytes, as Pillow's <c>clip8</c> does.</summary>
internal static class FixedPoint
{
    /// <summary>Pillow's <c>clip8</c>: arithmetic shift, then clamp to [0, 255].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Clip8(int accumulator) => (byte)Math.Clamp(accumulator >> AxisCoefficients.PrecisionBits, 0, 255);

    /// <summary><see cref="Clip8"/> on four lanes, packed into the low bytes of a 32-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Clip8x4(Vector128<int> accumulator)
    {
        Vector128<short> words = Sse2.PackSignedSaturate(accumulator >> AxisCoefficients.PrecisionBits, Vector128<int>.Zero);
        return Sse2.PackUnsignedSaturate(words, words).AsUInt32().ToScalar();
    }

    /// <summary><see cref="Clip8"/> on eight lanes, packed into the low bytes of a 64-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Clip8x8(Vector256<int> accumulator)
    {
        Vector256<int> shifted = accumulator >> AxisCoefficients.PrecisionBits;
        Vector128<short> words = Sse2.PackSignedSaturate(shifted.GetLower(), shifted.GetUpper());
        return Sse2.PackUnsignedSaturate(words, words).AsUInt64().ToScalar();
    }

    /// <summary><see cref="Clip8"/> on sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Clip8x16(Vector512<int> accumulator)
    {
        Vector512<int> shifted = accumulator >> AxisCoefficients.PrecisionBits;
        return Avx512F.ConvertToVector128Byte(Vector512.Min(Vector512.Max(shifted, Vector512<int>.Zero), Vector512.Create(255)));
    }
}
