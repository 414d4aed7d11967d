using System.Text.Json;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Testing.Emulators.Tests.Fal;

public sealed class RetentionTests
{
    [Fact]
    public async Task Small_results_expire_after_an_hour_large_ones_after_six_minutes_and_media_after_their_retention()
    {
        var time = new ManualTime();
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = time, MediaRetention = TimeSpan.FromMinutes(30) });
        using var wire = new FalWire(fal.Key);
        string face = await wire.UploadAsync(fal.RestUri, FalTestImages.Png(noisy: true), "image/png", "face.png");
        var input = new { prompt = "p", image_url = face, image_size = new { width = 96, height = 96 } };
        JsonElement small = await wire.SubmitAsync(fal.QueueUri, "fal-ai/instant-character", input);
        JsonElement large = await wire.SubmitAsync(fal.QueueUri, "fal-ai/instant-character", new { input.prompt, input.image_url, image_size = "square", output_format = "png", sync_mode = true });
        time.Advance(TimeSpan.FromSeconds(1));

        (int status, JsonElement smallResult, _) = await wire.FollowAsync(small, "response_url");
        Assert.Equal(200, status);
        (status, JsonElement largeResult, _) = await wire.FollowAsync(large, "response_url");
        Assert.Equal(200, status);
        Assert.StartsWith("data:image/png;base64,", largeResult.GetProperty("images")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.True(largeResult.GetRawText().Length >= 10 * 1024);
        string media = smallResult.GetProperty("images")[0].GetProperty("url").GetString()!;

        time.Advance(TimeSpan.FromMinutes(6));
        (status, _, _) = await wire.FollowAsync(large, "response_url");
        Assert.Equal(404, status);
        (status, _, _) = await wire.FollowAsync(small, "response_url");
        Assert.Equal(200, status);
        (status, JsonElement stillCompleted, _) = await wire.FollowAsync(large, "status_url");
        Assert.Equal(200, status);
        Assert.Equal("COMPLETED", stillCompleted.GetProperty("status").GetString());

        time.Advance(TimeSpan.FromMinutes(25));
        using var anonymous = new HttpClient();
        using (HttpResponseMessage expired = await anonymous.GetAsync(media))
        {
            Assert.Equal(404, (int)expired.StatusCode);
        }

        using (HttpResponseMessage upload = await anonymous.GetAsync(face))
        {
            Assert.Equal(200, (int)upload.StatusCode);
        }

        time.Advance(TimeSpan.FromMinutes(30));
        (status, _, _) = await wire.FollowAsync(small, "response_url");
        Assert.Equal(404, status);
    }
}
