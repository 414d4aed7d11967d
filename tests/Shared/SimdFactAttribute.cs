using System.Runtime.Intrinsics.X86;

namespace Likeness.Testing;

/// <summary>
/// A fact that needs an x86 instruction set: where the machine (or a <c>DOTNET_EnableAVX2=0</c>-style override)
/// lacks it, the test is reported as skipped with the reason, never run as a silent pass.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SimdFactAttribute : FactAttribute
{
    /// <summary>Requires <paramref name="requirement"/>.</summary>
    public SimdFactAttribute(SimdRequirement requirement)
    {
        bool supported = requirement switch
        {
            SimdRequirement.Ssse3 => Ssse3.IsSupported,
            SimdRequirement.Avx2 => Avx2.IsSupported,
            SimdRequirement.Avx512F => Avx512F.IsSupported,
            _ => throw new ArgumentOutOfRangeException(nameof(requirement)),
        };
        if (!supported)
        {
            Skip = $"{requirement} is not available on this machine (or is switched off), so there is no vector path to compare.";
        }
    }
}

/// <summary>The instruction sets a <see cref="SimdFactAttribute"/> can require.</summary>
public enum SimdRequirement
{
    /// <summary>SSSE3 (with SSE2): the 128-bit x86 paths.</summary>
    Ssse3,

    /// <summary>AVX2.</summary>
    Avx2,

    /// <summary>AVX-512 Foundation.</summary>
    Avx512F,
}
