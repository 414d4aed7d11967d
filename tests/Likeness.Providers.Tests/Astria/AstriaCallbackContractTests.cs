using System.Text;
using Likeness.Core.Providers;
using Likeness.Providers.Astria.Callbacks;
using Likeness.Testing;
using Likeness.Testing.Emulators.Astria;

namespace Likeness.Providers.Tests.Astria;

/// <summary>Unsigned callbacks with per-job secrets: they wake jobs, wrong secrets are refused, lost ones are polled for, duplicates count once.</summary>
public sealed class AstriaCallbackContractTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_callback_wakes_a_prompt_that_would_otherwise_wait_an_hour_for_its_next_poll()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync(client: o => o.SlowPollInterval = Hour, withCallbacks: true);
        TrainingOperation operation = await bed.TrainAsync().WaitAsync(TimeSpan.FromSeconds(20));
        GenerationResult shot = await bed.Provider.GenerateWithIdentityAsync(new TrainedGenerationRequest("adaqzx", AstriaTestbed.Shot(), []) { ProviderModelIds = [operation.Id] })
            .WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Single(shot.Images);
        Assert.Contains(bed.Client.Callbacks.Received, r => r.Job!.StartsWith("prompt-", StringComparison.Ordinal) && r.Disposition == AstriaCallbackDisposition.Processed);

        // The emulator records a delivery once the receiver has answered, just after the job woke.
        await Eventually.HoldsAsync(() => bed.Emulator.Deliveries.Count == 2, "both deliveries to be recorded");
        Assert.Equal(["tune", "prompt"], bed.Emulator.Deliveries.Select(d => d.Kind));
        Assert.All(bed.Emulator.Deliveries, d => Assert.Equal(200, d.Status));
        Assert.All(bed.Emulator.Deliveries, d => Assert.Contains(AstriaCallbacks.SecretParameter + "=", d.Url.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_callback_wakes_a_training_between_its_slow_polls()
    {
        // The tune's eta lies an hour beyond its real end, so only the callback can bring the next read forward.
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync(
            emulator: o => (o.TrainingDuration, o.EtaError) = (TimeSpan.FromSeconds(1), Hour), provider: p => p with { TrainingPollInterval = Hour }, withCallbacks: true);
        TrainingOperation operation = await bed.Provider.StartTrainingAsync(new TrainingRequest("adaqzx", "adaqzx", AstriaTestbed.Photos(), new Dictionary<string, string>()));
        await operation.UpdateStatusAsync();
        Assert.False(operation.HasCompleted);
        await Eventually.HoldsAsync(() => bed.Emulator.Deliveries.Count == 1, "the tune's callback");
        Assert.Equal(TrainingStatus.Succeeded, await operation.UpdateStatusAsync());
        Assert.Contains("callback received", operation.Logs);
    }

    [Fact]
    public async Task A_callback_with_a_wrong_or_missing_secret_is_refused_and_wakes_nothing()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync(withCallbacks: true);
        AstriaCallbackTicket ticket = bed.Client.Callbacks.Open("prompt-forged")!;
        byte[] body = Encoding.UTF8.GetBytes("""{"id": 5000, "trained_at": "2026-01-01T00:00:00Z", "images": []}""");
        string query = ticket.Url.Query;
        string secret = query[(query.IndexOf(AstriaCallbacks.SecretParameter + "=", StringComparison.Ordinal) + AstriaCallbacks.SecretParameter.Length + 1)..];
        var forged = new Uri(ticket.Url.AbsoluteUri.Replace(secret, new string('0', secret.Length), StringComparison.Ordinal));
        var bare = new Uri(ticket.Url.AbsoluteUri.Replace("&" + AstriaCallbacks.SecretParameter + "=" + secret, "", StringComparison.Ordinal));

        Assert.Equal(401, await bed.Emulator.PostCallbackAsync(forged, body));
        Assert.Equal(401, await bed.Emulator.PostCallbackAsync(bare, body));
        Assert.False(ticket.Arrived.IsCompleted);
        Assert.Equal(400, await bed.Emulator.PostCallbackAsync(ticket.Url, "not json"u8.ToArray()));
        Assert.False(ticket.Arrived.IsCompleted);
        Assert.Equal(200, await bed.Emulator.PostCallbackAsync(ticket.Url, body));
        Assert.True(ticket.Arrived.IsCompleted);
        Assert.Equal(404, await bed.Emulator.PostCallbackAsync(new Uri(ticket.Url.AbsoluteUri.Replace("prompt-forged", "prompt-unknown", StringComparison.Ordinal)), body));
    }

    [Fact]
    public async Task A_lost_callback_is_recovered_by_polling()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync(client: o => o.SlowPollInterval = TimeSpan.FromMilliseconds(150), withCallbacks: true);
        TrainingOperation operation = await bed.TrainAsync();
        // Only the prompt's: the tune's own callback may still be on its way when this is set.
        bed.Emulator.Faults.LoseCallbacks(1, "prompt");
        GenerationResult shot = await bed.Provider.GenerateWithIdentityAsync(new TrainedGenerationRequest("adaqzx", AstriaTestbed.Shot(), []) { ProviderModelIds = [operation.Id] });
        Assert.Single(shot.Images);
        AstriaCallbackDelivery lost = bed.Emulator.Deliveries.Single(d => d.Kind == "prompt");
        Assert.True(lost.Lost);
        Assert.Null(lost.Status);
    }

    [Fact]
    public async Task A_redelivered_callback_is_processed_once()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync(withCallbacks: true);
        TrainingOperation operation = await bed.TrainAsync();
        await bed.Provider.GenerateWithIdentityAsync(new TrainedGenerationRequest("adaqzx", AstriaTestbed.Shot(), []) { ProviderModelIds = [operation.Id] });
        await Eventually.HoldsAsync(() => bed.Emulator.Deliveries.Any(d => d.Kind == "prompt"), "the prompt's callback");
        AstriaCallbackDelivery first = bed.Emulator.Deliveries.Single(d => d.Kind == "prompt");
        Assert.Equal(200, await bed.Emulator.RedeliverCallbackAsync("prompt", first.Id));
        Assert.Equal(200, await bed.Emulator.RedeliverCallbackAsync("prompt", first.Id));
        string job = bed.Client.Callbacks.Received.Last().Job!;
        AstriaCallbackDisposition[] verdicts = [.. bed.Client.Callbacks.Received.Where(r => r.Job == job).Select(r => r.Disposition)];

        // The first delivery woke the job (or polling got there first and it counts as a duplicate); the redeliveries change nothing.
        Assert.Equal(3, verdicts.Length);
        Assert.Equal([AstriaCallbackDisposition.Duplicate, AstriaCallbackDisposition.Duplicate], verdicts[1..]);
        Assert.Equal(1, bed.Emulator.PromptSubmissions);
    }
}
