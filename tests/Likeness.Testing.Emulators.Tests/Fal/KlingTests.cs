using System.Text;
using System.Text.Json;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Testing.Emulators.Tests.Fal;

public sealed class KlingTests
{
    [Fact]
    public async Task Elements_become_an_mp4_file_and_more_than_seven_inputs_are_refused()
    {
        var time = new ManualTime();
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = time, Concurrency = 4 });
        using var wire = new FalWire(fal.Key);
        string face = await wire.UploadAsync(fal.RestUri, FalTestImages.Png(), "image/png", "face.png");
        var element = new { frontal_image_url = face, reference_image_urls = new[] { face, face } };
        JsonElement ok = await wire.SubmitAsync(fal.QueueUri, "fal-ai/kling-video/o1/reference-to-video", new
        {
            prompt = "@Element1 walks",
            elements = new[] { element },
            image_urls = new[] { face },
            duration = "10",
            aspect_ratio = "9:16",
        });
        JsonElement tooMany = await wire.SubmitAsync(fal.QueueUri, "fal-ai/kling-video/o1/reference-to-video", new
        {
            prompt = "crowd",
            elements = Enumerable.Repeat(element, 4).ToArray(),
            image_urls = new[] { face, face, face, face },
        });
        JsonElement badDuration = await wire.SubmitAsync(fal.QueueUri, "fal-ai/kling-video/o1/reference-to-video", new { prompt = "x", duration = "11" });
        time.Advance(TimeSpan.FromSeconds(1));

        (int status, JsonElement output, _) = await wire.FollowAsync(ok, "response_url");
        Assert.Equal(200, status);
        JsonElement video = output.GetProperty("video");
        Assert.Equal(["content_type", "file_name", "file_size", "url"], FalWire.Names(video));
        Assert.Equal("video/mp4", video.GetProperty("content_type").GetString());
        byte[] bytes = await wire.Http.GetByteArrayAsync(video.GetProperty("url").GetString());
        Assert.Equal(video.GetProperty("file_size").GetInt32(), bytes.Length);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(bytes, 4, 4));

        (status, _, _) = await wire.FollowAsync(tooMany, "response_url");
        Assert.Equal(422, status);
        (status, JsonElement body, _) = await wire.FollowAsync(badDuration, "response_url");
        Assert.Equal(422, status);
        Assert.Equal("""["body","duration"]""", body.GetProperty("detail")[0].GetProperty("loc").GetRawText());
    }
}
