using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Likeness.Testing.Emulators;

/// <summary>The Kestrel server every emulator runs on: 127.0.0.1, a free port, no body size limit, no logging.</summary>
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
}
