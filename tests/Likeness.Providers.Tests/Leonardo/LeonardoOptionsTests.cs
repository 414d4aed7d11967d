using Likeness.Providers.Leonardo;

namespace Likeness.Providers.Tests.Leonardo;

public sealed class LeonardoOptionsTests
{
    [Fact]
    public void The_environment_gives_the_key_the_api_url_and_the_provider_settings()
    {
        var environment = new Dictionary<string, string>
        {
            ["LEONARDO_API_KEY"] = " key-1 ",
            ["LIKENESS_LEONARDO_API_URL"] = "http://127.0.0.1:5000/api/rest/v1",
            ["LIKENESS_LEONARDO_STRENGTH"] = "0.9",
            ["LIKENESS_LEONARDO_SEED"] = "shot",
            ["LIKENESS_LEONARDO_USD_PER_CREDIT"] = "0.0012",
        };
        LeonardoClientOptions client = LeonardoClientOptions.FromEnvironment(environment.GetValueOrDefault);
        Assert.Equal("key-1", client.Key);
        Assert.Equal("http://127.0.0.1:5000/api/rest/v1/", client.ApiUri.AbsoluteUri);
        LeonardoProviderOptions provider = LeonardoProviderOptions.FromEnvironment(environment.GetValueOrDefault);
        Assert.Equal((null, 0.9, LeonardoSeedPolicy.Shot, 0.0012m), (provider.Strength, provider.Weight, provider.Seeds, provider.UsdPerCredit));

        LeonardoProviderOptions defaults = LeonardoProviderOptions.FromEnvironment(_ => null);
        Assert.Equal(("Mid", LeonardoSeedPolicy.Character, (decimal?)null), (defaults.Strength, defaults.Seeds, defaults.UsdPerCredit));
        Assert.False(LeonardoClientOptions.FromEnvironment(_ => null).HasKey);
    }

    [Theory]
    [InlineData("LIKENESS_LEONARDO_STRENGTH", "Ultra")]
    [InlineData("LIKENESS_LEONARDO_STRENGTH", "2.5")]
    [InlineData("LIKENESS_LEONARDO_SEED", "random")]
    [InlineData("LIKENESS_LEONARDO_USD_PER_CREDIT", "cheap")]
    public void Bad_provider_settings_are_refused_at_start(string variable, string value) =>
        Assert.ThrowsAny<ArgumentException>(() => LeonardoProviderOptions.FromEnvironment(v => v == variable ? value : null));

    [Fact]
    public void Bad_client_settings_are_refused_at_start()
    {
        Assert.Throws<ArgumentException>(() => new LeonardoClientOptions { ApiUri = new Uri("ftp://x/") }.Validate());
        Assert.Throws<ArgumentException>(() => new LeonardoClientOptions { Key = "a b" }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeonardoClientOptions { MaxConcurrentJobs = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new LeonardoProviderOptions { Strength = "Mid", Weight = 1 }.Validate());
        Assert.Throws<ArgumentException>(() => LeonardoClientOptions.FromEnvironment(v => v == "LIKENESS_LEONARDO_API_URL" ? "not a url" : null));
    }
}
