using System.Security.Cryptography;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Testing;

namespace Likeness.Providers.Tests;

/// <summary>Photos of the bundled cast (samples/cast) as references, named by their SHA-256.</summary>
internal static class CastPhotos
{
    public static ReferencePhoto Load(string file, ReferenceRole role = ReferenceRole.Other)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "cast", file));
        return new ReferencePhoto(Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes, "image/jpeg", role);
    }
}
