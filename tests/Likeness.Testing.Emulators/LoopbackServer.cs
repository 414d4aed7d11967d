using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Likeness.Testing.Emulators;

/// <summary>The Kestrel host every emulator runs on: 127.0.0.1 on a free port, no logging, no body size limit, one handler for every request.</summary>
internal static class LoopbackServer
{
    /// <summary>Starts a server that hands every request to <paramref name="handle"/>; returns it and its root URL (ending with '/').</summary>
    public static async Task<(WebApplication Server, Uri Root)> StartAsync(RequestDelegate handle, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        WebApplication server = builder.Build();
        server.Run(handle);
        await server.StartAsync(cancellationToken);
        string address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (server, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Cancels <paramref name="lifetime"/>, lets <paramref name="pending"/> background work (webhook loops, deliveries) end, then stops and disposes the server.</summary>
    public static async Task StopAsync(WebApplication server, CancellationTokenSource lifetime, IReadOnlyList<Task> pending)
    {
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
    }
}
