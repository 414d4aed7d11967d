using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;

namespace Likeness.Imaging;

/// <summary>
/// The widest vector path a kernel may take, for the imaging and the inference kernels alike. Tests pin each level
/// to check it against <see cref="Scalar"/>, the reference; production code uses <see cref="SimdLevels.Best"/>.
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

/// <summary>What this machine supports.</summary>
public static class SimdLevels
{
    /// <summary>
    /// The widest level this CPU runs. A level needs both the x86 instruction sets the imaging kernels call directly
    /// and the runtime's own verdict that the width is accelerated, so <c>DOTNET_EnableAVX512F=0</c>,
    /// <c>DOTNET_EnableAVX2=0</c>, <c>DOTNET_PreferredVectorBitWidth</c> and the like narrow every kernel at once.
    /// </summary>
    public static SimdLevel Best { get; } =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Avx512BW.IsSupported ? SimdLevel.Vector512
        : Vector256.IsHardwareAccelerated && Avx2.IsSupported ? SimdLevel.Vector256
        : Vector128.IsHardwareAccelerated && Sse41.IsSupported && Ssse3.IsSupported ? SimdLevel.Vector128
        : SimdLevel.Scalar;

    /// <summary>Whether <paramref name="level"/> can run here.</summary>
    public static bool IsSupported(SimdLevel level) => level <= Best;
}
