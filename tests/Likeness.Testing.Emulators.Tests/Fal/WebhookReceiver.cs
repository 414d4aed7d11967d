using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Likeness.Testing.Emulators.Tests.Fal;

/// <summary>A local HTTP endpoint that records webhook posts (headers and raw body) and answers with scripted status codes.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script;

    private WebhookReceiver(WebApplication app, ConcurrentQueue<int> script, Uri url)
    {
        _app = app;
        _script = script;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<Received> Posts { get; } = new();

    /// <summary>Starts a receiver answering <paramref name="statuses"/> in turn, then 200.</summary>
    public static async Task<WebhookReceiver> StartAsync(params int[] statuses)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            receiver!.Posts.Enqueue(new Received(headers, body.ToArray()));
            context.Response.StatusCode = receiver._script.TryDequeue(out int status) ? status : 200;
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new ConcurrentQueue<int>(statuses), new Uri(address.TrimEnd('/') + "/hooks/fal"));
        return receiver;
    }

    /// <summary>Waits (real time) until <paramref name="count"/> posts arrived.</summary>
    public async Task<Received[]> WaitForAsync(int count)
    {
        await Eventually.HoldsAsync(() => Posts.Count >= count, $"{count} webhook posts");
        return [.. Posts];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed record Received(IReadOnlyDictionary<string, string> Headers, byte[] Body);
}
