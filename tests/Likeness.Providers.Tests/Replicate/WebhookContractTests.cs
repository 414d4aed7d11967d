using System.Collections.Concurrent;
using System.Text;
using Likeness.Core.Providers;
using Likeness.Providers.Replicate;
using Likeness.Providers.Replicate.Models;
using Likeness.Providers.Replicate.Webhooks;
using Likeness.Testing;

namespace Likeness.Providers.Tests.Replicate;

/// <summary>Signed webhooks (providers.md §2.4): verified with the account's secret, stale or forged ones refused, each webhook-id handled once.</summary>
public sealed class WebhookContractTests
{
    [Fact]
    public async Task A_training_s_completion_arrives_signed_and_a_redelivery_is_handled_once()
    {
        var handled = new ConcurrentQueue<ReplicatePrediction>();
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync();
        using var verifier = new ReplicateWebhookVerifier(bed.Client);
        var receiver = new ReplicateWebhookReceiver(verifier, (p, _) => { handled.Enqueue(p); return Task.CompletedTask; });
        await using var host = await ReceiverHost<ReplicateWebhookResult>.StartAsync("replicate/webhook", async (headers, body, ct) =>
        {
            ReplicateWebhookResult result = await receiver.ReceiveAsync(headers, body, ct);
            return (result, result.HttpStatus);
        });
        ConcurrentQueue<ReplicateWebhookResult> results = host.Results;
        var bedProvider = new ReplicateProvider(bed.Client, new ReplicateProviderOptions { WebhookUrl = host.Url });

        TrainingOperation operation = await bedProvider.StartTrainingAsync(ReplicateTestbed.Training());
        await Eventually.HoldsAsync(() => !handled.IsEmpty, "the completed webhook");
        await bed.Emulator.RedeliverWebhookAsync(operation.Id);
        await Eventually.HoldsAsync(() => results.Count == 2, "the redelivery's answer");

        ReplicatePrediction completed = Assert.Single(handled);
        Assert.Equal((operation.Id, ReplicateStatus.Succeeded), (completed.Id, completed.Status));
        Assert.Equal([ReplicateWebhookOutcome.Processed, ReplicateWebhookOutcome.Duplicate], results.Select(r => r.Outcome));
        Assert.All(results, r => Assert.Equal(200, r.HttpStatus));
        var job = Assert.Single(bed.Emulator.Jobs);
        Assert.Equal(host.Url.AbsoluteUri, job.Webhook);
        Assert.Equal(["completed"], job.EventsFilter!);
        Assert.Equal(["completed", "redelivery"], bed.Emulator.Deliveries.Select(d => d.Event));
        Assert.Single(bed.Emulator.Deliveries.Select(d => d.WebhookId).Distinct());
    }

    [Fact]
    public async Task Forged_stale_foreign_and_unsigned_deliveries_are_refused()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync();
        using var verifier = new ReplicateWebhookVerifier(bed.Client);
        int calls = 0;
        var receiver = new ReplicateWebhookReceiver(verifier, (_, _) => { Interlocked.Increment(ref calls); return Task.CompletedTask; });
        byte[] body = Encoding.UTF8.GetBytes("""{"id":"abc","status":"succeeded","output":["https://replicate.delivery/x.webp"]}""");
        DateTimeOffset now = bed.Client.Time.GetUtcNow();

        var good = bed.Emulator.SignDelivery("msg_1", body, now);
        Assert.Equal(ReplicateWebhookOutcome.Processed, (await receiver.ReceiveAsync(good.Headers, body)).Outcome);

        byte[] altered = Encoding.UTF8.GetBytes("""{"id":"abc","status":"succeeded","output":["https://evil.example/x.webp"]}""");
        var forged = await receiver.ReceiveAsync(good.Headers, altered);
        Assert.Equal((ReplicateWebhookOutcome.Rejected, 401), (forged.Outcome, forged.HttpStatus));
        Assert.Contains("no signature matches", forged.Reason, StringComparison.Ordinal);

        var stale = bed.Emulator.SignDelivery("msg_2", body, now - TimeSpan.FromMinutes(6));
        Assert.Contains("tolerance 300 s", (await receiver.ReceiveAsync(stale.Headers, body)).Reason, StringComparison.Ordinal);

        var foreign = bed.Emulator.SignDelivery("msg_3", body, now, "whsec_" + Convert.ToBase64String(new byte[24]));
        Assert.Equal(ReplicateWebhookOutcome.Rejected, (await receiver.ReceiveAsync(foreign.Headers, body)).Outcome);

        var unsigned = new Dictionary<string, string> { ["webhook-id"] = "msg_4", ["webhook-timestamp"] = good.Timestamp };
        Assert.Contains("missing", (await receiver.ReceiveAsync(unsigned, body)).Reason, StringComparison.Ordinal);

        // A replay of the good delivery within the window is a duplicate, not a second handling.
        Assert.Equal(ReplicateWebhookOutcome.Duplicate, (await receiver.ReceiveAsync(good.Headers, body)).Outcome);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task The_signing_secret_is_fetched_once_and_cached()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync();
        using var verifier = new ReplicateWebhookVerifier(bed.Client);
        byte[] body = Encoding.UTF8.GetBytes("""{"id":"abc","status":"starting"}""");
        for (int i = 0; i < 3; i++)
        {
            var delivery = bed.Emulator.SignDelivery($"msg_{i}", body, bed.Client.Time.GetUtcNow());
            Assert.True((await verifier.VerifyAsync(n => delivery.Headers.GetValueOrDefault(n), body)).IsValid);
        }

        bed.Emulator.Faults.Inject(Likeness.Testing.Emulators.Replicate.ReplicateFault.InternalError500, 20, "GET", "webhooks/");
        var again = bed.Emulator.SignDelivery("msg_9", body, bed.Client.Time.GetUtcNow());
        Assert.True((await verifier.VerifyAsync(n => again.Headers.GetValueOrDefault(n), body)).IsValid);
        Assert.Equal(ReplicateWebhookVerifier.Sign(ReplicateWebhookVerifier.KeyOf(bed.Emulator.WebhookSecret), "msg_9", again.Timestamp, body), Convert.FromBase64String(again.Signature[3..]));
    }
}
