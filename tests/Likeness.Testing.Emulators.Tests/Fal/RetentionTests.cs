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

    [Fact]
    public async Task Object_lifecycle_headers_set_how_long_result_media_and_uploads_live()
    {
        var time = new ManualTime();
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = time });
        using var wire = new FalWire(fal.Key);
        using var initiate = new HttpRequestMessage(HttpMethod.Post, new Uri(fal.RestUri, "storage/upload/initiate?storage_type=fal-cdn-v3"))
        {
            Content = new StringContent("""{"content_type":"image/png","file_name":"short.png"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        initiate.Headers.Add("X-Fal-Object-Lifecycle", """{"expiration_duration_seconds":60}""");
        using HttpResponseMessage initiated = await wire.Http.SendAsync(initiate);
        using JsonDocument upload = JsonDocument.Parse(await initiated.Content.ReadAsStringAsync());
        using var anonymous = new HttpClient();
        using (HttpResponseMessage put = await anonymous.PutAsync(upload.RootElement.GetProperty("upload_url").GetString(), new ByteArrayContent(FalTestImages.Png())))
        {
            Assert.True(put.IsSuccessStatusCode);
        }

        string face = upload.RootElement.GetProperty("file_url").GetString()!;
        using var submit = new HttpRequestMessage(HttpMethod.Post, new Uri(fal.QueueUri, "fal-ai/instant-character"))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { prompt = "p", image_url = face, image_size = "square" }), System.Text.Encoding.UTF8, "application/json"),
        };
        submit.Headers.Add("X-Fal-Object-Lifecycle-Preference", """{"expiration_duration_seconds":120}""");
        using HttpResponseMessage submitted = await wire.Http.SendAsync(submit);
        using JsonDocument job = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync());
        time.Advance(TimeSpan.FromSeconds(1));
        (_, JsonElement result, _) = await wire.FollowAsync(job.RootElement, "response_url");
        string media = result.GetProperty("images")[0].GetProperty("url").GetString()!;

        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(404, (int)(await anonymous.GetAsync(face)).StatusCode);
        Assert.Equal(200, (int)(await anonymous.GetAsync(media)).StatusCode);
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(404, (int)(await anonymous.GetAsync(media)).StatusCode);
    }
}
