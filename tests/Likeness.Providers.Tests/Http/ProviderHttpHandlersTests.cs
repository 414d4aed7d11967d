using System.Net;
using Likeness.Providers.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Likeness.Providers.Tests.Http;

/// <summary>The handler stack on a manual clock: what is retried, after how long, and what is never re-sent.</summary>
public sealed class ProviderHttpHandlersTests
{
    /// <summary>Answers each request with the next status of a script and counts the sends.</summary>
    private sealed class ScriptedServer(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        private int _sent;

        public int Sent => _sent;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int index = Interlocked.Increment(ref _sent) - 1;
            return Task.FromResult(new HttpResponseMessage(statuses[Math.Min(index, statuses.Length - 1)]));
        }
    }

    /// <summary>Answers 200 to every request; the first answer's body breaks off after the headers.</summary>
    private sealed class DroppedBodyServer : HttpMessageHandler
    {
        private int _sent;

        public int Sent => _sent;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            bool first = Interlocked.Increment(ref _sent) == 1;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = first ? new BrokenContent() : new StringContent("done") });
        }
    }

    private sealed class BrokenContent : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            throw new IOException("The connection was reset after the headers.");

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static HttpPipelineOptions ImmediateRetries() =>
        Rules() with { Retry = new RetryOptions { MaxRetries = 2, InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero } };

    private static HttpPipelineOptions Rules(int minimum500Seconds = 0) => new()
    {
        Retry = new RetryOptions { MaxRetries = 3, InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), Jitter = 0 },
        MinimumDelays = minimum500Seconds > 0 ? new Dictionary<int, TimeSpan> { [500] = TimeSpan.FromSeconds(minimum500Seconds) } : new Dictionary<int, TimeSpan>(),
    };

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, HttpMethod method, RequestKind kind)
    {
        using var request = new HttpRequestMessage(method, "http://provider.test/x").WithKind(kind);
        using HttpResponseMessage response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public Task Idempotent_request_is_retried_only_after_the_backoff_has_passed_on_the_clock() =>
        AssertRetriedAfterAsync(Rules(), HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(1));

    [Fact]
    public async Task Submission_answered_with_a_gateway_error_is_not_sent_again()
    {
        var server = new ScriptedServer(HttpStatusCode.BadGateway, HttpStatusCode.OK);
        using var handlers = new ProviderHttpHandlers("test", Rules(), new FakeTimeProvider());
        using HttpClient http = handlers.CreateClient(server);

        Assert.Equal(HttpStatusCode.BadGateway, await SendAsync(http, HttpMethod.Post, RequestKind.Submission));
        Assert.Equal(1, server.Sent);
    }

    [Fact]
    public Task Minimum_delay_for_a_status_holds_the_retry_back() =>
        AssertRetriedAfterAsync(Rules(minimum500Seconds: 30), HttpStatusCode.InternalServerError, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Factory_client_gets_the_handlers_and_retries_a_throttled_submission()
    {
        var server = new ScriptedServer(HttpStatusCode.TooManyRequests, HttpStatusCode.OK);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(TimeProvider.System);
        services.AddHttpClient("provider").ConfigurePrimaryHttpMessageHandler(() => server)
            .AddLikenessProviderHandlers("test", _ => Rules() with { Retry = new RetryOptions { MaxRetries = 2, InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero } });
        using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("provider");

        Assert.Equal(HttpStatusCode.OK, await SendAsync(http, HttpMethod.Post, RequestKind.Submission));
        Assert.Equal(2, server.Sent);
    }

    [Fact]
    public async Task Body_lost_after_the_headers_is_retried_within_the_rules_for_an_idempotent_request()
    {
        var server = new DroppedBodyServer();
        using var handlers = new ProviderHttpHandlers("test", ImmediateRetries(), new FakeTimeProvider());
        using HttpClient http = handlers.CreateClient(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://provider.test/x").WithKind(RequestKind.Idempotent);

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal("done", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, server.Sent);
    }

    [Fact]
    public async Task Body_lost_after_the_headers_of_a_submission_is_reported_as_an_unknown_outcome_and_not_sent_again()
    {
        var server = new DroppedBodyServer();
        using var handlers = new ProviderHttpHandlers("test", ImmediateRetries(), new FakeTimeProvider());
        using HttpClient http = handlers.CreateClient(server);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://provider.test/x").WithKind(RequestKind.Submission);

        await Assert.ThrowsAsync<RequestOutcomeUnknownException>(() => http.SendAsync(request));
        Assert.Equal(1, server.Sent);
    }

    /// <summary>A GET answered <paramref name="first"/> is re-sent exactly when <paramref name="wait"/> has passed on the manual clock.</summary>
    private static async Task AssertRetriedAfterAsync(HttpPipelineOptions rules, HttpStatusCode first, TimeSpan wait)
    {
        var time = new FakeTimeProvider();
        var server = new ScriptedServer(first, HttpStatusCode.OK);
        using var handlers = new ProviderHttpHandlers("test", rules, time);
        using HttpClient http = handlers.CreateClient(server);

        Task<HttpStatusCode> call = SendAsync(http, HttpMethod.Get, RequestKind.Idempotent);
        await Likeness.Testing.Eventually.HoldsAsync(() => server.Sent == 1, "the first attempt was sent");
        time.Advance(wait - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, server.Sent);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(HttpStatusCode.OK, await call);
        Assert.Equal(2, server.Sent);
    }
}
