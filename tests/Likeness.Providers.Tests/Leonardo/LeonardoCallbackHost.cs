using Likeness.Providers.Leonardo.Callbacks;

namespace Likeness.Providers.Tests.Leonardo;

/// <summary>A host for Leonardo callbacks, the way an application would wire <see cref="LeonardoCallbackReceiver"/>: the Authorization header and raw body in.</summary>
internal static class LeonardoCallbackHost
{
    public static Task<ReceiverHost<LeonardoCallbackResult>> StartAsync(LeonardoCallbackReceiver receiver) =>
        ReceiverHost<LeonardoCallbackResult>.StartAsync("leonardo/callback", async (headers, body, ct) =>
        {
            LeonardoCallbackResult result = await receiver.ReceiveAsync(headers.GetValueOrDefault("Authorization"), body, ct);
            return (result, result.HttpStatus);
        });
}
