using Likeness.Providers.Astria.Callbacks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Likeness.Providers.Tests.Astria;

/// <summary>
/// A minimal ASP.NET host for Astria callbacks, the way an application would wire <see cref="AstriaCallbacks"/>:
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
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        app.MapPost("/astria/callback", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            return Results.StatusCode(callbacks().Receive(query, buffer.ToArray()).HttpStatus);
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AstriaCallbackHost(app, new Uri(address.TrimEnd('/') + "/astria/callback?app=likeness"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
