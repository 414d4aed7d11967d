using System.Collections.Concurrent;
using Likeness.Providers.Leonardo.Callbacks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Likeness.Providers.Tests.Leonardo;

/// <summary>A minimal ASP.NET host for Leonardo callbacks, wired the way an application would: the Authorization header and raw body in, the receiver's status out.</summary>
internal sealed class LeonardoCallbackHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LeonardoCallbackHost(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<LeonardoCallbackResult> Results { get; } = new();

    public static async Task<LeonardoCallbackHost> StartAsync(LeonardoCallbackReceiver receiver)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        LeonardoCallbackHost? host = null;
        app.MapPost("/leonardo/callback", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            string? authorization = context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;
            LeonardoCallbackResult result = await receiver.ReceiveAsync(authorization, buffer.ToArray(), context.RequestAborted);
            host!.Results.Enqueue(result);
            return Microsoft.AspNetCore.Http.Results.StatusCode(result.HttpStatus);
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host = new LeonardoCallbackHost(app, new Uri(address.TrimEnd('/') + "/leonardo/callback"));
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
