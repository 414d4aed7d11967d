using System.Text.Json;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Testing.Emulators.Tests.Fal;

public sealed class QueueTests
{
    private static readonly object Training = new { images_data_url = "data:application/zip;base64,AA==" };

    [Fact]
    public async Task Followed_completes_once_each_of_the_first_submissions_has_been_asked_for_its_status()
    {
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = new ManualTime() });
        using var wire = new FalWire(fal.Key);
        JsonElement first = await wire.SubmitAsync(fal.QueueUri, "fal-ai/flux-lora-fast-training", Training);
        JsonElement second = await wire.SubmitAsync(fal.QueueUri, "fal-ai/flux-lora-fast-training", Training);
        Task both = fal.FollowedAsync(2);

        // A submission alone is not followed; the second's status asked before the first's leaves the wait open.
        await wire.FollowAsync(second, "status_url");
        Assert.False(both.IsCompleted);
        await wire.FollowAsync(first, "status_url");
        await both;
        Assert.True(fal.FollowedAsync(1).IsCompleted);
        Assert.False(fal.FollowedAsync(3).IsCompleted);
    }

    [Fact]
    public async Task Requests_beyond_the_concurrency_wait_in_queue_with_positions_and_are_never_rejected()
    {
        var time = new ManualTime();
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = time, Concurrency = 1 });
        using var wire = new FalWire(fal.Key);
        JsonElement[] jobs = new JsonElement[3];
        for (int i = 0; i < jobs.Length; i++)
        {
            jobs[i] = await wire.SubmitAsync(fal.QueueUri, "fal-ai/flux-lora-fast-training", Training);
            Assert.Equal(i, jobs[i].GetProperty("queue_position").GetInt32());
        }

        time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(["IN_PROGRESS", "IN_QUEUE", "IN_QUEUE"], fal.Requests.Select(r => r.Status));
        (int status, JsonElement second, _) = await wire.FollowAsync(jobs[2], "status_url");
        Assert.Equal(202, status);
        Assert.Equal(1, second.GetProperty("queue_position").GetInt32());

        // The first ends at 700 ms; the second then waits its queue delay and runs 600 ms, until 1400 ms.
        time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Equal(["COMPLETED", "IN_QUEUE", "IN_QUEUE"], fal.Requests.Select(r => r.Status));
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(["COMPLETED", "IN_PROGRESS", "IN_QUEUE"], fal.Requests.Select(r => r.Status));
        (_, JsonElement third, _) = await wire.FollowAsync(jobs[2], "status_url");
        Assert.Equal(0, third.GetProperty("queue_position").GetInt32());
        time.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.All(fal.Requests, r => Assert.Equal("COMPLETED", r.Status));
    }

    [Fact]
    public async Task Cancel_removes_a_queued_request_stops_a_running_one_and_refuses_a_completed_or_unknown_one()
    {
        var time = new ManualTime();
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = time, Concurrency = 1 });
        using var wire = new FalWire(fal.Key);
        JsonElement running = await wire.SubmitAsync(fal.QueueUri, "fal-ai/flux-lora-fast-training", Training);
        JsonElement queued = await wire.SubmitAsync(fal.QueueUri, "fal-ai/flux-lora-fast-training", Training);
        JsonElement last = await wire.SubmitAsync(fal.QueueUri, "fal-ai/flux-lora-fast-training", Training);
        time.Advance(TimeSpan.FromMilliseconds(300));
        (_, JsonElement before, _) = await wire.FollowAsync(last, "status_url");
        Assert.Equal(1, before.GetProperty("queue_position").GetInt32());

        (int status, JsonElement body, _) = await wire.SendAsync(HttpMethod.Put, new Uri(queued.GetProperty("cancel_url").GetString()!));
        Assert.Equal(202, status);
        Assert.Equal("CANCELLATION_REQUESTED", body.GetProperty("status").GetString());
        (_, JsonElement lastStatus, _) = await wire.FollowAsync(last, "status_url");
        Assert.Equal(0, lastStatus.GetProperty("queue_position").GetInt32());

        (status, _, _) = await wire.SendAsync(HttpMethod.Put, new Uri(running.GetProperty("cancel_url").GetString()!));
        Assert.Equal(202, status);
        (status, JsonElement stopped, _) = await wire.FollowAsync(running, "status_url", "?logs=1");
        Assert.Equal(200, status);
        Assert.Equal("COMPLETED", stopped.GetProperty("status").GetString());
        Assert.Equal("request_cancelled", stopped.GetProperty("error_type").GetString());
        Assert.Contains(stopped.GetProperty("logs").EnumerateArray(), l => l.GetProperty("level").GetString() == "WARN");
        (status, _, _) = await wire.FollowAsync(running, "response_url");
        Assert.Equal(400, status);
        Assert.Equal(["CANCELLED", "CANCELLED", "IN_QUEUE"], fal.Requests.Select(r => r.Status));

        (status, body, _) = await wire.SendAsync(HttpMethod.Put, new Uri(running.GetProperty("cancel_url").GetString()!));
        Assert.Equal(400, status);
        Assert.Equal("ALREADY_COMPLETED", body.GetProperty("status").GetString());
        (status, body, _) = await wire.SendAsync(HttpMethod.Put, new Uri(fal.QueueUri, $"fal-ai/flux-lora-fast-training/requests/{Guid.NewGuid()}/cancel"));
        Assert.Equal(404, status);
        Assert.Equal("NOT_FOUND", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Status_result_and_cancel_live_on_owner_and_app_only_and_need_the_key()
    {
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = new ManualTime() });
        using var wire = new FalWire(fal.Key);
        JsonElement submit = await wire.SubmitAsync(fal.QueueUri, "fal-ai/kling-video/o1/reference-to-video", new { prompt = "walk" });
        string id = submit.GetProperty("request_id").GetString()!;

        Assert.Equal(new Uri(fal.QueueUri, $"fal-ai/kling-video/requests/{id}/status").AbsoluteUri, submit.GetProperty("status_url").GetString());
        (int status, _, _) = await wire.GetAsync(new Uri(fal.QueueUri, $"fal-ai/kling-video/o1/reference-to-video/requests/{id}/status"));
        Assert.Equal(404, status);
        (status, _, _) = await wire.GetAsync(new Uri(fal.QueueUri, $"fal-ai/kling-video/requests/{Guid.NewGuid()}/status"));
        Assert.Equal(404, status);

        using var stranger = new FalWire("someone:else");
        (status, JsonElement denied, HttpResponseMessage response) = await stranger.FollowAsync(submit, "status_url");
        Assert.Equal(401, status);
        Assert.Equal(JsonValueKind.String, denied.GetProperty("detail").ValueKind);
        (status, _, _) = await stranger.PostAsync(new Uri(fal.QueueUri, "fal-ai/instant-character"), "{}");
        Assert.Equal(401, status);
        Assert.Equal(1, fal.Submissions("fal-ai/kling-video/o1/reference-to-video"));
        Assert.Single(fal.Requests);
        response.Dispose();
    }
}
