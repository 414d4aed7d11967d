using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Likeness.Providers.Replicate.Webhooks;

/// <summary>The verdict on one delivery: valid, or why not; with its <c>webhook-id</c> (the idempotency key).</summary>
public sealed record ReplicateWebhookVerification(bool IsValid, string? WebhookId, string? Reason)
{
    internal static ReplicateWebhookVerification Invalid(string? id, string reason) => new(false, id, reason);
}

/// <summary>
/// Verifies Replicate webhook deliveries (providers.md §2.4): <c>HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}")</c>
/// in base64 must equal one of the <c>v1,…</c> signatures in <c>webhook-signature</c> (compared in constant time),
/// where the key is the base64 after <c>whsec_</c> of the secret from <c>GET /webhooks/default/secret</c>, fetched
/// once and cached for <see cref="ReplicateClientOptions.SecretCacheDuration"/>. Timestamps older or newer than
/// <see cref="ReplicateClientOptions.WebhookTolerance"/> are refused, so a captured delivery cannot be replayed later.
/// </summary>
public sealed class ReplicateWebhookVerifier(ReplicateClient client) : IDisposable
{
    private const string SecretPrefix = "whsec_";
    private readonly SemaphoreSlim _fetch = new(1, 1);
    private (byte[] Key, DateTimeOffset At)? _secret;

    /// <summary>Verifies a delivery; <paramref name="header"/> reads a request header by name (case-insensitive), <paramref name="body"/> is the exact raw body.</summary>
    public async Task<ReplicateWebhookVerification> VerifyAsync(Func<string, string?> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        string? id = header("webhook-id"), timestamp = header("webhook-timestamp"), signatures = header("webhook-signature");
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(timestamp) || string.IsNullOrWhiteSpace(signatures))
        {
            return ReplicateWebhookVerification.Invalid(id, "missing webhook-id, webhook-timestamp or webhook-signature");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            return ReplicateWebhookVerification.Invalid(id, "webhook-timestamp is not unix seconds");
        }

        TimeSpan age = client.Time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if (age.Duration() > client.Options.WebhookTolerance)
        {
            return ReplicateWebhookVerification.Invalid(id, $"timestamp is {age.TotalSeconds:0} s from now (tolerance {client.Options.WebhookTolerance.TotalSeconds:0} s)");
        }

        byte[] key = await KeyAsync(cancellationToken).ConfigureAwait(false);
        byte[] expected = Sign(key, id, timestamp, body.Span);
        foreach (string entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || entry[..comma] != "v1")
            {
                continue;
            }

            byte[] given;
            try
            {
                given = Convert.FromBase64String(entry[(comma + 1)..]);
            }
            catch (FormatException)
            {
                continue;
            }

            if (CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return new ReplicateWebhookVerification(true, id, null);
            }
        }

        return ReplicateWebhookVerification.Invalid(id, "no signature matches the account's signing secret");
    }

    /// <summary>The raw HMAC of a delivery (what senders base64 into <c>v1,…</c>).</summary>
    public static byte[] Sign(byte[] key, string webhookId, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] head = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.");
        byte[] content = new byte[head.Length + body.Length];
        head.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(head.Length));
        return HMACSHA256.HashData(key, content);
    }

    /// <summary>The HMAC key of a <c>whsec_…</c> secret.</summary>
    public static byte[] KeyOf(string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        string encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            return Convert.FromBase64String(encoded);
        }
        catch (FormatException ex)
        {
            throw new ReplicateException("Replicate's webhook secret is not whsec_ followed by base64.", innerException: ex);
        }
    }

    /// <summary>Releases the fetch lock.</summary>
    public void Dispose() => _fetch.Dispose();

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = client.Time.GetUtcNow();
        if (_secret is { } cached && now - cached.At < client.Options.SecretCacheDuration)
        {
            return cached.Key;
        }

        await _fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_secret is { } again && now - again.At < client.Options.SecretCacheDuration)
            {
                return again.Key;
            }

            byte[] key = KeyOf(await client.GetWebhookSecretAsync(cancellationToken).ConfigureAwait(false));
            _secret = (key, now);
            return key;
        }
        finally
        {
            _fetch.Release();
        }
    }
}
