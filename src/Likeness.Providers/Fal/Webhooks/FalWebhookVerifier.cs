using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Likeness.Providers.Fal.Webhooks;

/// <summary>A verified (or refused) webhook delivery.</summary>
/// <param name="IsValid">True when the signature verifies and the timestamp is fresh.</param>
/// <param name="Reason">Why it was refused.</param>
/// <param name="RequestId">The <c>X-Fal-Webhook-Request-Id</c>.</param>
/// <param name="UserId">The <c>X-Fal-Webhook-User-Id</c>.</param>
public sealed record FalWebhookVerification(bool IsValid, string? Reason, string? RequestId, string? UserId);

/// <summary>
/// Verifies fal webhook deliveries: Ed25519 over UTF-8 <c>request_id \n user_id \n timestamp \n hex(sha256(raw body))</c>
/// against every key in fal's JWKS (no key id is sent), timestamps within <see cref="FalClientOptions.WebhookTolerance"/>.
/// </summary>
public sealed class FalWebhookVerifier(FalClient client, FalSigningKeys keys)
{
    /// <summary>The request id header.</summary>
    public const string RequestIdHeader = "X-Fal-Webhook-Request-Id";

    /// <summary>The user id header.</summary>
    public const string UserIdHeader = "X-Fal-Webhook-User-Id";

    /// <summary>The unix-seconds timestamp header.</summary>
    public const string TimestampHeader = "X-Fal-Webhook-Timestamp";

    /// <summary>The hex signature header.</summary>
    public const string SignatureHeader = "X-Fal-Webhook-Signature";

    /// <summary>Checks one delivery; <paramref name="header"/> looks a header up by name (case-insensitively).</summary>
    public async Task<FalWebhookVerification> VerifyAsync(Func<string, string?> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        string? requestId = header(RequestIdHeader), userId = header(UserIdHeader), timestamp = header(TimestampHeader), signature = header(SignatureHeader);
        if (requestId is null || userId is null || timestamp is null || signature is null)
        {
            return new(false, "missing X-Fal-Webhook-* headers", requestId, userId);
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            return new(false, "malformed timestamp", requestId, userId);
        }

        double age = Math.Abs(client.Time.GetUtcNow().ToUnixTimeSeconds() - (double)seconds);
        if (age > client.Options.WebhookTolerance.TotalSeconds)
        {
            return new(false, $"timestamp {age:0} s away from now (more than {client.Options.WebhookTolerance.TotalSeconds:0} s)", requestId, userId);
        }

        byte[] sig;
        try
        {
            sig = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return new(false, "malformed signature", requestId, userId);
        }

        if (sig.Length != 64)
        {
            return new(false, "malformed signature", requestId, userId);
        }

        byte[] message = Encoding.UTF8.GetBytes($"{requestId}\n{userId}\n{timestamp}\n{Convert.ToHexStringLower(SHA256.HashData(body.Span))}");
        if (Matches(await keys.GetAsync(cancellationToken).ConfigureAwait(false), message, sig))
        {
            return new(true, null, requestId, userId);
        }

        // fal may have rotated its key: look again (rate-limited) before refusing.
        return await keys.RefreshAsync(cancellationToken).ConfigureAwait(false) is { } fresh && Matches(fresh, message, sig)
            ? new(true, null, requestId, userId)
            : new(false, "signature matches none of fal's keys", requestId, userId);
    }

    private static bool Matches(IReadOnlyList<Ed25519PublicKeyParameters> candidates, byte[] message, byte[] signature)
    {
        foreach (Ed25519PublicKeyParameters key in candidates)
        {
            var verifier = new Ed25519Signer();
            verifier.Init(false, key);
            verifier.BlockUpdate(message, 0, message.Length);
            if (verifier.VerifySignature(signature))
            {
                return true;
            }
        }

        return false;
    }
}
