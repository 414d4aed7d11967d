using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Likeness.Testing.Emulators.Fal.Apps;

namespace Likeness.Testing.Emulators.Fal.Webhooks;

/// <summary>
/// Posts signed completion webhooks (providers.md §1.5), retrying non-2xx and unreachable receivers; every retry is
/// signed afresh (fal's retries span hours, far beyond the 300 s timestamp window). Records every attempt.
/// </summary>
internal sealed class FalWebhookSender(FalEmulatorOptions options, FalSigningKeys keys, HttpClient http)
{
    private readonly ConcurrentQueue<FalWebhookDelivery> _attempts = new();
    private readonly ConcurrentDictionary<string, Sent> _sent = new(StringComparer.Ordinal);

    public IReadOnlyList<FalWebhookDelivery> Attempts => [.. _attempts];

    /// <summary><c>{request_id, gateway_request_id, status, payload, error?}</c> as raw bytes.</summary>
    public static byte[] Body(string requestId, FalOutcome outcome)
    {
        var body = new JsonObject
        {
            ["request_id"] = requestId,
            ["gateway_request_id"] = requestId,
            ["status"] = outcome.IsSuccess ? "OK" : "ERROR",
            ["payload"] = outcome.Body.DeepClone(),
        };
        if (!outcome.IsSuccess)
        {
            body["error"] = $"Invalid status code: {outcome.Status}";
        }

        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    public async Task DeliverAsync(string requestId, Uri url, FalOutcome outcome, CancellationToken cancellationToken)
    {
        byte[] body = Body(requestId, outcome);
        var sent = _sent.GetOrAdd(requestId, _ => new Sent(url));
        int attempts = Math.Max(1, options.WebhookAttempts);
        for (int i = 0; i < attempts; i++)
        {
            FalSignedDelivery delivery = keys.Sign(requestId, options.UserId, body, options.Time.GetUtcNow());
            sent.Last = delivery;
            int? status = await PostAsync(requestId, sent, delivery, cancellationToken);
            if (status is >= 200 and < 300)
            {
                return;
            }

            await Task.Delay(options.WebhookRetryDelay, cancellationToken);
        }
    }

    /// <summary>Posts the last signed delivery of a request again, byte for byte (a redelivery or a replay).</summary>
    public async Task RedeliverAsync(string requestId, CancellationToken cancellationToken)
    {
        if (!_sent.TryGetValue(requestId, out Sent? sent) || sent.Last is not { } delivery)
        {
            throw new InvalidOperationException($"No webhook was delivered for request {requestId} yet.");
        }

        await PostAsync(requestId, sent, delivery, cancellationToken);
    }

    private async Task<int?> PostAsync(string requestId, Sent sent, FalSignedDelivery delivery, CancellationToken cancellationToken)
    {
        int attempt = Interlocked.Increment(ref sent.Attempts);
        int? status = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, sent.Url) { Content = new ByteArrayContent(delivery.Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            foreach ((string name, string value) in delivery.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // Unreachable receiver: recorded without a status, retried like a failure.
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The receiver timed out.
        }

        _attempts.Enqueue(new FalWebhookDelivery(requestId, sent.Url, attempt, status));
        return status;
    }

    private sealed class Sent(Uri url)
    {
        public int Attempts;

        public Uri Url { get; } = url;

        public FalSignedDelivery? Last { get; set; }
    }
}
