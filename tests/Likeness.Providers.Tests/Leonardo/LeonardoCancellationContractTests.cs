using Likeness.Testing;

namespace Likeness.Providers.Tests.Leonardo;

/// <summary>A caller who stops waiting: the wait ends at once, and nothing is submitted again or deleted.</summary>
public sealed class LeonardoCancellationContractTests
{
    [Fact]
    public async Task Cancelling_while_a_generation_is_pending_stops_the_wait_and_leaves_the_one_generation()
    {
        // The emulator's clock never moves: the generation stays PENDING until the test gives up on it.
        var time = new ManualTime();
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync(e => e.Time = time);
        using var cancel = new CancellationTokenSource();
        Task shot = bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request(), cancel.Token);
        await Eventually.HoldsAsync(() => bed.Emulator.Generations.Count == 1, "the submission");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => shot);
        Assert.Equal("PENDING", Assert.Single(bed.Emulator.Generations).Status);
    }

    [Fact]
    public async Task A_cancelled_caller_never_uploads_or_submits()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request(), new CancellationToken(canceled: true)));
        Assert.Equal(0, bed.Emulator.InitImagesIssued);
        Assert.Empty(bed.Emulator.Generations);
    }
}
