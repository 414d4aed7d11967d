using Microsoft.Extensions.Logging;

namespace Likeness.Providers.Http;

/// <summary>
/// The <see cref="HttpClient"/> a provider client sends through: the one it was given (from a factory that already
/// put <see cref="ProviderHttpHandlers"/> on it; not disposed here), or a fresh one over its own handler stack built
/// from <paramref name="rules"/> (disposed with this).
/// </summary>
public sealed class ProviderHttpClient(string provider, HttpPipelineOptions rules, HttpClient? given, TimeProvider time, ILoggerFactory loggers) : IDisposable
{
    private readonly ProviderHttpHandlers? _ownStack = given is null
        ? new ProviderHttpHandlers(provider, rules, time, loggers.CreateLogger($"Likeness.Providers.Http.{provider}"))
        : null;

    private HttpClient? _built;

    /// <summary>The client to send with.</summary>
    public HttpClient Client => given ?? (_built ??= _ownStack!.CreateClient());

    /// <summary>Whether the client and its stack are this instance's to dispose.</summary>
    public bool Owned => _ownStack is not null;

    /// <summary>Disposes the client and its stack when they were built here.</summary>
    public void Dispose()
    {
        _built?.Dispose();
        _ownStack?.Dispose();
    }
}
