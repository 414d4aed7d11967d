using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Likeness.Workspace.Alerts;
using Microsoft.Extensions.Options;
using Quartz;

namespace Likeness.Server.Credits;

/// <summary>
/// Drains the alert outbox: every <see cref="AlertOptions.DeliveryInterval"/> it posts each due alert to the webhook,
/// signed (<see cref="AlertSignature"/>). A 2xx marks it delivered; anything else (a status, a timeout, a refused
/// connection) keeps it pending with the next attempt after a doubling backoff, so a failed delivery never loses it.
/// One run at a time in the whole cluster; a receiver must accept a repeat (the body's <c>id</c> tells them apart).
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class AlertDeliveryJob(AlertBook alerts, IHttpClientFactory clients, IOptions<AlertOptions> options, TimeProvider time, ILogger<AlertDeliveryJob> logger) : IJob
{
    /// <summary>The Quartz job's key.</summary>
    public static readonly JobKey Key = new("alert-delivery", "likeness");

    /// <summary>The named HTTP client the deliveries use.</summary>
    public const string ClientName = "likeness-alerts";

    private const int Batch = 50;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        AlertOptions settings = options.Value;
        if (settings.WebhookUrl is not { Length: > 0 } url || settings.WebhookSecret is not { } secret)
        {
            return;
        }

        HttpClient client = clients.CreateClient(ClientName);
        foreach (Alert alert in await alerts.DueAsync(Batch, cancellationToken).ConfigureAwait(false))
        {
            string? error = await SendAsync(client, new Uri(url), secret, alert, settings.DeliveryTimeout, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                DeliveryFailed(logger, alert.Id, alert.Attempts + 1, error);
            }

            // Recorded even when the scheduler is shutting down: a delivery the receiver took is not sent again.
            await alerts.RecordAttemptAsync(alert.Id, error, settings.BackoffAfter(alert.Attempts + 1), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Posts one alert; returns null when the receiver took it, else why not.</summary>
    private async Task<string?> SendAsync(HttpClient client, Uri url, string secret, Alert alert, TimeSpan timeout, CancellationToken cancellationToken)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(AlertWebhookBody.From(alert), Json);
        long timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(AlertSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(AlertSignature.SignatureHeader, AlertSignature.Sign(secret, timestamp, body));
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using HttpResponseMessage response = await client.SendAsync(request, timeoutSource.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"the webhook answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return $"the webhook could not be reached ({ex.HttpRequestError})";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"the webhook did not answer within {timeout.TotalSeconds:0.#} s";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering alert {AlertId} failed (attempt {Attempt}): {Reason}; it stays pending")]
    private static partial void DeliveryFailed(ILogger logger, Guid alertId, int attempt, string reason);
}

/// <summary>What an alert delivery posts.</summary>
/// <param name="Id">The alert's id (the same on a repeated delivery).</param>
/// <param name="ProjectId">The project.</param>
/// <param name="Kind">budget or credits.</param>
/// <param name="UserId">The member, for credits.</param>
/// <param name="ThresholdPercent">The threshold reached.</param>
/// <param name="UsedUsd">Used when it was reached.</param>
/// <param name="LimitUsd">The budget or allowance.</param>
/// <param name="Message">One sentence.</param>
/// <param name="At">When it was recorded.</param>
public sealed record AlertWebhookBody(Guid Id, Guid ProjectId, string Kind, Guid? UserId, int ThresholdPercent, decimal UsedUsd, decimal LimitUsd, string Message, DateTimeOffset At)
{
    internal static AlertWebhookBody From(Alert a) => new(a.Id, a.ProjectId, a.Kind, a.UserId, a.ThresholdPercent, a.UsedUsd, a.LimitUsd, a.Message, a.At);
}
