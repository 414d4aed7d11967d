using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Likeness.Providers.Leonardo.Callbacks;

/// <summary>What the receiver did with a callback.</summary>
public enum LeonardoCallbackDisposition
{
    /// <summary>Authorised and handled now.</summary>
    Processed,

    /// <summary>Authorised, but this generation was already handled (a redelivery).</summary>
    Duplicate,

    /// <summary>Refused: no or wrong bearer key, or not a callback.</summary>
    Rejected,
}

/// <summary>The receiver's verdict and the HTTP status to answer Leonardo with.</summary>
public sealed record LeonardoCallbackResult(LeonardoCallbackDisposition Disposition, int HttpStatus, string? GenerationId, string? Reason);

/// <summary>
/// Takes Leonardo's webhook callbacks from any HTTP host. Leonardo signs nothing: it sends
/// <c>Authorization: Bearer {the callback key set on the API key}</c>, which is compared here in constant time.
/// Each generation's handler runs once, however often the callback is redelivered; when the handler throws, the
/// claim is given back (answer 500) so the next delivery handles it.
/// </summary>
public sealed class LeonardoCallbackReceiver
{
    private readonly byte[] _expected;
    private readonly Func<LeonardoCallback, CancellationToken, Task> _handler;
    private readonly ConcurrentDictionary<string, byte> _handled = new(StringComparer.Ordinal);
    private readonly ILogger _log;

    /// <summary>Creates a receiver that accepts <paramref name="callbackKey"/> and hands each generation to <paramref name="handler"/> once.</summary>
    public LeonardoCallbackReceiver(string callbackKey, Func<LeonardoCallback, CancellationToken, Task> handler, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callbackKey);
        ArgumentNullException.ThrowIfNull(handler);
        _expected = Encoding.UTF8.GetBytes("Bearer " + callbackKey);
        _handler = handler;
        _log = logger ?? NullLogger.Instance;
    }

    /// <summary>Handles one delivery: its <c>Authorization</c> header (null when absent) and its raw body.</summary>
    public async Task<LeonardoCallbackResult> ReceiveAsync(string? authorization, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        // Constant time in the key's content; the length of what was sent is no secret.
        if (authorization is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization), _expected))
        {
            return Reject(401, null, authorization is null ? "no authorization header" : "wrong callback key");
        }

        LeonardoCallback callback;
        try
        {
            callback = LeonardoCallback.Parse(body.Span);
        }
        catch (JsonException ex)
        {
            return Reject(400, null, "malformed body: " + ex.Message);
        }

        string id = callback.Generation.Id!;
        if (!_handled.TryAdd(id, 0))
        {
            return new LeonardoCallbackResult(LeonardoCallbackDisposition.Duplicate, 200, id, null);
        }

        try
        {
            await _handler(callback, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _handled.TryRemove(id, out _);
            throw;
        }

        return new LeonardoCallbackResult(LeonardoCallbackDisposition.Processed, 200, id, null);
    }

    private LeonardoCallbackResult Reject(int status, string? id, string reason)
    {
        LeonardoLog.CallbackRejected(_log, reason);
        return new LeonardoCallbackResult(LeonardoCallbackDisposition.Rejected, status, id, reason);
    }
}
