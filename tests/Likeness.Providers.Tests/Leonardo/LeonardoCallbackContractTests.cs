using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Likeness.Core.Providers;
using Likeness.Providers.Leonardo.Callbacks;
using Likeness.Testing;

namespace Likeness.Providers.Tests.Leonardo;

/// <summary>Callbacks: the bearer key is checked, forgeries are refused, and a redelivered generation is handled once.</summary>
public sealed class LeonardoCallbackContractTests
{
    private const string CallbackKey = "callback-key-7f3a9c";

    [Fact]
    public async Task A_completed_generation_is_called_back_with_the_key_and_handled_once_despite_redeliveries()
    {
        var handled = new ConcurrentBag<LeonardoCallback>();
        await using ReceiverHost<LeonardoCallbackResult> host = await LeonardoCallbackHost.StartAsync(new LeonardoCallbackReceiver(CallbackKey, (c, _) => Add(handled, c)));
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync(e => (e.CallbackUrl, e.CallbackKey) = (host.Url, CallbackKey));
        GenerationResult result = await bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request(count: 2));
        string id = result.ProviderRequestId!;
        await Eventually.HoldsAsync(() => !handled.IsEmpty, "the callback");

        LeonardoCallback callback = Assert.Single(handled);
        Assert.Equal(LeonardoCallback.ImageGenerationComplete, callback.Type);
        Assert.Equal(id, callback.Generation.Id);
        Assert.Equal("COMPLETE", callback.Generation.Status);
        Assert.Equal(2, callback.Generation.GeneratedImages.Count);

        Assert.Equal(200, await bed.Emulator.RedeliverCallbackAsync(id));
        Assert.Equal(200, await bed.Emulator.RedeliverCallbackAsync(id));
        Assert.Single(handled);
        Assert.Equal(
            [LeonardoCallbackDisposition.Processed, LeonardoCallbackDisposition.Duplicate, LeonardoCallbackDisposition.Duplicate],
            host.Results.Select(r => r.Disposition));
    }

    [Fact]
    public async Task A_wrong_or_missing_key_is_refused_and_the_emulator_stops_after_its_attempts()
    {
        var handled = new ConcurrentBag<LeonardoCallback>();
        await using ReceiverHost<LeonardoCallbackResult> host = await LeonardoCallbackHost.StartAsync(new LeonardoCallbackReceiver(CallbackKey, (c, _) => Add(handled, c)));
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync(e => (e.CallbackUrl, e.CallbackKey, e.CallbackAttempts) = (host.Url, "callback-key-7f3a9d", 3));
        string id = (await bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request())).ProviderRequestId!;
        await Eventually.HoldsAsync(() => bed.Emulator.Deliveries.Count == 3, "three refused attempts");
        Assert.All(bed.Emulator.Deliveries, d => Assert.Equal(401, d.Status));
        bed.Emulator.Options.CallbackKey = null;
        Assert.Equal(401, await bed.Emulator.RedeliverCallbackAsync(id, key: null));
        Assert.Empty(handled);
        Assert.All(host.Results, r => Assert.Equal(LeonardoCallbackDisposition.Rejected, r.Disposition));

        // The right key is then accepted: a refusal never claimed the generation.
        Assert.Equal(200, await bed.Emulator.RedeliverCallbackAsync(id, CallbackKey));
        Assert.Single(handled);
    }

    [Fact]
    public async Task Forged_callbacks_are_refused_and_a_failed_handler_lets_the_next_delivery_retry()
    {
        int calls = 0;
        var receiver = new LeonardoCallbackReceiver(CallbackKey, (_, _) => Interlocked.Increment(ref calls) == 1 ? throw new IOException("database down") : Task.CompletedTask);
        await using ReceiverHost<LeonardoCallbackResult> host = await LeonardoCallbackHost.StartAsync(receiver);
        using var http = new HttpClient();
        byte[] body = """{"type":"image_generation.complete","object":"generation","timestamp":1,"api_version":"v1","data":{"object":{"id":"gen-1","status":"COMPLETE","images":[]}}}"""u8.ToArray();

        Assert.Equal(401, await PostAsync(http, host.Url, body, null));
        Assert.Equal(401, await PostAsync(http, host.Url, body, "Bearer forged"));
        Assert.Equal(401, await PostAsync(http, host.Url, body, CallbackKey));
        Assert.Equal(400, await PostAsync(http, host.Url, "{\"type\":\"x\"}"u8.ToArray(), "Bearer " + CallbackKey));
        Assert.Equal(0, calls);

        await Assert.ThrowsAsync<IOException>(() => receiver.ReceiveAsync("Bearer " + CallbackKey, body));
        Assert.Equal(LeonardoCallbackDisposition.Processed, (await receiver.ReceiveAsync("Bearer " + CallbackKey, body)).Disposition);
        Assert.Equal(LeonardoCallbackDisposition.Duplicate, (await receiver.ReceiveAsync("Bearer " + CallbackKey, body)).Disposition);
        Assert.Equal(2, calls);
    }

    private static Task Add(ConcurrentBag<LeonardoCallback> bag, LeonardoCallback callback)
    {
        bag.Add(callback);
        return Task.CompletedTask;
    }

    private static async Task<int> PostAsync(HttpClient http, Uri url, byte[] body, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using HttpResponseMessage response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }
}
