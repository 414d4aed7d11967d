using System.Runtime.Intrinsics;

namespace Likeness.Inference.Kernels;

/// <summary>Which instruction width a kernel runs with; tests force each one to compare it with the scalar reference.</summary>
internal enum KernelPath
{
    Scalar,
    Vector128,
    Vector256,
    Vector512,
}

/// <summary>Picks the widest path the CPU accelerates.</summary>
internal static class KernelPaths
{
    public static KernelPath Best { get; } =
        Vector512.IsHardwareAccelerated ? KernelPath.Vector512
        : Vector256.IsHardwareAccelerated ? KernelPath.Vector256
        : Vector128.IsHardwareAccelerated ? KernelPath.Vector128
        : KernelPath.Scalar;

    /// <summary>True when this machine can run <paramref name="path"/>.</summary>
    public static bool IsSupported(KernelPath path) => path switch
    {
        KernelPath.Vector512 => Vector512.IsHardwareAccelerated,
        KernelPath.Vector256 => Vector256.IsHardwareAccelerated,
        KernelPath.Vector128 => Vector128.IsHardwareAccelerated,
        _ => true,
    };
}
