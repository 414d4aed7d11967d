using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Likeness.Testing.Emulators.Tests.Fal;

/// <summary>
/// Verifies a fal webhook signature from scratch (JWKS keys, the documented message, BouncyCastle), independently of
/// the emulator's signing code.
/// </summary>
internal static class Ed25519Check
{
    public static bool Verify(JsonElement jwks, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        string message = string.Join('\n',
            headers["X-Fal-Webhook-Request-Id"],
            headers["X-Fal-Webhook-User-Id"],
            headers["X-Fal-Webhook-Timestamp"],
            Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant());
        byte[] bytes = Encoding.UTF8.GetBytes(message);
        byte[] signature = Convert.FromHexString(headers["X-Fal-Webhook-Signature"]);
        foreach (JsonElement key in jwks.GetProperty("keys").EnumerateArray())
        {
            Assert.Equal("OKP", key.GetProperty("kty").GetString());
            Assert.Equal("Ed25519", key.GetProperty("crv").GetString());
            string x = key.GetProperty("x").GetString()!.Replace('-', '+').Replace('_', '/');
            byte[] raw = Convert.FromBase64String(x.PadRight(x.Length + ((4 - (x.Length % 4)) % 4), '='));
            var verifier = new Ed25519Signer();
            verifier.Init(false, new Ed25519PublicKeyParameters(raw, 0));
            verifier.BlockUpdate(bytes, 0, bytes.Length);
            if (verifier.VerifySignature(signature))
            {
                return true;
            }
        }

        return false;
    }
}
