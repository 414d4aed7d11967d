using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Likeness.Testing.Emulators.Fal.Webhooks;

/// <summary>
/// The emulator's Ed25519 webhook keys: one signs, the published set (JWKS) holds it and, after a rotation that
/// keeps it, the previous ones.
/// </summary>
internal sealed class FalSigningKeys
{
    private readonly Lock _gate = new();
    private readonly SecureRandom _random = new();
    private readonly List<Ed25519PublicKeyParameters> _published = [];
    private Ed25519PrivateKeyParameters _current;

    public FalSigningKeys()
    {
        _current = new Ed25519PrivateKeyParameters(_random);
        _published.Add(_current.GeneratePublicKey());
    }

    public void Rotate(bool keepOldKeyPublished)
    {
        lock (_gate)
        {
            _current = new Ed25519PrivateKeyParameters(_random);
            if (!keepOldKeyPublished)
            {
                _published.Clear();
            }

            _published.Insert(0, _current.GeneratePublicKey());
        }
    }

    /// <summary>The headers fal sends: the signature is hex Ed25519 over <c>request_id\nuser_id\ntimestamp\nhex(sha256(body))</c>.</summary>
    public FalSignedDelivery Sign(string requestId, string userId, ReadOnlySpan<byte> body, DateTimeOffset timestamp)
    {
        string seconds = timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string message = $"{requestId}\n{userId}\n{seconds}\n{Convert.ToHexStringLower(SHA256.HashData(body))}";
        byte[] bytes = Encoding.UTF8.GetBytes(message);
        var signer = new Ed25519Signer();
        lock (_gate)
        {
            signer.Init(true, _current);
        }

        signer.BlockUpdate(bytes, 0, bytes.Length);
        string signature = Convert.ToHexStringLower(signer.GenerateSignature());
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-Fal-Webhook-Request-Id"] = requestId,
            ["X-Fal-Webhook-User-Id"] = userId,
            ["X-Fal-Webhook-Timestamp"] = seconds,
            ["X-Fal-Webhook-Signature"] = signature,
        };
        return new FalSignedDelivery(headers, body.ToArray());
    }

    /// <summary><c>{"keys":[{"kty":"OKP","crv":"Ed25519","x":"&lt;base64url&gt;"}]}</c>, newest first.</summary>
    public JsonObject Jwks()
    {
        var keys = new JsonArray();
        lock (_gate)
        {
            foreach (Ed25519PublicKeyParameters key in _published)
            {
                keys.Add(new JsonObject
                {
                    ["kty"] = "OKP",
                    ["crv"] = "Ed25519",
                    ["x"] = Base64Url(key.GetEncoded()),
                });
            }
        }

        return new JsonObject { ["keys"] = keys };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
