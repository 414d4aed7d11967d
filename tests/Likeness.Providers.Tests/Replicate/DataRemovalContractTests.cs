using Likeness.Core.Providers;
using Likeness.Providers.Replicate;
using Likeness.Providers.Replicate.Models;
using Likeness.Testing;

namespace Likeness.Providers.Tests.Replicate;

/// <summary>Replicate removes inputs, outputs and logs an hour after a job ends: outputs and weights are copied at once.</summary>
public sealed class DataRemovalContractTests
{
    [Fact]
    public async Task Images_are_copied_when_the_prediction_ends_and_survive_the_removal()
    {
        var time = new ShiftedTime();
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync(e => e.Time = time);
        GenerationResult result = await bed.Provider.GenerateWithIdentityAsync(ReplicateTestbed.Shot(bed.TrainedVersion()));

        time.Advance(TimeSpan.FromHours(1));
        ReplicatePrediction later = await bed.Client.GetPredictionAsync(result.ProviderRequestId!);
        Assert.True(later.DataRemoved);
        Assert.Null(later.Output);
        Assert.Contains("removed the output", Assert.Throws<ReplicateException>(() => ReplicateProvider.OutputUrls(later)).Message, StringComparison.Ordinal);
        Assert.True(result.Images[0].Bytes.Length > 1000);
    }

    [Fact]
    public async Task Weights_are_gone_from_a_training_followed_too_late_and_the_message_says_why()
    {
        var time = new ShiftedTime();
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync(e => e.Time = time);
        TrainingOperation started = await bed.Provider.StartTrainingAsync(ReplicateTestbed.Training());
        await Eventually.HoldsAsync(() => bed.Emulator.Jobs[0].Status == "succeeded", "the training to finish");
        string weightsUrl = (await bed.Client.GetTrainingAsync(started.Id)).Output!.Value.GetProperty("weights").GetString()!;

        time.Advance(TimeSpan.FromHours(1));
        TrainingOperation resumed = await bed.Provider.ResumeTrainingAsync(started.Id);

        Assert.Equal(TrainingStatus.Failed, resumed.Status);
        Assert.Contains("removed the output", resumed.FailureReason, StringComparison.Ordinal);
        var gone = await Assert.ThrowsAsync<ReplicateException>(() => bed.Client.DownloadAsync(weightsUrl));
        Assert.Equal(404, gone.Status);
        Assert.Contains("removes outputs after an hour", gone.Message, StringComparison.Ordinal);
    }
}
