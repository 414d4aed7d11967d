using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Likeness.Server.Credits;

/// <summary>
/// How alert deliveries are signed: <c>X-Likeness-Timestamp</c> is the Unix time in seconds and
/// <c>X-Likeness-Signature</c> is <c>v1=</c> and the lower-case hex HMAC-SHA256, keyed with the configured secret, of
/// the timestamp, a dot and the raw body. A receiver recomputes it, compares in constant time and refuses old
/// timestamps (replays).
/// </summary>
public static class AlertSignature
{
    /// <summary>The timestamp header.</summary>
    public const string TimestampHeader = "X-Likeness-Timestamp";

    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Likeness-Signature";

    /// <summary>The signature header's value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        byte[] prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        byte[] signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Whether <paramref name="signature"/> is the signature of <paramref name="body"/> at <paramref name="timestamp"/> (constant time).</summary>
    public static bool Verify(string secret, long timestamp, ReadOnlySpan<byte> body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature ?? ""));
}
