using Likeness.Providers.Astria.Callbacks;
using Likeness.Testing.Emulators;
using Microsoft.AspNetCore.Builder;

namespace Likeness.Providers.Tests.Astria;

/// <summary>
/// A minimal HTTP host for Astria callbacks, the way an application would wire <see cref="AstriaCallbacks"/>:
/// the query string and the raw body in, the verdict's status code out.
/// </summary>
internal sealed class AstriaCallbackHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AstriaCallbackHost(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<AstriaCallbackHost> StartAsync(Func<AstriaCallbacks> callbacks)
    {
        (WebApplication app, Uri root) = await LoopbackServer.StartAsync(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            context.Response.StatusCode = callbacks().Receive(query, buffer.ToArray()).HttpStatus;
        });
        return new AstriaCallbackHost(app, new Uri(root, "astria/callback?app=likeness"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
