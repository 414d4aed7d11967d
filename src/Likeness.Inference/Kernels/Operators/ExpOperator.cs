using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Likeness.Inference.Kernels.Operators;

/// <summary>
/// <c>exp(x)</c> in float32 at every width, the same steps at each, so the vector paths equal the scalar one bit for
/// bit. The runtime's <c>Vector512.Exp</c> widens to float64 and is not inlined; softmax and the GELU epilogues call
/// exp once per value, which made it a tenth of a DINOv2 forward pass. Here: <c>x = n·ln2 + r</c> with n the nearest
/// integer to <c>x·log2(e)</c> and r reduced in two FMA steps (Cody and Waite's split of ln 2, so <c>n·ln2_hi</c> is
/// exact), <c>exp(r)</c> by its Taylor series to r⁷ (|r| ≤ ln2/2, truncation below 6e-9 relative), and 2ⁿ put into the
/// exponent bits. Within 2 ulp of the correctly rounded exp (<c>ExpOperatorTests</c>). Arguments below
/// <see cref="Lowest"/> give 0; above <see cref="Highest"/> they are taken as <see cref="Highest"/> (about 1.65e38)
/// instead of overflowing: softmax, GELU and QuickGELU only need exp of non-positive or moderate values.
/// </summary>
internal readonly struct ExpOperator : IUnaryOperator
{
    /// <summary>Below this exp(x) is under float's smallest normal number; the result is 0.</summary>
    public const float Lowest = -87.33654f;

    /// <summary>Arguments are clamped to this (n = 127, so 2ⁿ stays a normal float).</summary>
    public const float Highest = 88f;

    private const float Log2E = 1.44269504088896341f;
    private const float Ln2Hi = 0.693145751953125f;
    private const float Ln2Lo = 1.42860682030941723e-6f;
    private const float C2 = 1f / 2, C3 = 1f / 6, C4 = 1f / 24, C5 = 1f / 120, C6 = 1f / 720, C7 = 1f / 5040;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float x)
    {
        float c = MathF.Min(MathF.Max(x, Lowest), Highest);
        float n = MathF.Round(c * Log2E);
        float r = MathF.FusedMultiplyAdd(n, -Ln2Lo, MathF.FusedMultiplyAdd(n, -Ln2Hi, c));
        float p = MathF.FusedMultiplyAdd(C7, r, C6);
        p = MathF.FusedMultiplyAdd(p, r, C5);
        p = MathF.FusedMultiplyAdd(p, r, C4);
        p = MathF.FusedMultiplyAdd(p, r, C3);
        p = MathF.FusedMultiplyAdd(p, r, C2);
        p = MathF.FusedMultiplyAdd(p, r, 1f);
        p = MathF.FusedMultiplyAdd(p, r, 1f);
        float scaled = p * BitConverter.Int32BitsToSingle(((int)n + 127) << 23);
        return x < Lowest ? 0f : scaled;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> x)
    {
        Vector128<float> c = Vector128.Min(Vector128.Max(x, Vector128.Create(Lowest)), Vector128.Create(Highest));
        Vector128<float> n = Vector128.Round(c * Vector128.Create(Log2E));
        Vector128<float> r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Lo), Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Hi), c));
        Vector128<float> p = Vector128.FusedMultiplyAdd(Vector128.Create(C7), r, Vector128.Create(C6));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C5));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C4));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C3));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(C2));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128<float>.One);
        p = Vector128.FusedMultiplyAdd(p, r, Vector128<float>.One);
        Vector128<float> scale = ((Vector128.ConvertToInt32(n) + Vector128.Create(127)) << 23).AsSingle();
        return Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128.Create(Lowest)), Vector128<float>.Zero, p * scale);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> x)
    {
        Vector256<float> c = Vector256.Min(Vector256.Max(x, Vector256.Create(Lowest)), Vector256.Create(Highest));
        Vector256<float> n = Vector256.Round(c * Vector256.Create(Log2E));
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Lo), Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Hi), c));
        Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.Create(C7), r, Vector256.Create(C6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(C2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        Vector256<float> scale = ((Vector256.ConvertToInt32(n) + Vector256.Create(127)) << 23).AsSingle();
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(Lowest)), Vector256<float>.Zero, p * scale);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> x)
    {
        Vector512<float> c = Vector512.Min(Vector512.Max(x, Vector512.Create(Lowest)), Vector512.Create(Highest));
        Vector512<float> n = Vector512.Round(c * Vector512.Create(Log2E));
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Lo), Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Hi), c));
        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(C7), r, Vector512.Create(C6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(C2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        Vector512<float> scale = ((Vector512.ConvertToInt32(n) + Vector512.Create(127)) << 23).AsSingle();
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(Lowest)), Vector512<float>.Zero, p * scale);
    }
}
