using Likeness.Core.Providers;
using Likeness.Core.Shots;
using Likeness.Providers.Fal;
using Likeness.Providers.Http;
using Likeness.Providers.Tests.Replicate;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Providers.Tests.Fal;

/// <summary>
/// The sending signal (<see cref="SubmissionWatch.OnSending"/>) as the transport raises it against the emulators: once a
/// call, after the uploads to the provider's storage and before the paid request leaves; an upload that fails never
/// raises it; a signal that fails stops the request; uploads alone (Replicate's files) never raise it.
/// </summary>
public sealed class SendingSignalContractTests
{
    private static ReferenceGenerationRequest Shot(int seed = 1) =>
        new("ada", new ShotRequest { Prompt = "portrait", Width = 256, Height = 256, Seed = seed }, FalTestbed.Photos(2));

    [Fact]
    public async Task A_shot_raises_the_signal_once_after_its_uploads_and_before_fal_has_the_request_even_when_the_post_is_retried()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        bed.Emulator.Faults.Inject(FalFault.TooManyRequests429, 2, FalApps.InstantCharacter);
        var submittedAtSignal = new List<int>();
        using (SubmissionWatch.OnSending(_ =>
        {
            submittedAtSignal.Add(bed.Emulator.Submissions(FalApps.InstantCharacter));
            return Task.CompletedTask;
        }))
        {
            GenerationResult result = await bed.Provider.GenerateFromReferencesAsync(Shot());
            Assert.NotEmpty(result.Images);
        }

        Assert.Equal([0], submittedAtSignal);
        Assert.Equal(1, bed.Emulator.Submissions(FalApps.InstantCharacter));
    }

    [Fact]
    public async Task A_training_raises_the_signal_once_after_its_zip_is_uploaded_and_before_fal_has_the_request()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        var submittedAtSignal = new List<int>();
        using (SubmissionWatch.OnSending(_ =>
        {
            submittedAtSignal.Add(bed.Emulator.Submissions(FalApps.FluxLoraFastTraining));
            return Task.CompletedTask;
        }))
        {
            await bed.Provider.StartTrainingAsync(new TrainingRequest("ada", "adaqzx", FalTestbed.Photos(), new Dictionary<string, string> { ["steps"] = "100" }));
        }

        Assert.Equal([0], submittedAtSignal);
        Assert.Equal(1, bed.Emulator.Submissions(FalApps.FluxLoraFastTraining));
    }

    [Fact]
    public async Task An_upload_that_fails_never_raises_the_signal_and_nothing_is_submitted()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync(client: c => c.Http = c.Http with { Retry = new RetryOptions { MaxRetries = 0 } });
        bed.Emulator.Faults.Inject(FalFault.InternalError500, 4, "storage/");
        int signalled = 0;
        using (SubmissionWatch.OnSending(_ =>
        {
            signalled++;
            return Task.CompletedTask;
        }))
        {
            await Assert.ThrowsAnyAsync<ProviderException>(() => bed.Provider.GenerateFromReferencesAsync(Shot()));
        }

        Assert.Equal(0, signalled);
        Assert.True(bed.Emulator.Faults.Taken > 0);
        Assert.Equal(0, bed.Emulator.Submissions(FalApps.InstantCharacter));
    }

    [Fact]
    public async Task A_signal_that_fails_stops_the_request_before_it_leaves()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        using (SubmissionWatch.OnSending(_ => Task.FromException(new IOException("the claim could not be marked"))))
        {
            Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => bed.Provider.GenerateFromReferencesAsync(Shot()));
            Assert.Contains("the claim could not be marked", thrown.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, bed.Emulator.Submissions(FalApps.InstantCharacter));
    }

    [Fact]
    public async Task Replicate_file_uploads_are_not_paid_submissions_and_never_raise_the_signal()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync();
        int signalled = 0;
        using (SubmissionWatch.OnSending(_ =>
        {
            signalled++;
            return Task.CompletedTask;
        }))
        {
            await bed.Client.UploadFileAsync(new byte[4096], "application/zip", "set.zip");
        }

        Assert.Equal(0, signalled);
    }
}
