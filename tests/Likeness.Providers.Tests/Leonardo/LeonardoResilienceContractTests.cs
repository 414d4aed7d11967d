using Likeness.Core.Providers;
using Likeness.Providers.Leonardo;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Providers.Tests.Leonardo;

/// <summary>429 storms, 5xx bursts, lost answers and the ambiguous submit: no lost request, no paid duplicate.</summary>
public sealed class LeonardoResilienceContractTests
{
    [Fact]
    public async Task A_429_storm_on_submit_is_ridden_out_with_one_generation_per_shot()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync();
        bed.Emulator.Faults.Inject(FalFault.TooManyRequests429, 10, LeonardoTestbed.Generations);
        GenerationResult[] results = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request(i))));
        Assert.All(results, r => Assert.Single(r.Images));
        Assert.Equal(4, bed.Emulator.Generations.Count);
        Assert.Equal(4, results.Select(r => r.ProviderRequestId).Distinct().Count());
    }

    [Fact]
    public async Task The_emulated_rate_limit_answers_429_and_the_client_waits_it_out()
    {
        var time = new Likeness.Testing.ManualTime();
        // The minute passes on the emulator's clock when its 429 comes back, as it would while the client backs off.
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync(
            e => (e.Time, e.RunDuration, e.GenerationsPerMinute) = (time, TimeSpan.Zero, 1), primary: _ => new MinuteOn429(time));
        await bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request(1));
        Assert.Single((await bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request(2))).Images);
        Assert.Equal(2, bed.Emulator.Generations.Count);
    }

    [Fact]
    public async Task Bursts_of_every_5xx_and_dropped_connections_on_reads_and_uploads_lose_nothing()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync();
        foreach (FalFault fault in new[] { FalFault.BadGateway502, FalFault.ServiceUnavailable503, FalFault.GatewayTimeout504, FalFault.InternalError500, FalFault.DropConnection })
        {
            bed.Emulator.Faults.Inject(fault, 2, LeonardoTestbed.Polls);
        }

        bed.Emulator.Faults.Inject(FalFault.ServiceUnavailable503, 2, "api/rest/v1/init-image");
        bed.Emulator.Faults.Inject(FalFault.BadGateway502, 2, "s3/");
        bed.Emulator.Faults.Inject(FalFault.DropConnection, 1, "cdn/");
        GenerationResult result = await bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request());
        Assert.Single(result.Images);
        Assert.Single(bed.Emulator.Generations);
    }

    [Theory]
    [InlineData(FalFault.ServiceUnavailable503)]
    [InlineData(FalFault.InternalError500)]
    [InlineData(FalFault.BadGateway502)]
    public async Task A_5xx_on_submit_is_not_resent_and_says_the_outcome_is_unknown(FalFault fault)
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync();
        bed.Emulator.Faults.Inject(fault, 1, LeonardoTestbed.Generations);
        LeonardoException error = await Assert.ThrowsAsync<LeonardoException>(() => bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request()));
        Assert.True(error.OutcomeUnknown);
        Assert.False(error.Retriable);
        Assert.Contains("not submitted again", error.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Emulator.Generations);
    }

    [Fact]
    public async Task The_ambiguous_process_then_503_is_paid_once_and_reported()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync();
        bed.Emulator.Faults.Inject(FalFault.ProcessThenDrop503, 1, LeonardoTestbed.Generations);
        LeonardoException error = await Assert.ThrowsAsync<LeonardoException>(() => bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request()));
        Assert.True(error.OutcomeUnknown);
        Assert.Single(bed.Emulator.Generations);
    }

    [Fact]
    public async Task A_dropped_answer_to_a_submission_is_not_resent()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync();
        bed.Emulator.Faults.Inject(FalFault.DropConnection, 1, LeonardoTestbed.Generations);
        LeonardoException error = await Assert.ThrowsAsync<LeonardoException>(() => bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request()));
        Assert.True(error.OutcomeUnknown);
        Assert.Empty(bed.Emulator.Generations);
    }

    [Fact]
    public async Task Jobs_beyond_the_client_limit_wait_their_turn_and_all_finish()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync(client: o => o.MaxConcurrentJobs = 1);
        GenerationResult[] results = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request(i))));
        Assert.All(results, r => Assert.Single(r.Images));
        Assert.Equal(3, bed.Emulator.Generations.Count);
    }

    [Fact]
    public async Task A_wrong_key_is_a_401_and_no_key_is_refused_before_any_call()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync(client: o => o.Key = "wrong");
        Assert.Equal(401, (await Assert.ThrowsAsync<LeonardoException>(() => bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request()))).Status);
        using var keyless = new LeonardoClient(new LeonardoClientOptions { ApiUri = bed.Emulator.ApiUri });
        LeonardoException missing = await Assert.ThrowsAsync<LeonardoException>(() => keyless.GetGenerationAsync("x"));
        Assert.Contains("LEONARDO_API_KEY", missing.Message, StringComparison.Ordinal);
        Assert.False(new LeonardoProvider(keyless).Descriptor.IsAvailable);
        Assert.True(new LeonardoProvider(LeonardoTestbedClient(bed)).Descriptor.IsAvailable);
        Assert.Empty(bed.Emulator.Generations);
    }

    [Fact]
    public void A_429_waits_out_Leonardo_minute_unless_told_otherwise()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), LeonardoClient.HttpRules(new LeonardoClientOptions()).MinimumDelays[429]);
        var options = new LeonardoClientOptions();
        options.Http.MinimumDelays = new Dictionary<int, TimeSpan> { [429] = TimeSpan.FromSeconds(5) };
        Assert.Equal(TimeSpan.FromSeconds(5), LeonardoClient.HttpRules(options).MinimumDelays[429]);
    }

    private sealed class MinuteOn429(Likeness.Testing.ManualTime time) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode == 429)
            {
                time.Advance(TimeSpan.FromMinutes(1));
            }

            return response;
        }
    }

    private static LeonardoClient LeonardoTestbedClient(LeonardoTestbed bed) => new(LeonardoTestbed.OptionsFor(bed.Emulator));
}
