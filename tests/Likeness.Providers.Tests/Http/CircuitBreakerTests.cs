using System.Text.Json;
using Likeness.Core.Providers;
using Likeness.Providers.Fal;
using Likeness.Providers.Http;
using Likeness.Providers.Tests.Fal;
using Likeness.Testing;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Providers.Tests.Http;

/// <summary>
/// The provider circuit breaker (Polly's, in the handler stack) against the fal emulator on a manual clock: it opens
/// after outage answers, refuses in-process while open, lets one probe through after the break and closes when the
/// probe succeeds; and the submission watch tells a refused submission from one that reached fal.
/// </summary>
public sealed class CircuitBreakerTests
{
    private static readonly BreakerOptions Breaker = new() { MinimumThroughput = 2, FailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(30) };

    /// <summary>The emulator and a client without retries (each attempt is one call) and the given breaker.</summary>
    private sealed record Bed(FalEmulator Fal, FalClient Client) : IAsyncDisposable
    {
        public static async Task<Bed> StartAsync(ManualTime time, BreakerOptions? breaker)
        {
            FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { QueueDelay = TimeSpan.Zero, RunDuration = TimeSpan.Zero });
            FalClientOptions options = FalTestbed.OptionsFor(fal);
            options.Http = options.Http with { Retry = new RetryOptions { MaxRetries = 0 }, Breaker = breaker };
            return new Bed(fal, new FalClient(options, time: time));
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Fal.DisposeAsync();
        }
    }

    [Fact]
    public async Task Outage_answers_open_the_circuit_calls_are_refused_without_reaching_fal_and_after_the_break_one_probe_closes_it()
    {
        var time = new ManualTime();
        await using Bed bed = await Bed.StartAsync(time, Breaker);
        (FalEmulator fal, FalClient client) = (bed.Fal, bed.Client);
        byte[] photo = [1, 2, 3, 4];
        fal.Faults.Inject(FalFault.ServiceUnavailable503, 3, "storage/");

        // Two 503s: the second makes the failure ratio and the minimum throughput, so the circuit opens.
        for (int i = 0; i < 2; i++)
        {
            FalException refused = await Assert.ThrowsAsync<FalException>(() => client.Storage.UploadAsync(photo, "image/jpeg", "a.jpg"));
            Assert.Equal(503, refused.Status);
        }

        Assert.Equal(2, fal.Faults.Taken);
        ProviderUnavailableException open = await Assert.ThrowsAsync<ProviderUnavailableException>(() => client.Storage.UploadAsync(photo, "image/jpeg", "a.jpg"));
        Assert.True(open.Retriable);
        Assert.Equal(2, fal.Faults.Taken);

        // After the break, one probe reaches fal; it fails, so the circuit opens again at once.
        time.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<FalException>(() => client.Storage.UploadAsync(photo, "image/jpeg", "a.jpg"));
        Assert.Equal(3, fal.Faults.Taken);
        await Assert.ThrowsAsync<ProviderUnavailableException>(() => client.Storage.UploadAsync(photo, "image/jpeg", "a.jpg"));
        Assert.Equal(3, fal.Faults.Taken);

        // The next probe succeeds (no faults left) and closes the circuit: calls go through again.
        time.Advance(TimeSpan.FromSeconds(31));
        Uri first = await client.Storage.UploadAsync(photo, "image/jpeg", "a.jpg");
        Uri second = await client.Storage.UploadAsync(photo, "image/jpeg", "b.jpg");
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_429_on_a_submission_did_not_reach_fal_but_an_ambiguous_503_did()
    {
        // The default breaker: two refusals are far from its minimum throughput, so the third submission goes through.
        await using Bed bed = await Bed.StartAsync(new ManualTime(), new BreakerOptions());
        (FalEmulator fal, FalClient client) = (bed.Fal, bed.Client);
        JsonElement input = JsonDocument.Parse("""{"prompt":"a portrait"}""").RootElement;

        fal.Faults.Inject(FalFault.TooManyRequests429, 1, FalApps.InstantCharacter);
        SubmissionWatch refused = SubmissionWatch.Begin();
        FalException tooMany = await Assert.ThrowsAsync<FalException>(() => client.SubmitAsync(FalApps.InstantCharacter, input));
        Assert.Equal(429, tooMany.Status);
        Assert.False(tooMany.OutcomeUnknown);
        Assert.False(refused.Reached);

        fal.Faults.Inject(FalFault.ProcessThenDrop503, 1, FalApps.InstantCharacter);
        SubmissionWatch ambiguous = SubmissionWatch.Begin();
        FalException lost = await Assert.ThrowsAsync<FalException>(() => client.SubmitAsync(FalApps.InstantCharacter, input));
        Assert.True(lost.OutcomeUnknown);
        Assert.True(ambiguous.Reached);
        Assert.Equal(1, fal.Submissions(FalApps.InstantCharacter));

        SubmissionWatch accepted = SubmissionWatch.Begin();
        await client.SubmitAsync(FalApps.InstantCharacter, input);
        Assert.True(accepted.Reached);
        Assert.False(refused.Reached);
    }
}
