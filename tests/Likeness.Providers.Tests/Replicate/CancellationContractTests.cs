using System.Text.Json;
using Likeness.Core.Providers;
using Likeness.Providers.Replicate;
using Likeness.Providers.Replicate.Models;
using Likeness.Testing;

namespace Likeness.Providers.Tests.Replicate;

/// <summary>Cancel and deadlines: canceled work is charged for the time it ran, aborted work is not.</summary>
public sealed class CancellationContractTests
{
    [Fact]
    public async Task A_training_canceled_while_running_is_charged_for_the_share_it_ran()
    {
        var time = new ManualTime();
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync(e => (e.Time, e.StartDelay, e.TrainingDuration) = (time, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(100)));
        TrainingOperation operation = await bed.Provider.StartTrainingAsync(ReplicateTestbed.Training());
        Assert.Equal(TrainingStatus.Queued, await operation.UpdateStatusAsync());
        time.Advance(TimeSpan.FromSeconds(10 + 50));
        Assert.Equal(TrainingStatus.Running, await operation.UpdateStatusAsync());
        Assert.Equal(0.5, operation.Progress);

        await operation.CancelAsync();

        Assert.Equal(TrainingStatus.Cancelled, operation.Status);
        Assert.Contains("was canceled (charged for the time it ran)", operation.FailureReason, StringComparison.Ordinal);
        Assert.Equal(341 * 0.001525m, operation.ChargedWithoutResultUsd);
        Assert.Equal("canceled", Assert.Single(bed.Emulator.Jobs).Status);
    }

    [Fact]
    public async Task A_prediction_whose_deadline_passes_in_the_queue_is_aborted_and_not_charged()
    {
        var time = new ManualTime();
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync(
            e => (e.Time, e.StartDelay) = (time, TimeSpan.FromMinutes(5)), c => (c.PreferWait, c.JobTimeout) = (TimeSpan.Zero, TimeSpan.FromSeconds(30)));
        string version = bed.TrainedVersion();
        Task<GenerationResult> generating = bed.Provider.GenerateWithIdentityAsync(ReplicateTestbed.Shot(version));
        await Eventually.HoldsAsync(() => bed.Emulator.Jobs.Count == 1, "the prediction to be created");
        time.Advance(TimeSpan.FromSeconds(31));

        var error = await Assert.ThrowsAsync<ReplicateException>(() => generating);
        Assert.Contains("was aborted before it started (not charged)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.ChargedUsd);
        Assert.Equal("aborted", Assert.Single(bed.Emulator.Jobs).Status);
    }

    [Fact]
    public async Task A_caller_who_stops_waiting_cancels_the_prediction_at_replicate()
    {
        var time = new ManualTime();
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync(e => e.Time = time, c => c.PreferWait = TimeSpan.Zero);
        using var stop = new CancellationTokenSource();
        JsonElement input = JsonSerializer.SerializeToElement(new { prompt = "an apple", output_format = "png", megapixels = "0.25" });

        // The caller gives up once the prediction exists (its first report), while Replicate still queues it.
        var created = new OnReport(stop.Cancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bed.Client.RunAsync(ReplicateTarget.OfModel("black-forest-labs", "flux-schnell"), input, created, stop.Token));

        Assert.Equal("canceled", Assert.Single(bed.Emulator.Jobs).Status);
    }

    [Fact]
    public async Task A_generation_the_caller_cancels_while_it_runs_is_cancelled_at_replicate_and_carries_the_charge_for_the_time_it_ran()
    {
        var time = new ManualTime();
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync(
            e => (e.Time, e.StartDelay, e.RunDuration, e.PredictSeconds) = (time, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(100), 100),
            c => (c.PreferWait, c.JobTimeout) = (TimeSpan.Zero, TimeSpan.FromMinutes(10)));
        string version = bed.TrainedVersion();
        using var stop = new CancellationTokenSource();
        Task<GenerationResult> generating = bed.Provider.GenerateWithIdentityAsync(ReplicateTestbed.Shot(version), stop.Token);
        await Eventually.HoldsAsync(() => bed.Emulator.Jobs.Count == 1, "the prediction to be created");

        // Half of its run done, then the caller gives up.
        time.Advance(TimeSpan.FromSeconds(10 + 50));
        await stop.CancelAsync();

        var cancelled = await Assert.ThrowsAsync<BilledCancellationException>(() => generating);
        Assert.Equal("canceled", Assert.Single(bed.Emulator.Jobs).Status);
        Assert.Equal(bed.Emulator.Jobs[0].Id, cancelled.ProviderJobId);
        Assert.Equal(50 * bed.Provider.Options.GpuSecondUsd, cancelled.ChargedUsd);
    }

    [Fact]
    public async Task A_generation_cancelled_while_queued_is_a_plain_cancellation_with_nothing_charged()
    {
        var time = new ManualTime();
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync(e => (e.Time, e.StartDelay) = (time, TimeSpan.FromMinutes(5)), c => c.PreferWait = TimeSpan.Zero);
        string version = bed.TrainedVersion();
        using var stop = new CancellationTokenSource();
        Task<GenerationResult> generating = bed.Provider.GenerateWithIdentityAsync(ReplicateTestbed.Shot(version), stop.Token);
        await Eventually.HoldsAsync(() => bed.Emulator.Jobs.Count == 1, "the prediction to be created");

        await stop.CancelAsync();

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generating);
        Assert.IsNotType<BilledCancellationException>(cancelled);
        Assert.Equal("canceled", Assert.Single(bed.Emulator.Jobs).Status);
    }

    private sealed class OnReport(Action report) : IProgress<ReplicatePrediction>
    {
        public void Report(ReplicatePrediction value) => report();
    }
}
