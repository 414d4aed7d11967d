using Likeness.Providers.Fal;
using Likeness.Testing.Emulators.Fal;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Likeness.Server.Tests;

/// <summary>
/// Points a test server's fal client at a <see cref="FalEmulator"/> (its key, hosts and JWKS), as FAL_KEY and LIKENESS_FAL_* would,
/// with trainings' completions delivered to <c>webhook</c> when given and anything else <c>configure</c> sets (its retries).
/// </summary>
internal static class FalServer
{
    public const string Training = "fal-ai/flux-lora-fast-training";

    public static Action<WebApplicationBuilder> At(FalEmulator fal, Uri? webhook = null, Action<FalClientOptions>? configure = null) => builder =>
    {
        var options = new FalClientOptions
        {
            Key = fal.Key,
            QueueUri = fal.QueueUri,
            SyncUri = fal.SyncUri,
            RestUri = fal.RestUri,
            JwksUri = fal.JwksUri,
            WebhookUrl = webhook,
        };
        configure?.Invoke(options);
        builder.Services.AddSingleton(Options.Create(options));
    };
}
