using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// The Paeth predictor: whichever of a (left), b (up) and c (up-left) is nearest to a + b − c, ties going to
/// a, then b. The vector forms work on bytes widened to 16-bit lanes, where a + b − 2c cannot overflow.
/// </summary>
internal static class PngPaeth
{
    /// <summary>Written without branches (photo rows make them unpredictable): the selects compile to cmov.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Predict(byte a, byte b, byte c)
    {
        int pa = Abs(b - c);
        int pb = Abs(a - c);
        int pc = Abs(a + b - c - c);
        int bOrC = pb <= pc ? b : c;
        return (byte)((pa <= pb) & (pa <= pc) ? a : bOrC);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<short> Predict(Vector256<short> a, Vector256<short> b, Vector256<short> c)
    {
        Vector256<short> pa = Vector256.Abs(b - c);
        Vector256<short> pb = Vector256.Abs(a - c);
        Vector256<short> pc = Vector256.Abs(a + b - c - c);
        Vector256<short> useA = Vector256.LessThanOrEqual(pa, pb) & Vector256.LessThanOrEqual(pa, pc);
        return Vector256.ConditionalSelect(useA, a, Vector256.ConditionalSelect(Vector256.LessThanOrEqual(pb, pc), b, c));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<short> Predict(Vector128<short> a, Vector128<short> b, Vector128<short> c)
    {
        Vector128<short> pa = Vector128.Abs(b - c);
        Vector128<short> pb = Vector128.Abs(a - c);
        Vector128<short> pc = Vector128.Abs(a + b - c - c);
        Vector128<short> useA = Vector128.LessThanOrEqual(pa, pb) & Vector128.LessThanOrEqual(pa, pc);
        return Vector128.ConditionalSelect(useA, a, Vector128.ConditionalSelect(Vector128.LessThanOrEqual(pb, pc), b, c));
    }

    /// <summary>|x| for the small values here; Math.Abs branches to check for int.MinValue.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Abs(int x)
    {
        int sign = x >> 31;
        return (x ^ sign) - sign;
    }
}
