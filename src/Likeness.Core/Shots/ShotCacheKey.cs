using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Likeness.Core.Text;

namespace Likeness.Core.Shots;

/// <summary>
/// The identity of a request for caching: the same identity model, provider and normalised parameters give the
/// same key, so a repeated request is served from the store instead of paying the provider again.
/// </summary>
public static class ShotCacheKey
{
    /// <summary>Hex SHA-256 over the normalised request.</summary>
    public static string Compute(Guid identityModelId, int identityVersion, string provider, ShotRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new StringBuilder()
            .Append("v1\n")
            .Append(identityModelId.ToString("N")).Append('\n')
            .Append(identityVersion.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(provider.Trim().ToLowerInvariant()).Append('\n')
            .Append(Normalize(request.Prompt)).Append('\n')
            .Append(Normalize(request.NegativePrompt)).Append('\n')
            .Append(request.AspectRatio.Trim()).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"{request.Width}x{request.Height}\n{request.Seed}\n{request.Steps}\n{request.Guidance:R}\n{request.Count}");
        foreach (KeyValuePair<string, string> parameter in request.ProviderParameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // Only when present, so the keys of shots made before provider parameters existed are unchanged.
            text.Append(CultureInfo.InvariantCulture, $"\n{parameter.Key.Trim()}={parameter.Value.Trim()}");
        }

        foreach (Guid companion in request.Companions.Order())
        {
            // Only when present, as above: a one-character shot keeps its key.
            text.Append(CultureInfo.InvariantCulture, $"\nwith={companion:N}");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Collapses runs of whitespace, trims and composes (NFC), so formatting differences and the keyboard's choice of
    /// "é" or "e" + U+0301 do not miss the cache.
    /// </summary>
    private static string Normalize(string text) =>
        UnicodeNormalization.ToNfc(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
}
