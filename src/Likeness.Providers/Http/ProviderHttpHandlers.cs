using System.Threading.RateLimiting;
using InFlightLimiter = System.Threading.RateLimiting.ConcurrencyLimiter;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Likeness.Providers.Http;

/// <summary>
/// One provider's HTTP rules as a handler stack: <see cref="ProviderOutcomeHandler"/> (typed failures) over a
/// Polly pipeline in a <see cref="ResilienceHandler"/> (retry with backoff, jitter and <c>Retry-After</c>, then a
/// provider's request rate when it has one (<see cref="RequestPacer"/>), then a cap on calls in flight, then a per-attempt timeout) over <see cref="ResponseBufferingHandler"/> (the body is
/// part of the attempt). What may be retried is read from each request's
/// <see cref="RequestKind"/> (<see cref="ProviderRequest"/>) with <see cref="RetryPolicy"/>. One instance per
/// provider per process: the concurrency cap lives here, so handlers the factory rotates share it.
/// </summary>
public sealed class ProviderHttpHandlers : IDisposable
{
    private readonly InFlightLimiter _inFlight;
    private readonly ILogger _log;

    /// <summary>Builds the stack for the provider <paramref name="name"/> (used in logs) with <paramref name="options"/>.</summary>
    public ProviderHttpHandlers(string name, HttpPipelineOptions options, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Name = name;
        Options = options;
        Time = time ?? TimeProvider.System;
        _log = logger ?? NullLogger.Instance;
        _inFlight = new InFlightLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrency,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        Pipeline = Build();
    }

    /// <summary>The provider's name in logs.</summary>
    public string Name { get; }

    /// <summary>The rules in force.</summary>
    public HttpPipelineOptions Options { get; }

    /// <summary>The clock the backoff waits and attempt timeouts run on.</summary>
    public TimeProvider Time { get; }

    /// <summary>The Polly pipeline (retry, concurrency, attempt timeout) the resilience handler runs.</summary>
    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    /// <summary>The handlers, outermost first, for <c>IHttpClientBuilder.AddHttpMessageHandler</c> or a hand-built chain.</summary>
    public IEnumerable<DelegatingHandler> CreateHandlers()
    {
        yield return CreateOutcomeHandler();
        yield return CreateResilienceHandler();
        yield return CreateBufferingHandler();
    }

    /// <summary>The outer handler: typed failures (<see cref="ProviderOutcomeHandler"/>).</summary>
    public DelegatingHandler CreateOutcomeHandler() => new ProviderOutcomeHandler(Name, Options, _log);

    /// <summary>The middle handler: <see cref="Pipeline"/> run around each attempt.</summary>
    public DelegatingHandler CreateResilienceHandler() => new ResilienceHandler(Pipeline);

    /// <summary>The innermost handler: each answer's body read within its attempt (<see cref="ResponseBufferingHandler"/>).</summary>
    public static DelegatingHandler CreateBufferingHandler() => new ResponseBufferingHandler();

    /// <summary>
    /// An <see cref="HttpClient"/> for callers without a factory: the handlers over a fresh
    /// <see cref="SocketsHttpHandler"/> (or <paramref name="primary"/>), with no client-wide timeout (the
    /// per-attempt timeout applies).
    /// </summary>
    public HttpClient CreateClient(HttpMessageHandler? primary = null)
    {
        HttpMessageHandler chain = primary ?? new SocketsHttpHandler();
        foreach (DelegatingHandler handler in CreateHandlers().Reverse())
        {
            handler.InnerHandler = chain;
            chain = handler;
        }

        return new HttpClient(chain) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Releases the concurrency cap.</summary>
    public void Dispose() => _inFlight.Dispose();

    private ResiliencePipeline<HttpResponseMessage> Build()
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = Name, TimeProvider = Time };
        if (Options.Retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Options.Retry.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, ProviderRequest.KindOf(args.Context.GetRequestMessage()))),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    RetryPolicy.DelayFor(args.AttemptNumber + 1, args.Outcome.Result, Options, Time.GetUtcNow(), Random.Shared)),
                OnRetry = args =>
                {
                    LogRetry(args.Context.GetRequestMessage(), args.Outcome, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }

        if (Options.Breaker is { } breaker)
        {
            // Inside the retry, so every attempt counts and an open circuit stops the retries at once.
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsOutage(args.Outcome)),
                OnOpened = args =>
                {
                    HttpLog.CircuitOpened(_log, Name, args.BreakDuration.TotalSeconds);
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    HttpLog.CircuitHalfOpen(_log, Name);
                    return default;
                },
                OnClosed = _ =>
                {
                    HttpLog.CircuitClosed(_log, Name);
                    return default;
                },
            });
        }

        if (Options.RateLimit is { } rate)
        {
            // Before the in-flight cap, so a request waiting for a permit holds no slot.
            var pacer = new RequestPacer(rate, Time);
            builder.AddStrategy(_ => new PacingStrategy(pacer), new PacingStrategy.Options());
        }

        return builder.AddRateLimiter(_inFlight).AddTimeout(Options.AttemptTimeout)
            .AddStrategy(_ => new SubmissionMarking(), new SubmissionMarking.Options()).Build();
    }

    /// <summary>An outage's sign for the breaker: a 5xx (but a caller's own timeout) or 429 answer, a connection error or a timeout.</summary>
    private bool IsOutage(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => ((int)response.StatusCode >= 500 || (int)response.StatusCode == 429) && Options.NeverRetry?.Invoke(response) != true,
        { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
        _ => false,
    };

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, RequestKind kind) => outcome switch
    {
        { Result: { IsSuccessStatusCode: false } response } => RetryPolicy.IsRetriable(response, kind, Options),
        { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => RetryPolicy.IsRetriable(outcome.Exception, kind),
        _ => false,
    };

    private void LogRetry(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome, int retry, TimeSpan delay)
    {
        string method = request?.Method.Method ?? "", path = request?.RequestUri?.AbsolutePath ?? "";
        if (outcome.Result is { } response)
        {
            HttpLog.RetryingStatus(_log, Name, method, path, (int)response.StatusCode, retry, Options.Retry.MaxRetries, delay.TotalMilliseconds);
        }
        else
        {
            HttpLog.RetryingFailure(_log, Name, method, path, outcome.Exception?.Message ?? "", retry, Options.Retry.MaxRetries, delay.TotalMilliseconds);
        }
    }
}
