using Likeness.Providers.Fal.Webhooks;

namespace Likeness.Providers.Tests.Fal;

/// <summary>A host for fal webhooks, the way an application would wire <see cref="FalWebhookReceiver"/>.</summary>
internal static class WebhookHost
{
    public static Task<ReceiverHost<FalWebhookResult>> StartAsync(FalWebhookReceiver receiver) =>
        ReceiverHost<FalWebhookResult>.StartAsync("fal/webhook", async (headers, body, ct) =>
        {
            FalWebhookResult result = await receiver.ReceiveAsync(headers, body, ct);
            return (result, result.HttpStatus);
        });
}
