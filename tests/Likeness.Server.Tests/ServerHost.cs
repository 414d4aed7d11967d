using Likeness.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Likeness.Server.Tests;

/// <summary>
/// A Likeness server on real Kestrel at a free loopback port, over a fresh home (SQLite and files), with an
/// <see cref="HttpClient"/> aimed at it. Disposing stops the server and deletes the home.
/// </summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private readonly TempFolder _home;
    private readonly WebApplication _app;

    private ServerHost(TempFolder home, WebApplication app, Uri address)
    {
        _home = home;
        _app = app;
        Client = new HttpClient { BaseAddress = address };
    }

    /// <summary>A client for the server's address.</summary>
    public HttpClient Client { get; }

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server; <paramref name="configure"/> may add settings or services before it is built.</summary>
    public static async Task<ServerHost> StartAsync(Action<WebApplicationBuilder>? configure = null)
    {
        var home = new TempFolder();
        WebApplication app = LikenessServer.Build(
            ["--urls", "http://127.0.0.1:0", "--Likeness:Home", home.Path, "--environment", "Development"],
            builder =>
            {
                builder.Logging.ClearProviders();
                configure?.Invoke(builder);
            });
        try
        {
            await app.StartAsync();
            string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new ServerHost(home, app, new Uri(address));
        }
        catch
        {
            await app.DisposeAsync();
            home.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _home.Dispose();
    }
}
