using Likeness.Providers.Fal;

namespace Likeness.Providers.Tests.Fal;

public sealed class FalClientOptionsTests
{
    [Fact]
    public void The_key_comes_from_FAL_KEY_or_from_the_id_and_secret_pair()
    {
        var env = new Dictionary<string, string> { ["FAL_KEY"] = " abc:def " };
        Assert.Equal("abc:def", FalClientOptions.FromEnvironment(env.GetValueOrDefault).Key);
        env = new() { ["FAL_KEY_ID"] = "abc", ["FAL_KEY_SECRET"] = "def" };
        Assert.Equal("abc:def", FalClientOptions.FromEnvironment(env.GetValueOrDefault).Key);
        env = new() { ["FAL_KEY_ID"] = "abc" };
        FalClientOptions none = FalClientOptions.FromEnvironment(env.GetValueOrDefault);
        Assert.False(none.HasKey);
        none.Validate();
    }

    [Fact]
    public void Host_overrides_come_from_the_environment_with_a_trailing_slash()
    {
        var env = new Dictionary<string, string>
        {
            ["LIKENESS_FAL_QUEUE_URL"] = "http://127.0.0.1:5000/queue",
            ["LIKENESS_FAL_SYNC_URL"] = "http://127.0.0.1:5000/run/",
            ["LIKENESS_FAL_REST_URL"] = "http://127.0.0.1:5000/rest",
            ["LIKENESS_FAL_JWKS_URL"] = "http://127.0.0.1:5000/rest/.well-known/jwks.json",
            ["LIKENESS_FAL_WEBHOOK_URL"] = "https://studio.example/webhooks/fal",
        };
        FalClientOptions options = FalClientOptions.FromEnvironment(env.GetValueOrDefault);
        Assert.Equal("http://127.0.0.1:5000/queue/", options.QueueUri.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5000/run/", options.SyncUri.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5000/rest/", options.RestUri.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5000/rest/.well-known/jwks.json", options.JwksUri.AbsoluteUri);
        Assert.Equal("https://studio.example/webhooks/fal", options.WebhookUrl?.AbsoluteUri);
        options.Validate();
        Assert.Equal("https://queue.fal.run/", new FalClientOptions().QueueUri.AbsoluteUri);
        Assert.Null(new FalClientOptions().WebhookUrl);
    }

    [Fact]
    public void Validation_says_what_to_fix()
    {
        Assert.Contains("must end with '/'", Assert.Throws<ArgumentException>(() => new FalClientOptions { QueueUri = new Uri("https://queue.fal.run/x") }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("spaces", Assert.Throws<ArgumentException>(() => new FalClientOptions { Key = "a b" }.Validate()).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FalClientOptions { PollInterval = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FalClientOptions { MaxConcurrentJobs = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FalClientOptions { Http = { Retry = { Jitter = 1.5 } } }.Validate());
        Assert.Throws<ArgumentException>(() => FalClientOptions.FromEnvironment(new Dictionary<string, string> { ["LIKENESS_FAL_QUEUE_URL"] = "not a url" }.GetValueOrDefault));
    }
}
