using System.Text.Json;
using Likeness.Providers.Http;
using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Crypto.Parameters;

namespace Likeness.Providers.Fal.Webhooks;

/// <summary>
/// fal's webhook signing keys from its JWKS endpoint: cached for <see cref="FalClientOptions.JwksCacheDuration"/>,
/// fetched again when a signature matches none of them (key rotation) but at most once per
/// <see cref="FalClientOptions.JwksRefreshCooldown"/>, and served stale when a fetch fails.
/// </summary>
public sealed class FalSigningKeys(FalClient client, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<Ed25519PublicKeyParameters>? _keys;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    /// <summary>Times the keys were fetched (for tests and diagnostics).</summary>
    public int Fetches { get; private set; }

    /// <summary>The keys, fetched when none are cached or the cache has expired.</summary>
    public async Task<IReadOnlyList<Ed25519PublicKeyParameters>> GetAsync(CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = client.Time.GetUtcNow();
        if (_keys is { } cached && now - _fetchedAt < client.Options.JwksCacheDuration)
        {
            return cached;
        }

        return await FetchAsync(force: true, cancellationToken).ConfigureAwait(false) ?? _keys ?? [];
    }

    /// <summary>Fetches again after an unknown signature, unless the last fetch is more recent than the cooldown; null when skipped.</summary>
    public Task<IReadOnlyList<Ed25519PublicKeyParameters>?> RefreshAsync(CancellationToken cancellationToken = default) => FetchAsync(force: false, cancellationToken);

    private async Task<IReadOnlyList<Ed25519PublicKeyParameters>?> FetchAsync(bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DateTimeOffset now = client.Time.GetUtcNow();
            if (force && _keys is not null && now - _fetchedAt < client.Options.JwksCacheDuration)
            {
                // Another delivery fetched them while this one waited for the lock.
                return _keys;
            }

            if (!force && now - _fetchedAt < client.Options.JwksRefreshCooldown)
            {
                return null;
            }

            try
            {
                Uri uri = client.Options.JwksUri;
                using HttpResponseMessage response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), RequestKind.Idempotent, "Fetching fal's webhook keys", cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw await FalClient.ErrorAsync(response, "Fetching fal's webhook keys", cancellationToken).ConfigureAwait(false);
                }

                _keys = Parse(await FalClient.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false));
                _fetchedAt = now;
                Fetches++;
                return _keys;
            }
            catch (Exception ex) when (_keys is not null && ex is FalException or JsonException or FormatException)
            {
                // A stale key still verifies deliveries signed before a rotation; better than rejecting them all.
                FalLog.JwksStale(logger, ex.Message);
                _fetchedAt = now;
                return _keys;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Releases the fetch lock.</summary>
    public void Dispose() => _gate.Dispose();

    /// <summary>The Ed25519 keys of a JWKS document (<c>{"keys":[{"kty":"OKP","crv":"Ed25519","x":"base64url"}]}</c>).</summary>
    public static IReadOnlyList<Ed25519PublicKeyParameters> Parse(JsonElement jwks)
    {
        var keys = new List<Ed25519PublicKeyParameters>();
        if (!jwks.TryGetProperty("keys", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("fal's JWKS has no keys array.");
        }

        foreach (JsonElement key in list.EnumerateArray())
        {
            if (key.TryGetProperty("kty", out JsonElement kty) && kty.GetString() == "OKP"
                && key.TryGetProperty("crv", out JsonElement crv) && crv.GetString() == "Ed25519"
                && key.TryGetProperty("x", out JsonElement x) && x.GetString() is { } encoded)
            {
                byte[] raw = Base64Url(encoded);
                if (raw.Length == Ed25519PublicKeyParameters.KeySize)
                {
                    keys.Add(new Ed25519PublicKeyParameters(raw, 0));
                }
            }
        }

        return keys;
    }

    private static byte[] Base64Url(string text)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
