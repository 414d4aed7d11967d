using System.Collections.Concurrent;
using Likeness.Providers.Fal.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Likeness.Providers.Tests.Fal;

/// <summary>
/// A minimal ASP.NET host for webhooks, the way an application would wire <see cref="FalWebhookReceiver"/> (or Replicate's receiver):
/// headers and the exact raw body in, the receiver's status code out.
/// </summary>
internal sealed class WebhookHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookHost(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<FalWebhookResult> Results { get; } = new();

    public static async Task<WebhookHost> StartAsync(FalWebhookReceiver receiver)
    {
        WebhookHost? host = null;
        host = await StartAsync(async (headers, body, cancellationToken) =>
        {
            FalWebhookResult result = await receiver.ReceiveAsync(headers, body, cancellationToken);
            host!.Results.Enqueue(result);
            return result.HttpStatus;
        });
        return host;
    }

    /// <summary>A host that hands each delivery's headers and raw body to <paramref name="handle"/> and answers with the status it returns (any provider's webhooks).</summary>
    public static async Task<WebhookHost> StartAsync(Func<IReadOnlyDictionary<string, string>, byte[], CancellationToken, Task<int>> handle)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        app.MapPost("/webhook", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            return Microsoft.AspNetCore.Http.Results.StatusCode(await handle(headers, buffer.ToArray(), context.RequestAborted));
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebhookHost(app, new Uri(address.TrimEnd('/') + "/webhook"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
