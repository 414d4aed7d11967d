using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Likeness.Testing.Emulators;

/// <summary>A quiet Kestrel server on a free 127.0.0.1 port with one request handler: the shell of the emulators and of the tests' webhook receivers.</summary>
public static class LoopbackServer
{
    /// <summary>Starts the server; dispose the returned application to stop it. <paramref name="handle"/> answers every request.</summary>
    public static async Task<(WebApplication Server, Uri Root)> StartAsync(Func<HttpContext, Task> handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        WebApplication server = builder.Build();
        server.Run(context => handle(context));
        await server.StartAsync(cancellationToken);
        string address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (server, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>
    /// Stops an emulator: cancels <paramref name="lifetime"/>, lets the background work in <paramref name="pending"/>
    /// (webhook loops and deliveries) end, stops the server, and releases the lifetime and <paramref name="http"/>.
    /// </summary>
    public static async Task StopAsync(WebApplication server, CancellationTokenSource lifetime, IEnumerable<Task> pending, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(lifetime);
        await lifetime.CancelAsync();
        try
        {
            await Task.WhenAll(pending);
        }
        catch (OperationCanceledException)
        {
            // Deliveries in flight stop with the emulator.
        }

        await server.StopAsync(CancellationToken.None);
        await server.DisposeAsync();
        http.Dispose();
        lifetime.Dispose();
    }

    /// <summary>The request's raw body.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
