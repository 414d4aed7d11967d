using System.Net;
using Likeness.Providers.Http;
using Likeness.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Likeness.Providers.Tests.Http;

/// <summary>The handler stack's request rate (<see cref="RequestRateLimit"/>) on a manual clock.</summary>
public sealed class RequestPacingTests
{
    /// <summary>Answers each request with the next status of a script and counts the sends.</summary>
    private sealed class ScriptedServer(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        private int _sent;

        public int Sent => Volatile.Read(ref _sent);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int index = Interlocked.Increment(ref _sent) - 1;
            return Task.FromResult(new HttpResponseMessage(statuses[Math.Min(index, statuses.Length - 1)]));
        }
    }

    private static HttpPipelineOptions Rules(RequestRateLimit rate, int retries = 0) => new()
    {
        Retry = new RetryOptions { MaxRetries = retries, InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, Jitter = 0 },
        RateLimit = rate,
    };

    private static async Task<HttpStatusCode> GetAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://provider.test/x").WithKind(RequestKind.Idempotent);
        using HttpResponseMessage response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Requests_beyond_the_permits_wait_until_the_first_leaves_the_window()
    {
        var time = new FakeTimeProvider();
        var server = new ScriptedServer(HttpStatusCode.OK);
        using var handlers = new ProviderHttpHandlers("test", Rules(new RequestRateLimit { Permits = 2, Window = TimeSpan.FromSeconds(10) }), time);
        using HttpClient http = handlers.CreateClient(server);

        Task<HttpStatusCode>[] calls = [.. Enumerable.Range(0, 3).Select(_ => GetAsync(http))];
        await Eventually.HoldsAsync(() => server.Sent == 2, "two requests were sent");
        time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, server.Sent);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.All(await Task.WhenAll(calls), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(3, server.Sent);
    }

    [Fact]
    public async Task A_429_locks_every_request_out_for_the_providers_timeout()
    {
        var time = new FakeTimeProvider();
        var server = new ScriptedServer(HttpStatusCode.TooManyRequests, HttpStatusCode.OK);
        var rate = new RequestRateLimit { Permits = 100, Window = TimeSpan.FromSeconds(10), LockoutAfter429 = TimeSpan.FromSeconds(60) };
        using var handlers = new ProviderHttpHandlers("test", Rules(rate), time);
        using HttpClient http = handlers.CreateClient(server);

        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(http));
        Task<HttpStatusCode> next = GetAsync(http);
        time.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, server.Sent);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(HttpStatusCode.OK, await next);
        Assert.Equal(2, server.Sent);
    }

    [Fact]
    public void Bad_rates_are_refused_at_start()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpPipelineOptions { RateLimit = new RequestRateLimit { Permits = 0 } }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpPipelineOptions { RateLimit = new RequestRateLimit { Window = TimeSpan.Zero } }.Validate());
    }
}
