using Likeness.Testing.Emulators.Replicate;

namespace Likeness.Providers.Tests.Replicate;

/// <summary>A fact that needs <c>cwebp</c> (Debian package <c>webp</c>) for the emulator's WebP outputs; reported as skipped without it.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class CwebpFactAttribute : FactAttribute
{
    /// <summary>Skips when <c>cwebp</c> is not on the PATH.</summary>
    public CwebpFactAttribute()
    {
        if (!ReplicateImages.WebpAvailable)
        {
            Skip = "cwebp is not installed (apt-get install webp), so the Replicate emulator answers PNG instead of WebP.";
        }
    }
}
