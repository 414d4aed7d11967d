using Likeness.Core.Providers;
using Likeness.Providers.Astria;
using Likeness.Testing;

namespace Likeness.Providers.Tests.Astria;

/// <summary>Cancelling: a caller's token stops the wait, and cancelling a training deletes the tune.</summary>
public sealed class AstriaCancellationContractTests
{
    [Fact]
    public async Task Cancelling_a_training_deletes_the_tune_and_ends_cancelled()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync(emulator: o => o.TrainingDuration = TimeSpan.FromMinutes(10));
        TrainingOperation operation = await bed.Provider.StartTrainingAsync(new TrainingRequest("adaqzx", "adaqzx", AstriaTestbed.Photos(), new Dictionary<string, string>()));
        await operation.CancelAsync();
        Assert.Equal(TrainingStatus.Cancelled, operation.Status);
        AstriaException gone = await Assert.ThrowsAsync<AstriaException>(() => bed.Client.GetTuneAsync(long.Parse(operation.Id, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(404, gone.Status);
        TrainingOperation resumed = await bed.Provider.ResumeTrainingAsync(operation.Id);
        Assert.Equal(TrainingStatus.Failed, resumed.Status);
    }

    [Fact]
    public async Task A_cancelled_token_stops_waiting_for_a_prompt_after_it_was_created_once()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync(emulator: o => o.PromptDuration = TimeSpan.FromMinutes(10));
        TrainingOperation operation = await bed.TrainAsync();
        using var cts = new CancellationTokenSource();
        Task<GenerationResult> running = bed.Provider.GenerateWithIdentityAsync(new TrainedGenerationRequest("adaqzx", AstriaTestbed.Shot(), []) { ProviderModelIds = [operation.Id] }, cts.Token);
        await Eventually.HoldsAsync(() => bed.Emulator.PromptSubmissions == 1, "the prompt to be created");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(1, bed.Emulator.PromptSubmissions);
    }
}
