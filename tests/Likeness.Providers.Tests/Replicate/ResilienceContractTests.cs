using System.Text.Json;
using Likeness.Core.Providers;
using Likeness.Providers.Replicate;
using Likeness.Providers.Replicate.Models;
using Likeness.Testing.Emulators.Replicate;

namespace Likeness.Providers.Tests.Replicate;

/// <summary>Retries as providers.md §2.6 gives them: reads on 429 and 5xx, creates on 429 only, never a paid create sent twice.</summary>
public sealed class ResilienceContractTests
{
    private static readonly JsonElement Input = JsonSerializer.SerializeToElement(new { prompt = "an apple", output_format = "png", megapixels = "0.25" });

    [Fact]
    public async Task A_429_storm_on_creates_and_reads_is_ridden_out_with_one_prediction()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync();
        string version = bed.TrainedVersion();
        bed.Emulator.Faults.Inject(ReplicateFault.Throttle429, 6, "POST", "predictions");
        bed.Emulator.Faults.Inject(ReplicateFault.Throttle429, 4, "GET", "predictions/");

        GenerationResult result = await bed.Provider.GenerateWithIdentityAsync(ReplicateTestbed.Shot(version));

        Assert.Single(result.Images);
        Assert.Equal(1, bed.Emulator.Submissions("prediction"));
    }

    [Fact]
    public async Task Reads_are_retried_through_5xx_bursts()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync(client: c => c.PreferWait = TimeSpan.Zero);
        ReplicatePrediction created = await bed.Client.CreatePredictionAsync(ReplicateTarget.OfModel("black-forest-labs", "flux-schnell"), Input);
        bed.Emulator.Faults.Inject(ReplicateFault.ServiceUnavailable503, 3, "GET", "predictions/");
        bed.Emulator.Faults.Inject(ReplicateFault.InternalError500, 2, "GET", "predictions/");
        bed.Emulator.Faults.Inject(ReplicateFault.DropConnection, 1, "GET", "predictions/");

        Assert.Equal(ReplicateStatus.Succeeded, (await bed.Client.WaitAsync(created)).Status);
        Assert.Equal(1, bed.Emulator.Submissions("prediction"));
    }

    [Theory]
    [InlineData(ReplicateFault.ProcessThen503, 1)]
    [InlineData(ReplicateFault.ProcessThenDrop, 1)]
    [InlineData(ReplicateFault.InternalError500, 0)]
    [InlineData(ReplicateFault.BadGateway502, 0)]
    public async Task A_create_answered_with_a_5xx_or_nothing_is_reported_never_sent_again(ReplicateFault fault, int created)
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync();
        string version = bed.TrainedVersion();
        bed.Emulator.Faults.Inject(fault, 1, "POST", "predictions");

        var error = await Assert.ThrowsAsync<ReplicateException>(() => bed.Provider.GenerateWithIdentityAsync(ReplicateTestbed.Shot(version)));

        Assert.True(error.OutcomeUnknown, error.Message);
        Assert.False(error.Retriable);
        Assert.Equal(created, bed.Emulator.Submissions("prediction"));
    }

    [Fact]
    public async Task A_training_create_whose_answer_is_lost_is_not_sent_again()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync();
        bed.Emulator.Faults.Inject(ReplicateFault.ProcessThenDrop, 1, "POST", "models/ostris/flux-dev-lora-trainer/versions/");

        var error = await Assert.ThrowsAsync<ReplicateException>(() => bed.Provider.StartTrainingAsync(ReplicateTestbed.Training()));

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, bed.Emulator.Submissions("training"));
    }

    [Fact]
    public async Task The_token_goes_to_the_api_only_and_a_wrong_one_is_refused_by_name()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync(client: c => c.Token = "r8_wrong");
        var error = await Assert.ThrowsAsync<ReplicateException>(() => bed.Client.GetAccountNameAsync());
        Assert.Equal(401, error.Status);
        Assert.DoesNotContain("r8_wrong", error.Message, StringComparison.Ordinal);
        Assert.Contains("valid authentication token", error.Message, StringComparison.Ordinal);
    }
}
