using Likeness.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Likeness.Server.Tests;

/// <summary>
/// A Likeness server on real Kestrel at a free loopback port, over a fresh home (SQLite and files) or a given one,
/// with an <see cref="HttpClient"/> aimed at it. Disposing stops the server and deletes a home it made.
/// </summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private readonly TempFolder? _ownHome;
    private readonly WebApplication _app;

    private ServerHost(TempFolder? ownHome, WebApplication app, Uri address)
    {
        _ownHome = ownHome;
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    /// <summary>The server's address.</summary>
    public Uri Address { get; }

    /// <summary>A client for the server's address.</summary>
    public HttpClient Client { get; }

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server on a fresh home; <paramref name="configure"/> may add settings or services before it is built.</summary>
    public static Task<ServerHost> StartAsync(Action<WebApplicationBuilder>? configure = null) => StartAsync(null, [], configure);

    /// <summary>
    /// Starts a server on <paramref name="home"/> (a fresh one when null, deleted on dispose) with <paramref name="settings"/>
    /// as command-line settings (<c>--Likeness:Jobs:PollInterval 00:00:00.2</c>), read before the services are composed.
    /// </summary>
    public static async Task<ServerHost> StartAsync(string? home, IReadOnlyList<string> settings, Action<WebApplicationBuilder>? configure = null)
    {
        TempFolder? own = home is null ? new TempFolder() : null;
        WebApplication app = LikenessServer.Build(
            ["--urls", "http://127.0.0.1:0", "--Likeness:Home", home ?? own!.Path, "--environment", "Development", .. settings],
            builder =>
            {
                builder.Logging.ClearProviders();
                configure?.Invoke(builder);
            });
        try
        {
            await app.StartAsync();
            string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new ServerHost(own, app, new Uri(address));
        }
        catch
        {
            await app.DisposeAsync();
            own?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stops the server without a graceful hand-over: the host is disposed with the stop already cancelled, so running jobs
    /// are abandoned mid-step as a killed node's would be (their Quartz firing rows stay behind for recovery).
    /// </summary>
    public async ValueTask AbandonAsync()
    {
        Client.Dispose();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        try
        {
            await _app.StopAsync(cancelled.Token);
        }
        catch (OperationCanceledException)
        {
            // Expected: nothing was waited for.
        }

        await _app.DisposeAsync();
        _ownHome?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ownHome?.Dispose();
    }
}
