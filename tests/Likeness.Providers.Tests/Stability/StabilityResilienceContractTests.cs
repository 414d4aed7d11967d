using Likeness.Core.Providers;
using Likeness.Providers.Http;
using Likeness.Providers.Stability;
using Likeness.Testing;
using Likeness.Testing.Emulators.Stability;
using Microsoft.Extensions.Time.Testing;

namespace Likeness.Providers.Tests.Stability;

/// <summary>429 storms, the rate limit, 5xx bursts and lost answers: no lost request, no paid duplicate.</summary>
public sealed class StabilityResilienceContractTests
{
    [Fact]
    public async Task A_429_storm_is_ridden_out_with_one_paid_call_per_shot()
    {
        await using StabilityTestbed bed = await StabilityTestbed.StartAsync();
        bed.Emulator.Inject(StabilityFault.TooManyRequests429, 10);
        GenerationResult[] results = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => bed.Provider.GenerateFromReferencesAsync(StabilityTestbed.Shot(seed: i))));

        Assert.All(results, r => Assert.Single(r.Images));
        Assert.Equal(4, bed.Emulator.Submissions(StabilityEndpoints.Sd3));
        Assert.Equal(["1", "2", "3", "4"], bed.Emulator.Requests.Select(r => r.Fields["seed"]).Order());
    }

    [Fact]
    public async Task The_client_keeps_under_the_rate_so_the_emulator_never_refuses()
    {
        // One manual clock for both sides: the emulator counts its window on it, the client's pacer waits on it.
        var time = new FakeTimeProvider();
        var window = TimeSpan.FromSeconds(10);
        await using StabilityEmulator emulator = await StabilityEmulator.StartAsync(new StabilityEmulatorOptions { Time = time, MaxSide = 128, RatePermits = 3, RateWindow = window });
        StabilityClientOptions options = StabilityTestbed.OptionsFor(emulator);
        options.Http = options.Http with { AttemptTimeout = TimeSpan.FromHours(1), RateLimit = new RequestRateLimit { Permits = 3, Window = window } };
        using var client = new StabilityClient(options, time: time);
        var provider = new StabilityProvider(client);

        Task<GenerationResult>[] shots = [.. Enumerable.Range(1, 7).Select(i => provider.GenerateFromReferencesAsync(StabilityTestbed.Shot(seed: i)))];
        foreach (int expected in new[] { 3, 6, 7 })
        {
            await Eventually.HoldsAsync(() => emulator.Submissions(StabilityEndpoints.Sd3) == expected, $"{expected} images made");
            Assert.Equal(expected, emulator.Submissions(StabilityEndpoints.Sd3));
            time.Advance(window);
        }

        Assert.Equal(7, (await Task.WhenAll(shots)).Length);
        Assert.Equal(0, emulator.RateLimited);
    }

    [Fact]
    public async Task Past_the_rate_the_emulator_locks_the_key_out_and_the_client_waits_the_lockout_before_trying_again()
    {
        var lockout = TimeSpan.FromMilliseconds(600);
        await using StabilityTestbed bed = await StabilityTestbed.StartAsync(
            emulator: o => (o.RatePermits, o.RateWindow, o.RateLockout) = (2, TimeSpan.FromSeconds(30), lockout),
            client: o => o.Http = o.Http with
            {
                RateLimit = new RequestRateLimit { Permits = 100, Window = TimeSpan.FromSeconds(1), LockoutAfter429 = lockout },
                MinimumDelays = new Dictionary<int, TimeSpan> { [429] = lockout },
                MaxConcurrency = 1,
            });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        GenerationResult[] results = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => bed.Provider.GenerateFromReferencesAsync(StabilityTestbed.Shot(seed: i))));

        // The third is refused once, waits the lockout (every later request would too), then goes through: the
        // emulator's window of 30 s is still full, but its lockout has passed and the window restarts after it.
        Assert.Equal(3, results.Length);
        Assert.Equal(3, bed.Emulator.Submissions(StabilityEndpoints.Sd3));
        Assert.True(bed.Emulator.RateLimited >= 1);
        Assert.True(clock.Elapsed >= lockout, $"finished after {clock.Elapsed.TotalMilliseconds} ms, inside the lockout");
    }

    [Theory]
    [InlineData(StabilityFault.InternalError500)]
    [InlineData(StabilityFault.BadGateway502)]
    [InlineData(StabilityFault.ServiceUnavailable503)]
    [InlineData(StabilityFault.DropConnection)]
    public async Task A_5xx_or_a_lost_answer_is_not_resent_and_says_the_outcome_is_unknown(StabilityFault fault)
    {
        await using StabilityTestbed bed = await StabilityTestbed.StartAsync();
        bed.Emulator.Inject(fault, 1);
        StabilityException error = await Assert.ThrowsAsync<StabilityException>(() => bed.Provider.GenerateFromReferencesAsync(StabilityTestbed.Shot()));

        Assert.True(error.OutcomeUnknown);
        Assert.False(error.Retriable);
        Assert.Contains("not sent again", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, bed.Emulator.Submissions(StabilityEndpoints.Sd3));

        // The next shot goes through: nothing was left behind.
        Assert.Single((await bed.Provider.GenerateFromReferencesAsync(StabilityTestbed.Shot(seed: 2))).Images);
        Assert.Equal(1, bed.Emulator.Submissions(StabilityEndpoints.Sd3));
    }

    [Fact]
    public async Task An_image_made_before_a_500_is_paid_once_and_reported_not_made_again()
    {
        await using StabilityTestbed bed = await StabilityTestbed.StartAsync();
        bed.Emulator.Inject(StabilityFault.GenerateThen500, 1);
        StabilityException error = await Assert.ThrowsAsync<StabilityException>(() => bed.Provider.GenerateFromReferencesAsync(StabilityTestbed.Shot()));
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(500, error.Status);
        Assert.Equal(1, bed.Emulator.Submissions(StabilityEndpoints.Sd3));
    }
}
