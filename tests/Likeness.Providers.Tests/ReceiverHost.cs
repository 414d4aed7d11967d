using System.Collections.Concurrent;
using Likeness.Testing.Emulators;
using Microsoft.AspNetCore.Builder;

namespace Likeness.Providers.Tests;

/// <summary>
/// A minimal HTTP host for a provider's webhook receiver, wired the way an application would: the request's headers
/// and exact raw body in, the receiver's verdict recorded and its status code answered.
/// </summary>
internal sealed class ReceiverHost<TResult> : IAsyncDisposable
{
    private readonly WebApplication _server;

    private ReceiverHost(WebApplication server, Uri url)
    {
        _server = server;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<TResult> Results { get; } = new();

    /// <summary>Serves <paramref name="path"/> with <paramref name="receive"/>: headers (case-insensitive) and body to the verdict and its HTTP status.</summary>
    public static async Task<ReceiverHost<TResult>> StartAsync(
        string path, Func<IReadOnlyDictionary<string, string>, byte[], CancellationToken, Task<(TResult Result, int Status)>> receive)
    {
        ReceiverHost<TResult>? host = null;
        (WebApplication server, Uri root) = await LoopbackServer.StartAsync(async context =>
        {
            if (context.Request.Path.Value?.TrimStart('/') != path || context.Request.Method != "POST")
            {
                context.Response.StatusCode = 404;
                return;
            }

            byte[] body = await LoopbackServer.ReadBodyAsync(context.Request, context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            (TResult result, int status) = await receive(headers, body, context.RequestAborted);
            host!.Results.Enqueue(result);
            context.Response.StatusCode = status;
        });
        host = new ReceiverHost<TResult>(server, new Uri(root, path));
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
    }
}
