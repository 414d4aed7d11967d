using System.Net;
using Likeness.Providers.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Likeness.Providers.Tests.Http;

/// <summary>Who owns the HTTP client a provider client sends through.</summary>
public sealed class ProviderHttpClientTests
{
    private sealed class Answering : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
    }

    [Fact]
    public async Task A_given_client_is_used_as_is_and_outlives_it()
    {
        using var given = new HttpClient(new Answering());
        using (var transport = new ProviderHttpClient("test", new HttpPipelineOptions(), given, TimeProvider.System, NullLoggerFactory.Instance))
        {
            Assert.Same(given, transport.Client);
            Assert.False(transport.Owned);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await given.GetAsync(new Uri("http://127.0.0.1:9/"))).StatusCode);
    }

    [Fact]
    public async Task An_own_client_is_built_once_over_the_stack_and_disposed_with_it()
    {
        var transport = new ProviderHttpClient("test", new HttpPipelineOptions(), null, TimeProvider.System, NullLoggerFactory.Instance);
        HttpClient client = transport.Client;
        Assert.Same(client, transport.Client);
        Assert.True(transport.Owned);
        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
        transport.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetAsync(new Uri("http://127.0.0.1:9/")));
    }
}
