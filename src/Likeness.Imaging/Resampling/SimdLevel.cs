using System.Runtime.Intrinsics.X86;

namespace Likeness.Imaging.Resampling;

/// <summary>
/// The widest vector path a kernel may take. Tests pin each level to check it against <see cref="Scalar"/>,
/// the reference; production code uses <see cref="SimdLevels.Best"/>.
/// </summary>
internal enum SimdLevel
{
    /// <summary>Plain loops, written as Pillow's C is: the reference.</summary>
    Scalar,

    /// <summary>128-bit vectors (SSE4.1).</summary>
    Vector128,

    /// <summary>256-bit vectors (AVX2).</summary>
    Vector256,

    /// <summary>512-bit vectors (AVX-512 F/BW).</summary>
    Vector512,
}

/// <summary>What this machine supports.</summary>
internal static class SimdLevels
{
    /// <summary>The widest level this CPU runs.</summary>
    public static SimdLevel Best { get; } =
        Avx512F.IsSupported && Avx512BW.IsSupported ? SimdLevel.Vector512
        : Avx2.IsSupported ? SimdLevel.Vector256
        : Sse41.IsSupported && Ssse3.IsSupported ? SimdLevel.Vector128
        : SimdLevel.Scalar;

    /// <summary>Whether <paramref name="level"/> can run here.</summary>
    public static bool IsSupported(SimdLevel level) => level <= Best;
}
