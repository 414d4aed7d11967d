using System.Text.Json;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Testing.Emulators.Tests.Fal;

public sealed class AppTests
{
    [Fact]
    public async Task Missing_fields_and_unreachable_references_fail_with_fal_detail_lists()
    {
        var time = new ManualTime();
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = time });
        using var wire = new FalWire(fal.Key);
        JsonElement missing = await wire.SubmitAsync(fal.QueueUri, "fal-ai/instant-character", new { image_url = "http://127.0.0.1:1/none.png", image_size = "huge" });
        time.Advance(TimeSpan.FromSeconds(1));

        (int status, JsonElement body, _) = await wire.FollowAsync(missing, "response_url");
        Assert.Equal(422, status);
        string[] locs = [.. body.GetProperty("detail").EnumerateArray().Select(d => d.GetProperty("loc").GetRawText())];
        Assert.Equal(["""["body","prompt"]""", """["body","image_size"]""", """["body","image_url"]"""], locs);
        Assert.Equal("value_error.missing", body.GetProperty("detail")[0].GetProperty("type").GetString());
        Assert.Equal("field required", body.GetProperty("detail")[0].GetProperty("msg").GetString());
        Assert.Equal("file_download_error", body.GetProperty("detail")[2].GetProperty("type").GetString());
        (_, JsonElement completed, _) = await wire.FollowAsync(missing, "status_url");
        Assert.Equal("Invalid status code: 422", completed.GetProperty("error").GetString());
    }

    [Fact]
    public async Task FailWith_turns_a_chosen_submission_into_an_app_error_on_completion()
    {
        var time = new ManualTime();
        var options = new FalEmulatorOptions
        {
            Time = time,
            FailWith = (endpoint, input) => input.GetProperty("prompt").GetString() == "boom"
                ? (500, """{"detail":"runner crashed","error_type":"runner_disconnected"}""")
                : null,
        };
        await using FalEmulator fal = await FalEmulator.StartAsync(options);
        using var wire = new FalWire(fal.Key);
        JsonElement submit = await wire.SubmitAsync(fal.QueueUri, "fal-ai/kling-video/o1/reference-to-video", new { prompt = "boom" });
        time.Advance(TimeSpan.FromSeconds(1));

        (int status, JsonElement completed, _) = await wire.FollowAsync(submit, "status_url");
        Assert.Equal(200, status);
        Assert.Equal("runner_disconnected", completed.GetProperty("error_type").GetString());
        (status, JsonElement body, _) = await wire.FollowAsync(submit, "response_url");
        Assert.Equal(500, status);
        Assert.Equal("runner crashed", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_sync_host_runs_at_once_and_records_no_queue_submission()
    {
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = new ManualTime() });
        using var wire = new FalWire(fal.Key);
        string image = "data:image/png;base64," + Convert.ToBase64String(FalTestImages.Png());

        (int status, JsonElement output, HttpResponseMessage response) = await wire.PostAsync(
            new Uri(fal.SyncUri, "fal-ai/instant-character"),
            JsonSerializer.Serialize(new { prompt = "p", image_url = image, image_size = "square", seed = 3 }));

        Assert.Equal(200, status);
        Assert.True(response.Headers.Contains("x-fal-request-id"));
        Assert.Equal(512, output.GetProperty("images")[0].GetProperty("width").GetInt32());
        Assert.Equal(3, output.GetProperty("seed").GetInt32());
        Assert.Empty(fal.Requests);
        (status, _, _) = await wire.PostAsync(new Uri(fal.SyncUri, "fal-ai/no-such-app"), "{}");
        Assert.Equal(404, status);
    }
}
