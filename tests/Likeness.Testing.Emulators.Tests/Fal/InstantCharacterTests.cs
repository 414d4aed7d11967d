using System.Text.Json;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Testing.Emulators.Tests.Fal;

public sealed class InstantCharacterTests
{
    [Fact]
    public async Task Submit_status_result_follow_the_clock_and_match_the_documented_shapes()
    {
        var time = new ManualTime();
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = time });
        using var wire = new FalWire(fal.Key);
        string imageUrl = await wire.UploadAsync(fal.RestUri, FalTestImages.Png(), "image/png", "ref.png");

        (int status, JsonElement submit, HttpResponseMessage response) = await wire.PostAsync(
            new Uri(fal.QueueUri, "fal-ai/instant-character"),
            JsonSerializer.Serialize(new { prompt = "a portrait", image_url = imageUrl, image_size = new { width = 64, height = 80 }, num_images = 2, seed = 7 }));

        Assert.Equal(200, status);
        Assert.Equal(["cancel_url", "queue_position", "request_id", "response_url", "status", "status_url"], FalWire.Names(submit));
        string id = submit.GetProperty("request_id").GetString()!;
        Assert.Equal(id, response.Headers.GetValues("x-fal-request-id").Single());
        Assert.Equal("IN_QUEUE", submit.GetProperty("status").GetString());
        Assert.Equal(0, submit.GetProperty("queue_position").GetInt32());
        Uri statusUrl = new(submit.GetProperty("status_url").GetString()!);
        Uri resultUrl = new(submit.GetProperty("response_url").GetString()!);
        Assert.Equal(new Uri(fal.QueueUri, $"fal-ai/instant-character/requests/{id}/status"), statusUrl);
        Assert.Equal(new Uri(fal.QueueUri, $"fal-ai/instant-character/requests/{id}/cancel").AbsoluteUri, submit.GetProperty("cancel_url").GetString());

        (status, JsonElement queued, _) = await wire.GetAsync(statusUrl);
        Assert.Equal(202, status);
        Assert.Equal("IN_QUEUE", queued.GetProperty("status").GetString());
        (status, JsonElement early, _) = await wire.GetAsync(resultUrl);
        Assert.Equal(400, status);
        Assert.Equal("Request is still in progress", early.GetProperty("detail").GetString());

        time.Advance(TimeSpan.FromMilliseconds(150));
        (status, JsonElement running, _) = await wire.GetAsync(new Uri(statusUrl + "?logs=1"));
        Assert.Equal(202, status);
        Assert.Equal("IN_PROGRESS", running.GetProperty("status").GetString());
        JsonElement log = running.GetProperty("logs")[0];
        Assert.Equal(["level", "message", "source", "timestamp"], FalWire.Names(log));

        time.Advance(TimeSpan.FromMilliseconds(200));
        (status, JsonElement done, _) = await wire.GetAsync(new Uri(statusUrl + "?logs=1"));
        Assert.Equal(200, status);
        Assert.Equal("COMPLETED", done.GetProperty("status").GetString());
        Assert.Equal(0.2, done.GetProperty("metrics").GetProperty("inference_time").GetDouble(), 3);
        Assert.False(done.TryGetProperty("error", out _));

        (status, JsonElement result, _) = await wire.GetAsync(resultUrl);
        Assert.Equal(200, status);
        Assert.Equal(["has_nsfw_concepts", "images", "prompt", "seed", "timings"], FalWire.Names(result));
        Assert.Equal(7, result.GetProperty("seed").GetInt32());
        Assert.Equal(2, result.GetProperty("images").GetArrayLength());
        JsonElement image = result.GetProperty("images")[0];
        Assert.Equal(["content_type", "file_name", "file_size", "height", "url", "width"], FalWire.Names(image));
        Assert.Equal("image/jpeg", image.GetProperty("content_type").GetString());
        byte[] bytes = await wire.Http.GetByteArrayAsync(image.GetProperty("url").GetString());
        Assert.Equal(image.GetProperty("file_size").GetInt32(), bytes.Length);
        Assert.Equal(64, image.GetProperty("width").GetInt32());
        Assert.InRange(FalTestImages.MeanRed(bytes), 150, 255);
        Assert.Equal(1, fal.Submissions("fal-ai/instant-character"));
    }
}
