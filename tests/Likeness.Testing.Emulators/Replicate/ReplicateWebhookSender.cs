using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Likeness.Testing.Emulators.Replicate;

/// <summary>One delivery attempt: the event, its <c>webhook-id</c>, and the receiver's answer (null when unreachable).</summary>
public sealed record ReplicateWebhookAttempt(string JobId, string Event, string WebhookId, int? Status);

/// <summary>A signed delivery's headers and body, for forging and replay tests.</summary>
public sealed record ReplicateSignedDelivery(string WebhookId, string Timestamp, string Signature, byte[] Body)
{
    /// <summary>The three headers as a receiver reads them.</summary>
    public IReadOnlyDictionary<string, string> Headers => new Dictionary<string, string>
    {
        ["webhook-id"] = WebhookId, ["webhook-timestamp"] = Timestamp, ["webhook-signature"] = Signature,
    };
}

/// <summary>
/// Posts signed webhooks (providers.md §2.4): <c>webhook-id</c> (stable across retries), <c>webhook-timestamp</c> and
/// <c>webhook-signature</c> <c>v1,base64(HMAC-SHA256(key, id.timestamp.body))</c> with the account's <c>whsec_</c> secret.
/// Only the terminal event is retried, on non-2xx or an unreachable receiver; intermediate events are sent once.
/// </summary>
internal sealed class ReplicateWebhookSender(ReplicateEmulatorOptions options, HttpClient http)
{
    private readonly ConcurrentQueue<ReplicateWebhookAttempt> _attempts = new();
    private readonly ConcurrentDictionary<string, (Uri Url, ReplicateSignedDelivery Delivery)> _last = new(StringComparer.Ordinal);

    /// <summary>The account's signing secret, as <c>GET /webhooks/default/secret</c> returns it.</summary>
    public string Secret { get; } = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public IReadOnlyList<ReplicateWebhookAttempt> Attempts => [.. _attempts];

    public ReplicateSignedDelivery Sign(string webhookId, byte[] body, DateTimeOffset at, string? secret = null)
    {
        string timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        byte[] key = Convert.FromBase64String((secret ?? Secret)["whsec_".Length..]);
        byte[] content = [.. Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}."), .. body];
        return new ReplicateSignedDelivery(webhookId, timestamp, "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content)), body);
    }

    public async Task DeliverAsync(string jobId, string eventName, Uri url, byte[] body, bool retry, CancellationToken cancellationToken)
    {
        string webhookId = "msg_" + ReplicateStore.NewId();
        int attempts = retry ? options.WebhookAttempts : 1;
        for (int i = 0; i < attempts; i++)
        {
            // Each retry is signed afresh at its own time, with the same webhook-id (the receiver's dedupe key).
            ReplicateSignedDelivery delivery = Sign(webhookId, body, options.Time.GetUtcNow());
            _last[jobId] = (url, delivery);
            int? status = await PostAsync(jobId, eventName, url, delivery, cancellationToken);
            if (status is >= 200 and < 300)
            {
                return;
            }

            await Task.Delay(options.WebhookRetryDelay, cancellationToken);
        }
    }

    /// <summary>Posts the job's last delivery again, byte for byte and headers included (a replay).</summary>
    public async Task RedeliverAsync(string jobId, CancellationToken cancellationToken)
    {
        if (!_last.TryGetValue(jobId, out var last))
        {
            throw new InvalidOperationException($"No webhook was delivered for {jobId} yet.");
        }

        await PostAsync(jobId, "redelivery", last.Url, last.Delivery, cancellationToken);
    }

    private async Task<int?> PostAsync(string jobId, string eventName, Uri url, ReplicateSignedDelivery delivery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(delivery.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in delivery.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        int? status;
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            status = null;
        }

        _attempts.Enqueue(new ReplicateWebhookAttempt(jobId, eventName, delivery.WebhookId, status));
        return status;
    }
}
