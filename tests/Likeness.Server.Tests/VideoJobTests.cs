using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Testing;
using Likeness.Workspace.Persistence;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary>A video made from a pin as a background job, read back and its clip served; bad requests name the field.</summary>
public sealed class VideoJobTests
{
    [Theory]
    [MemberData(nameof(ServerDatabases.Kinds), MemberType = typeof(ServerDatabases))]
    public async Task A_pinned_character_gets_a_video_job_whose_clip_is_served(DatabaseKind kind)
    {
        await using ServerHost server = await ServerHost.StartAsync(database: kind);
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        string path = $"/api/projects/{project}/characters/Ada";
        Uri videos = new(path + "/videos", UriKind.Relative);

        await ProblemOf(await artist.Client.PostAsJsonAsync(videos, new { provider = "sim-instant", prompt = "waves at the camera" }), HttpStatusCode.NotFound);
        await AssertStatus(HttpStatusCode.Created, await artist.Client.PostAsJsonAsync(new Uri(path + "/pins", UriKind.Relative), new { frontal = "obama.jpg" }));

        using HttpResponseMessage accepted = await artist.Client.PostAsJsonAsync(videos, new { provider = "sim-instant", prompt = "waves at the camera", durationSeconds = 3, aspectRatio = "1:1" });
        await AssertStatus(HttpStatusCode.Accepted, accepted);
        JsonElement job = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("video", job.GetProperty("kind").GetString());
        List<(string Id, JsonElement Data)> events = await JobClient.FollowAsync(artist.Client, project, job.GetProperty("id").GetGuid());

        JsonElement last = events[^1].Data;
        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        // The stream may coalesce the running state into the last, so the estimate stays in the final message.
        Assert.Contains("estimate $", last.GetProperty("message").GetString(), StringComparison.Ordinal);
        Guid id = Assert.Single(last.GetProperty("resultIds").EnumerateArray()).GetGuid();
        JsonElement video = await artist.Client.GetFromJsonAsync<JsonElement>(new Uri($"{path}/videos/{id}", UriKind.Relative));
        Assert.Equal(("succeeded", 3), (video.GetProperty("status").GetString(), video.GetProperty("durationSeconds").GetInt32()));
        Assert.Equal(last.GetProperty("costUsd").GetDecimal(), video.GetProperty("costUsd").GetDecimal());
        Assert.True(video.GetProperty("costUsd").GetDecimal() > 0);
        Assert.Single((await artist.Client.GetFromJsonAsync<JsonElement[]>(videos))!);

        using HttpResponseMessage clip = await artist.Client.GetAsync(new Uri($"{path}/videos/{id}/file", UriKind.Relative));
        await AssertStatus(HttpStatusCode.OK, clip);
        Assert.StartsWith("video/", clip.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        byte[] bytes = await clip.Content.ReadAsByteArrayAsync();
        SimClips.AssertIsClip(bytes);
        Assert.Equal(SimClips.ContentType, clip.Content.Headers.ContentType?.MediaType);

        Assert.Equal("aspectRatio", (await ProblemOf(await artist.Client.PostAsJsonAsync(videos, new { provider = "sim-instant", prompt = "x", aspectRatio = "4:3" }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal("durationSeconds", (await ProblemOf(await artist.Client.PostAsJsonAsync(videos, new { provider = "sim-instant", prompt = "x", durationSeconds = 99 }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal("provider", (await ProblemOf(await artist.Client.PostAsJsonAsync(videos, new { provider = "sim-lora", prompt = "x" }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        await ProblemOf(await artist.Client.GetAsync(new Uri($"{path}/videos/{Guid.NewGuid()}/file", UriKind.Relative)), HttpStatusCode.NotFound);
    }
}
