using System.Text;
using System.Text.Json;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Testing.Emulators.Tests.Fal;

public sealed class WebhookTests
{
    [Fact]
    public async Task Completion_posts_a_signed_delivery_that_verifies_against_the_jwks_and_retries_failures()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(500, 503);
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = time, UserId = "user-42", WebhookRetryDelay = TimeSpan.FromMilliseconds(5) });
        using var wire = new FalWire(fal.Key);
        string face = await wire.UploadAsync(fal.RestUri, FalTestImages.Png(), "image/png", "face.png");
        JsonElement submit = await wire.SubmitAsync(fal.QueueUri, "fal-ai/instant-character", new { prompt = "p", image_url = face, image_size = "square" }, receiver.Url);
        string id = submit.GetProperty("request_id").GetString()!;
        Assert.Equal(receiver.Url.AbsoluteUri, fal.Requests.Single().WebhookUrl);

        time.Advance(TimeSpan.FromSeconds(1));
        WebhookReceiver.Received[] posts = await receiver.WaitForAsync(3);
        await fal.DeliveriesSettledAsync();
        Assert.Equal([(1, 500), (2, 503), (3, 200)], fal.Deliveries.Select(d => (d.Attempt, d.ResponseStatus ?? 0)));
        Assert.All(fal.Deliveries, d => Assert.Equal(id, d.RequestId));

        (int status, JsonElement jwks, _) = await wire.GetAsync(fal.JwksUri);
        Assert.Equal(200, status);
        WebhookReceiver.Received last = posts[^1];
        Assert.Equal(id, last.Headers["X-Fal-Webhook-Request-Id"]);
        Assert.Equal("user-42", last.Headers["X-Fal-Webhook-User-Id"]);
        Assert.Equal(time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), last.Headers["X-Fal-Webhook-Timestamp"]);
        Assert.Equal(128, last.Headers["X-Fal-Webhook-Signature"].Length);
        Assert.True(Ed25519Check.Verify(jwks, last.Headers, last.Body));
        Assert.False(Ed25519Check.Verify(jwks, last.Headers, [.. last.Body, (byte)' ']));

        using JsonDocument body = JsonDocument.Parse(last.Body);
        Assert.Equal(["gateway_request_id", "payload", "request_id", "status"], FalWire.Names(body.RootElement));
        Assert.Equal("OK", body.RootElement.GetProperty("status").GetString());
        (_, JsonElement result, _) = await wire.FollowAsync(submit, "response_url");
        Assert.Equal(result.GetRawText(), body.RootElement.GetProperty("payload").GetRawText());

        await fal.RedeliverWebhookAsync(id);
        posts = await receiver.WaitForAsync(4);
        Assert.Equal(last.Body, posts[^1].Body);
        Assert.Equal(last.Headers["X-Fal-Webhook-Signature"], posts[^1].Headers["X-Fal-Webhook-Signature"]);
        Assert.Equal(4, fal.Deliveries[^1].Attempt);
    }

    [Fact]
    public async Task Failed_requests_post_error_deliveries_and_give_up_after_the_attempt_limit()
    {
        var time = new ManualTime();
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(500, 500, 500, 500);
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = time, WebhookAttempts = 3, WebhookRetryDelay = TimeSpan.FromMilliseconds(5) });
        using var wire = new FalWire(fal.Key);
        await wire.SubmitAsync(fal.QueueUri, "fal-ai/instant-character", new { image_url = "data:image/png;base64," + Convert.ToBase64String(FalTestImages.Png()) }, receiver.Url);

        time.Advance(TimeSpan.FromSeconds(1));
        WebhookReceiver.Received[] posts = await receiver.WaitForAsync(3);
        await fal.DeliveriesSettledAsync();
        Assert.Equal(3, receiver.Posts.Count);
        Assert.Equal([500, 500, 500], fal.Deliveries.Select(d => d.ResponseStatus ?? 0));
        using JsonDocument body = JsonDocument.Parse(posts[0].Body);
        Assert.Equal("ERROR", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Invalid status code: 422", body.RootElement.GetProperty("error").GetString());
        Assert.Equal("""["body","prompt"]""", body.RootElement.GetProperty("payload").GetProperty("detail")[0].GetProperty("loc").GetRawText());
    }

    [Fact]
    public async Task Rotation_changes_the_published_keys_and_forged_deliveries_sign_with_the_current_key()
    {
        await using FalEmulator fal = await FalEmulator.StartAsync();
        using var wire = new FalWire(fal.Key);
        byte[] payload = Encoding.UTF8.GetBytes("""{"request_id":"r1","status":"OK","payload":{}}""");
        FalSignedDelivery before = fal.SignDelivery("r1", payload, DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000));
        Assert.Equal("1700000000", before.Headers["X-Fal-Webhook-Timestamp"]);
        Assert.Equal(payload, before.Body);
        (_, JsonElement jwks, _) = await wire.GetAsync(fal.JwksUri);
        Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.True(Ed25519Check.Verify(jwks, before.Headers, before.Body));

        fal.RotateSigningKey(keepOldKeyPublished: true);
        (_, JsonElement both, _) = await wire.GetAsync(fal.JwksUri);
        Assert.Equal(2, both.GetProperty("keys").GetArrayLength());
        FalSignedDelivery after = fal.SignDelivery("r1", payload, DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000));
        Assert.NotEqual(before.Headers["X-Fal-Webhook-Signature"], after.Headers["X-Fal-Webhook-Signature"]);
        Assert.True(Ed25519Check.Verify(both, before.Headers, before.Body));
        Assert.True(Ed25519Check.Verify(both, after.Headers, after.Body));

        fal.RotateSigningKey(keepOldKeyPublished: false);
        (_, JsonElement fresh, _) = await wire.GetAsync(fal.JwksUri);
        Assert.Single(fresh.GetProperty("keys").EnumerateArray());
        Assert.False(Ed25519Check.Verify(fresh, before.Headers, before.Body));
        Assert.False(Ed25519Check.Verify(fresh, after.Headers, after.Body));
    }
}
