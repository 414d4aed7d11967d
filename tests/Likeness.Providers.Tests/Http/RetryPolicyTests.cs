using System.Net;
using System.Net.Http.Headers;
using Likeness.Providers.Fal;
using Likeness.Providers.Http;

namespace Likeness.Providers.Tests.Http;

public sealed class RetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static HttpPipelineOptions Fal(bool retryAmbiguous = false) => new()
    {
        RequestIdHeader = FalClient.RequestIdHeader,
        NeverRetry = FalClient.IsCallerTimeout,
        RetryAmbiguousSubmissions = retryAmbiguous,
    };

    private static HttpResponseMessage Answer(int status, string? requestId = null, string? timeoutType = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status);
        if (requestId is not null)
        {
            response.Headers.Add(FalClient.RequestIdHeader, requestId);
        }

        if (timeoutType is not null)
        {
            response.Headers.Add("X-Fal-Request-Timeout-Type", timeoutType);
        }

        return response;
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(500, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(422, false)]
    public void Reads_retry_the_statuses_fal_js_retries(int status, bool retried)
    {
        using HttpResponseMessage response = Answer(status);
        Assert.Equal(retried, RetryPolicy.IsRetriable(response, RequestKind.Idempotent, Fal()));
    }

    [Theory]
    [InlineData(429, null, true)]
    [InlineData(503, null, false)]
    [InlineData(502, null, false)]
    [InlineData(500, null, false)]
    [InlineData(503, "req-1", false)]
    public void Submissions_retry_only_proven_refusals_by_default(int status, string? requestId, bool retried)
    {
        using HttpResponseMessage response = Answer(status, requestId);
        Assert.Equal(retried, RetryPolicy.IsRetriable(response, RequestKind.Submission, Fal()));
    }

    [Fact]
    public void Opting_in_resubmits_gateway_errors_but_never_ones_fal_assigned_an_id()
    {
        using HttpResponseMessage gateway = Answer(503);
        using HttpResponseMessage app = Answer(503, "req-1");
        Assert.True(RetryPolicy.IsRetriable(gateway, RequestKind.Submission, Fal(retryAmbiguous: true)));
        Assert.False(RetryPolicy.IsRetriable(app, RequestKind.Submission, Fal(retryAmbiguous: true)));
    }

    [Fact]
    public void A_caller_timeout_504_is_never_retried()
    {
        using HttpResponseMessage user = Answer(504, timeoutType: "user");
        Assert.False(RetryPolicy.IsRetriable(user, RequestKind.Idempotent, Fal()));
        Assert.False(RetryPolicy.IsRetriable(user, RequestKind.Submission, Fal(retryAmbiguous: true)));
    }

    [Fact]
    public void Transport_failures_are_retried_for_reads_and_for_submissions_only_when_nothing_was_sent()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused");
        var dropped = new HttpRequestException(HttpRequestError.ResponseEnded, "dropped");
        Assert.True(RetryPolicy.IsRetriable(dropped, RequestKind.Idempotent));
        Assert.True(RetryPolicy.IsRetriable(refused, RequestKind.Submission));
        Assert.False(RetryPolicy.IsRetriable(dropped, RequestKind.Submission));
        Assert.False(RetryPolicy.IsRetriable(new TimeoutException(), RequestKind.Submission));
    }

    [Fact]
    public void Backoff_doubles_within_the_jitter_and_stops_at_the_cap()
    {
        var options = new RetryOptions { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), Jitter = 0.25 };
        var random = new Random(7);
        for (int retry = 1; retry <= 4; retry++)
        {
            double expected = Math.Pow(2, retry - 1);
            for (int i = 0; i < 50; i++)
            {
                double seconds = RetryPolicy.DelayBefore(retry, null, options, Now, random).TotalSeconds;
                Assert.InRange(seconds, expected * 0.75, expected * 1.25);
            }
        }

        Assert.Equal(30, RetryPolicy.DelayBefore(12, null, options, Now, random).TotalSeconds);
    }

    [Fact]
    public void Retry_after_is_honoured_as_seconds_or_a_date_and_capped()
    {
        var options = new RetryOptions { InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromSeconds(5) };
        using HttpResponseMessage seconds = Answer(429);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(3), RetryPolicy.DelayBefore(1, seconds, options, Now, Random.Shared));
        using HttpResponseMessage date = Answer(503);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(2), RetryPolicy.DelayBefore(1, date, options, Now, Random.Shared));
        using HttpResponseMessage long_ = Answer(429);
        long_.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.FromSeconds(5), RetryPolicy.DelayBefore(1, long_, options, Now, Random.Shared));
    }

    [Fact]
    public async Task The_limiter_holds_callers_beyond_its_cap_until_a_slot_frees()
    {
        using var limiter = new ConcurrencyLimiter(2);
        var a = await limiter.AcquireAsync();
        var b = await limiter.AcquireAsync();
        // A waiter is completed only by a release, so no wait in real time is needed to see it held.
        Task<ConcurrencyLimiter.Lease> third = limiter.AcquireAsync().AsTask();
        Assert.False(third.IsCompleted);
        a.Dispose();
        using (await third)
        {
            Assert.Equal(2, limiter.InUse);
        }

        b.Dispose();
        Assert.Equal(0, limiter.InUse);
    }

    [Fact]
    public async Task A_lease_given_back_after_its_limiter_was_disposed_does_not_throw()
    {
        // A client disposed while a call holds a slot (its process stopping): the call's own exception must surface, not this.
        var limiter = new ConcurrencyLimiter(1);
        ConcurrencyLimiter.Lease held = await limiter.AcquireAsync();
        limiter.Dispose();

        held.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => limiter.AcquireAsync().AsTask());
    }
}
