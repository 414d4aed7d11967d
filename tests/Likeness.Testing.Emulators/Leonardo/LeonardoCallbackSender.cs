using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Likeness.Testing.Emulators.Leonardo;

/// <summary>
/// Posts <c>image_generation.complete</c> callbacks with <c>authorization: Bearer {CallbackKey}</c>, retrying
/// non-2xx and unreachable receivers up to <see cref="LeonardoEmulatorOptions.CallbackAttempts"/>; records every attempt.
/// </summary>
internal sealed class LeonardoCallbackSender(LeonardoEmulatorOptions options, HttpClient http)
{
    private readonly ConcurrentQueue<LeonardoCallbackDelivery> _attempts = new();
    private readonly ConcurrentDictionary<string, (Uri Url, byte[] Body)> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public IReadOnlyList<LeonardoCallbackDelivery> Attempts => [.. _attempts];

    /// <summary>The envelope (UNCONFIRMED in the sources; see the README).</summary>
    public static byte[] Body(JsonObject generation, DateTimeOffset now) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["type"] = "image_generation.complete",
        ["object"] = "generation",
        ["timestamp"] = now.ToUnixTimeSeconds(),
        ["api_version"] = "v1",
        ["data"] = new JsonObject { ["object"] = generation },
    });

    public async Task DeliverAsync(string generationId, Uri url, byte[] body, CancellationToken cancellationToken)
    {
        _sent[generationId] = (url, body);
        for (int i = 0; i < options.CallbackAttempts; i++)
        {
            if (await PostAsync(generationId, url, body, options.CallbackKey, cancellationToken) is >= 200 and < 300)
            {
                return;
            }
        }
    }

    /// <summary>Posts the generation's last callback again, byte for byte, with <paramref name="key"/> (the configured key when null).</summary>
    public async Task<int?> RedeliverAsync(string generationId, string? key, CancellationToken cancellationToken)
    {
        if (!_sent.TryGetValue(generationId, out var sent))
        {
            throw new InvalidOperationException($"No callback was delivered for generation {generationId} yet.");
        }

        return await PostAsync(generationId, sent.Url, sent.Body, key ?? options.CallbackKey, cancellationToken);
    }

    private async Task<int?> PostAsync(string generationId, Uri url, byte[] body, string? key, CancellationToken cancellationToken)
    {
        int attempt = _counts.AddOrUpdate(generationId, 1, (_, n) => n + 1);
        int? status = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("authorization", "Bearer " + key);
            }

            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // Unreachable receiver: recorded without a status, retried like a failure.
        }

        _attempts.Enqueue(new LeonardoCallbackDelivery(generationId, attempt, status));
        return status;
    }
}
