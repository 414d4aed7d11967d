using Likeness.Core.Shots;
using Likeness.Providers.Fal;
using Likeness.Providers.Fal.Webhooks;
using Likeness.Testing.Emulators.Fal;
using Microsoft.Extensions.Logging.Abstractions;

namespace Likeness.Providers.Tests.Fal;

/// <summary>What happens at fal when the caller stops waiting, and the public signing keys.</summary>
public sealed class CancellationContractTests
{
    [Fact]
    public async Task A_generation_the_caller_stops_waiting_for_is_cancelled_at_fal_not_left_running_and_billed()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync(e => e.RunDuration = TimeSpan.FromSeconds(30));
        using var stop = new CancellationTokenSource();
        var shot = new ShotRequest { Prompt = "portrait", Width = 512, Height = 512, Seed = 1 };
        Task generation = bed.Provider.GenerateFromReferencesAsync(new Core.Providers.ReferenceGenerationRequest("ada", shot, FalTestbed.Photos(1)), stop.Token);
        await bed.Emulator.SubmittedAsync().WaitAsync(TimeSpan.FromSeconds(30));

        FalEmulatedRequest running = Assert.Single(bed.Emulator.Requests);
        Assert.NotEqual("CANCELLED", running.Status);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generation);

        Assert.Equal("CANCELLED", Assert.Single(bed.Emulator.Requests).Status);
        Assert.Equal(1, bed.Emulator.Submissions(FalApps.InstantCharacter));
    }

    [Fact]
    public async Task Signing_keys_are_public_fetched_without_a_key_and_once_for_deliveries_that_arrive_together()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        FalClientOptions keyless = FalTestbed.OptionsFor(bed.Emulator);
        keyless.Key = null;
        using var client = new FalClient(keyless);
        using var keys = new FalSigningKeys(client, NullLogger.Instance);

        var fetched = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => keys.GetAsync()));
        Assert.All(fetched, k => Assert.NotEmpty(k));
        Assert.Equal(1, keys.Fetches);
    }
}
