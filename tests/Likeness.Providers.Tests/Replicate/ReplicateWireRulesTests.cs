using Likeness.Providers.Http;
using Likeness.Providers.Replicate;

namespace Likeness.Providers.Tests.Replicate;

/// <summary>Replicate's header formats, environment and HTTP rules (providers.md §2.2, §2.6).</summary>
public sealed class ReplicateWireRulesTests
{
    [Theory]
    [InlineData(0.2, "wait=1")]
    [InlineData(30, "wait=30")]
    [InlineData(90, "wait=60")]
    public void Prefer_wait_stays_in_the_documented_1_to_60_range(double seconds, string header) =>
        Assert.Equal(header, ReplicateClient.WaitHeader(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(2, "5s")]
    [InlineData(30, "30s")]
    [InlineData(300, "5m")]
    [InlineData(5445, "1h30m45s")]
    public void Cancel_after_is_written_as_a_duration_of_at_least_5_s(int seconds, string header) =>
        Assert.Equal(header, ReplicateClient.DurationHeader(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Reads_retry_429_and_5xx_and_creates_only_429()
    {
        HttpPipelineOptions rules = ReplicateClientOptions.DefaultHttp();
        using var throttled = new HttpResponseMessage((System.Net.HttpStatusCode)429);
        using var failed = new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);
        Assert.True(RetryPolicy.IsRetriable(throttled, RequestKind.Idempotent, rules));
        Assert.True(RetryPolicy.IsRetriable(failed, RequestKind.Idempotent, rules));
        Assert.True(RetryPolicy.IsRetriable(throttled, RequestKind.Submission, rules));
        Assert.False(RetryPolicy.IsRetriable(failed, RequestKind.Submission, rules));
        Assert.Equal(TimeSpan.FromMilliseconds(500), rules.Retry.InitialDelay);
    }

    [Fact]
    public void The_environment_names_the_token_and_the_api_root()
    {
        var options = ReplicateClientOptions.FromEnvironment(v => v switch
        {
            "REPLICATE_API_TOKEN" => " r8_abc ",
            "LIKENESS_REPLICATE_API_URL" => "http://127.0.0.1:9/v1",
            _ => null,
        });
        Assert.Equal("r8_abc", options.Token);
        Assert.Equal("http://127.0.0.1:9/v1/", options.ApiUri.AbsoluteUri);
        Assert.False(ReplicateClientOptions.FromEnvironment(_ => null).HasKey);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplicateClientOptions { PreferWait = TimeSpan.FromSeconds(61) }.Validate());
        Assert.Equal(("owner", "name", "v1"), ReplicateClient.SplitModel("owner/name:v1"));
        Assert.Throws<ArgumentException>(() => ReplicateClient.SplitModel("no-owner"));
    }
}
