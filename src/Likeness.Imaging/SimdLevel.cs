using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;

namespace Likeness.Imaging;

/// <summary>
/// The widest vector path a kernel may take, for the imaging and the inference kernels alike. Tests pin each level
/// to check it against <see cref="Scalar"/>, the reference; production code uses <see cref="SimdLevels.Best"/> (portable vector kernels) or
/// <see cref="SimdLevels.BestX86"/> (kernels that call x86 instructions).
/// </summary>
public enum SimdLevel
{
    /// <summary>Plain loops: the reference.</summary>
    Scalar,

    /// <summary>128-bit vectors (SSE4.1).</summary>
    Vector128,

    /// <summary>256-bit vectors (AVX2).</summary>
    Vector256,

    /// <summary>512-bit vectors (AVX-512 F/BW).</summary>
    Vector512,
}

/// <summary>What this machine supports, in two verdicts: one for kernels written with the portable vector API, one for kernels that call x86 instructions.</summary>
public static class SimdLevels
{
    /// <summary>
    /// The widest level the runtime accelerates, for kernels written with the portable <c>Vector128/256/512</c> API
    /// only (the inference kernels), so they keep their vector paths on ARM64 too. <c>DOTNET_EnableAVX512F=0</c>,
    /// <c>DOTNET_PreferredVectorBitWidth</c> and the like narrow it.
    /// </summary>
    public static SimdLevel Best { get; } =
        Vector512.IsHardwareAccelerated ? SimdLevel.Vector512
        : Vector256.IsHardwareAccelerated ? SimdLevel.Vector256
        : Vector128.IsHardwareAccelerated ? SimdLevel.Vector128
        : SimdLevel.Scalar;

    /// <summary>
    /// The widest level for kernels that also call x86 instructions directly (the imaging kernels): the runtime's
    /// verdict as in <see cref="Best"/>, and the instruction sets those kernels use.
    /// </summary>
    public static SimdLevel BestX86 { get; } =
        Best >= SimdLevel.Vector512 && Avx512F.IsSupported && Avx512BW.IsSupported ? SimdLevel.Vector512
        : Best >= SimdLevel.Vector256 && Avx2.IsSupported ? SimdLevel.Vector256
        : Best >= SimdLevel.Vector128 && Sse41.IsSupported && Ssse3.IsSupported ? SimdLevel.Vector128
        : SimdLevel.Scalar;

    /// <summary>Whether a portable-vector kernel can run <paramref name="level"/> here.</summary>
    public static bool IsSupported(SimdLevel level) => level <= Best;

    /// <summary>Whether an x86-intrinsics kernel can run <paramref name="level"/> here.</summary>
    public static bool IsSupportedX86(SimdLevel level) => level <= BestX86;
}
