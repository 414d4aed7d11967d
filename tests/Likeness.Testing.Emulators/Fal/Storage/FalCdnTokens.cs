using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Likeness.Testing.Emulators.Fal.Storage;

/// <summary>Short-lived bearer tokens for direct CDN uploads (the python client's <c>fal_v3</c> repository).</summary>
internal sealed class FalCdnTokens(FalEmulatorOptions options)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    public (string Token, DateTimeOffset ExpiresAt) Issue()
    {
        string token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        DateTimeOffset expires = options.Time.GetUtcNow() + Lifetime;
        _expiries[token] = expires;
        return (token, expires);
    }

    /// <summary>Whether <paramref name="authorization"/> is <c>Bearer {token}</c> for a token still valid.</summary>
    public bool Accepts(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.Ordinal)
        && _expiries.TryGetValue(authorization["Bearer ".Length..], out DateTimeOffset expires)
        && options.Time.GetUtcNow() < expires;
}
