using System.Text;
using System.Text.Json;
using Likeness.Providers.Fal;
using Likeness.Providers.Fal.Models;
using Likeness.Providers.Fal.Webhooks;
using Likeness.Testing;
using Likeness.Testing.Emulators.Fal;
using Microsoft.Extensions.Logging.Abstractions;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Likeness.Providers.Tests.Fal;

/// <summary>Signed deliveries from the emulator: verified, deduplicated, and the same transition as polling.</summary>
public sealed class WebhookContractTests
{
    [Fact]
    public async Task A_delivery_is_processed_once_however_often_it_comes_and_polling_then_finds_it_done()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        var handled = new List<FalCompletion>();
        var (receiver, keys, completions) = Receiver(bed.Client, handled);
        await using ReceiverHost<FalWebhookResult> host = await WebhookHost.StartAsync(receiver);
        string photo = await bed.Client.Storage.ToInputUrlAsync(FalTestbed.Photos(1)[0].Bytes, "image/jpeg", "a.jpg");

        FalRequestHandle handle = await bed.Client.SubmitAsync(FalApps.InstantCharacter, new InstantCharacterInput { Prompt = "x", ImageUrl = photo }, host.Url);
        Assert.Equal(host.Url.AbsoluteUri, Assert.Single(bed.Emulator.Requests).WebhookUrl);
        await Eventually.HoldsAsync(() => host.Results.Count == 1, "the webhook delivery");
        FalCompletion completion = Assert.Single(handled);
        Assert.True(completion.Succeeded);
        Assert.Equal(FalCompletionSource.Webhook, completion.Source);
        Assert.Equal(handle.RequestId, completion.RequestId);
        Assert.Single(FalJson.Read<FalImageOutput>(completion.Output!.Value).Images);

        // fal redelivers (up to ten times): verified again, acknowledged, not handled again.
        await bed.Emulator.RedeliverWebhookAsync(handle.RequestId);
        await bed.Emulator.RedeliverWebhookAsync(handle.RequestId);
        await Eventually.HoldsAsync(() => host.Results.Count == 3, "the two redeliveries");
        Assert.Equal([FalWebhookDisposition.Processed, FalWebhookDisposition.Duplicate, FalWebhookDisposition.Duplicate], host.Results.Select(r => r.Disposition));

        // The emulator records an attempt once its answer is in: the delivery and the two redeliveries, none retried.
        await Eventually.HoldsAsync(() => bed.Emulator.Deliveries.Count >= 3, "3 recorded delivery attempts");
        Assert.Equal(3, bed.Emulator.Deliveries.Count);
        Assert.All(bed.Emulator.Deliveries, d => Assert.Equal(200, d.ResponseStatus));

        // The poller reaches the same transition and finds it taken.
        FalCompletion polled = await FalCompletion.PollAsync(bed.Client, handle);
        Assert.True(polled.Succeeded);
        Assert.False(await completions.CompleteAsync(polled));
        Assert.Single(handled);
        Assert.Equal(1, keys.Fetches);
    }

    [Fact]
    public async Task Whichever_of_polling_and_the_webhook_arrives_first_the_transition_happens_once()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        var handled = new List<FalCompletion>();
        var (receiver, _, completions) = Receiver(bed.Client, handled);
        await using ReceiverHost<FalWebhookResult> host = await WebhookHost.StartAsync(receiver);
        string photo = await bed.Client.Storage.ToInputUrlAsync(FalTestbed.Photos(1)[0].Bytes, "image/jpeg", "a.jpg");
        FalRequestHandle handle = await bed.Client.SubmitAsync(FalApps.InstantCharacter, new InstantCharacterInput { Prompt = "x", ImageUrl = photo }, host.Url);
        FalCompletion polled = await FalCompletion.PollAsync(bed.Client, handle);
        bool pollerWon = await completions.CompleteAsync(polled);
        await Eventually.HoldsAsync(() => !host.Results.IsEmpty, "the webhook delivery");
        FalWebhookResult webhook = host.Results.Single();
        Assert.Equal(200, webhook.HttpStatus);
        Assert.Single(handled);
        Assert.Equal(pollerWon ? FalWebhookDisposition.Duplicate : FalWebhookDisposition.Processed, webhook.Disposition);
    }

    [Fact]
    public async Task Forged_replayed_late_and_foreign_deliveries_are_rejected()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        var time = new ManualTime(DateTimeOffset.UtcNow);
        using var client = new FalClient(FalTestbed.OptionsFor(bed.Emulator), time: time);
        var handled = new List<FalCompletion>();
        var (receiver, _, _) = Receiver(client, handled);
        byte[] body = Body("req-1");

        FalSignedDelivery genuine = bed.Emulator.SignDelivery("req-1", body, time.GetUtcNow());
        Assert.Equal(FalWebhookDisposition.Processed, (await receiver.ReceiveAsync(genuine.Headers, genuine.Body)).Disposition);

        // Forged: a signed header set over someone else's body.
        byte[] tampered = Body("req-1", prompt: "tampered");
        FalWebhookResult forged = await receiver.ReceiveAsync(genuine.Headers, tampered);
        Assert.Equal((FalWebhookDisposition.Rejected, 401), (forged.Disposition, forged.HttpStatus));

        // The signature of req-1 cannot be moved to another request id.
        var moved = new Dictionary<string, string>(genuine.Headers) { [FalWebhookVerifier.RequestIdHeader] = "req-2" };
        Assert.Equal(FalWebhookDisposition.Rejected, (await receiver.ReceiveAsync(moved, Body("req-2"))).Disposition);

        // A header for one request over a genuinely signed body of another.
        FalSignedDelivery mismatch = bed.Emulator.SignDelivery("req-3", Body("req-4"), time.GetUtcNow());
        FalWebhookResult mixed = await receiver.ReceiveAsync(mismatch.Headers, mismatch.Body);
        Assert.Equal((FalWebhookDisposition.Rejected, 400), (mixed.Disposition, mixed.HttpStatus));

        // Replayed within the window: accepted as genuine but not handled twice.
        Assert.Equal(FalWebhookDisposition.Duplicate, (await receiver.ReceiveAsync(genuine.Headers, genuine.Body)).Disposition);

        // Replayed after the 300 s window, and a delivery stamped too far in the past or future.
        time.Advance(TimeSpan.FromSeconds(301));
        Assert.Contains("more than 300 s", (await receiver.ReceiveAsync(genuine.Headers, genuine.Body)).Reason, StringComparison.Ordinal);
        FalSignedDelivery late = bed.Emulator.SignDelivery("req-5", Body("req-5"), time.GetUtcNow().AddSeconds(-400));
        FalSignedDelivery early = bed.Emulator.SignDelivery("req-6", Body("req-6"), time.GetUtcNow().AddSeconds(400));
        Assert.Equal(FalWebhookDisposition.Rejected, (await receiver.ReceiveAsync(late.Headers, late.Body)).Disposition);
        Assert.Equal(FalWebhookDisposition.Rejected, (await receiver.ReceiveAsync(early.Headers, early.Body)).Disposition);

        // Signed by a key fal never published.
        var foreign = SignWithOwnKey("req-7", body: Body("req-7"), time.GetUtcNow());
        Assert.Contains("none of fal's keys", (await receiver.ReceiveAsync(foreign.Headers, foreign.Body)).Reason, StringComparison.Ordinal);

        // Missing headers.
        Assert.Equal(FalWebhookDisposition.Rejected, (await receiver.ReceiveAsync(new Dictionary<string, string>(), body)).Disposition);
        Assert.Single(handled);
    }

    [Fact]
    public async Task A_rotated_key_is_fetched_once_the_cooldown_allows_and_a_stale_cache_still_verifies_when_fal_is_down()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        var time = new ManualTime(DateTimeOffset.UtcNow);
        using var client = new FalClient(FalTestbed.OptionsFor(bed.Emulator), time: time);
        var handled = new List<FalCompletion>();
        var (receiver, keys, _) = Receiver(client, handled);

        FalSignedDelivery first = bed.Emulator.SignDelivery("req-1", Body("req-1"), time.GetUtcNow());
        Assert.Equal(FalWebhookDisposition.Processed, (await receiver.ReceiveAsync(first.Headers, first.Body)).Disposition);
        Assert.Equal(1, keys.Fetches);

        bed.Emulator.RotateSigningKey(keepOldKeyPublished: false);
        time.Advance(TimeSpan.FromSeconds(11));
        FalSignedDelivery rotated = bed.Emulator.SignDelivery("req-2", Body("req-2"), time.GetUtcNow());
        Assert.Equal(FalWebhookDisposition.Processed, (await receiver.ReceiveAsync(rotated.Headers, rotated.Body)).Disposition);
        Assert.Equal(2, keys.Fetches);

        // Unknown signatures within the cooldown do not hammer fal's key endpoint.
        for (int i = 0; i < 5; i++)
        {
            var foreign = SignWithOwnKey($"req-x{i}", Body($"req-x{i}"), time.GetUtcNow());
            Assert.Equal(FalWebhookDisposition.Rejected, (await receiver.ReceiveAsync(foreign.Headers, foreign.Body)).Disposition);
        }

        Assert.Equal(2, keys.Fetches);

        // The cache expires while fal's key endpoint is failing: the stale keys keep verifying.
        time.Advance(TimeSpan.FromHours(25));
        bed.Emulator.Faults.Inject(FalFault.ServiceUnavailable503, 100, ".well-known");
        FalSignedDelivery during = bed.Emulator.SignDelivery("req-3", Body("req-3"), time.GetUtcNow());
        Assert.Equal(FalWebhookDisposition.Processed, (await receiver.ReceiveAsync(during.Headers, during.Body)).Disposition);
        Assert.Equal(3, handled.Count);
    }

    private static (FalWebhookReceiver Receiver, FalSigningKeys Keys, FalCompletions Completions) Receiver(FalClient client, List<FalCompletion> handled)
    {
        var keys = new FalSigningKeys(client, NullLogger.Instance);
        var completions = new FalCompletions(new InMemoryFalCompletionStore(), (c, _) => Record(handled, c));
        return (new FalWebhookReceiver(new FalWebhookVerifier(client, keys), completions), keys, completions);
    }

    private static Task Record(List<FalCompletion> handled, FalCompletion completion)
    {
        lock (handled)
        {
            handled.Add(completion);
        }

        return Task.CompletedTask;
    }

    private static byte[] Body(string requestId, string prompt = "x") => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        request_id = requestId,
        gateway_request_id = requestId,
        status = "OK",
        payload = new { images = new[] { new { url = "https://v3.fal.media/files/x.jpg", content_type = "image/jpeg" } }, prompt },
    }));

    private static FalSignedDelivery SignWithOwnKey(string requestId, byte[] body, DateTimeOffset at)
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        string timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        byte[] message = Encoding.UTF8.GetBytes($"{requestId}\nemulated-user\n{timestamp}\n{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))}");
        var signer = new Ed25519Signer();
        signer.Init(true, (Ed25519PrivateKeyParameters)pair.Private);
        signer.BlockUpdate(message, 0, message.Length);
        return new FalSignedDelivery(
            new Dictionary<string, string>
            {
                [FalWebhookVerifier.RequestIdHeader] = requestId,
                [FalWebhookVerifier.UserIdHeader] = "emulated-user",
                [FalWebhookVerifier.TimestampHeader] = timestamp,
                [FalWebhookVerifier.SignatureHeader] = Convert.ToHexStringLower(signer.GenerateSignature()),
            },
            body);
    }
}
