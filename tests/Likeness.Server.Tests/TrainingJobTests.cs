using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Identity;
using Likeness.Testing;
using Likeness.Workspace.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Server.Tests;

/// <summary>Identity training as a background job: accepted with 202, run by Quartz, followed over SSE and by polling.</summary>
public sealed class TrainingJobTests
{
    private static readonly string[] FastJobs = ["--Likeness:Jobs:PollInterval", "00:00:00.100", "--Likeness:SimTrainingDuration", "00:00:03"];

    [Fact]
    public async Task A_training_on_the_sim_runs_to_ready_with_its_progress_streamed()
    {
        await using ServerHost server = await ServerHost.StartAsync(null, FastJobs);
        await JobClient.CharacterWithReferencesAsync(server, "Ada");

        var (id, location) = await JobClient.StartTrainingAsync(server, "Ada", "sim-lora");
        Assert.Equal($"/api/projects/default/jobs/{id}", location.OriginalString);
        List<(string Id, JsonElement Data)> events = await JobClient.FollowAsync(server, id);

        // One event per change, in order, ending at the final state; the stream closes itself.
        Assert.True(events.Count >= 3, string.Join("\n", events.Select(e => e.Data.ToString())));
        Assert.Equal(events.Select(e => int.Parse(e.Id, System.Globalization.CultureInfo.InvariantCulture)).Order(), events.Select(e => int.Parse(e.Id, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(events, e => e.Data.GetProperty("status").GetString() == "running");
        JsonElement last = events[^1].Data;
        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Assert.Equal(100, last.GetProperty("percent").GetDouble());
        Guid modelId = Assert.Single(last.GetProperty("resultIds").EnumerateArray()).GetGuid();
        IdentityModel model = await server.Services.GetRequiredService<IdentityManager>().GetAsync(modelId);
        Assert.Equal(IdentityModelStatus.Ready, model.Status);

        // Polling reads the same final record; reconnecting after the last event gets nothing more.
        JsonElement polled = await JobClient.GetAsync(server, id);
        Assert.Equal(last.GetProperty("version").GetInt32(), polled.GetProperty("version").GetInt32());
        Assert.Empty(await JobClient.FollowAsync(server, id, lastEventId: events[^1].Id));
        Assert.Single(await JobClient.FollowAsync(server, id, lastEventId: events[^2].Id));
    }

    [Fact]
    public async Task A_job_of_another_project_or_an_unknown_one_is_a_404()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        await JobClient.CharacterWithReferencesAsync(server, "Ada");

        HttpResponseMessage noProject = await server.Client.PostAsJsonAsync(new Uri("/api/projects/elsewhere/identities", UriKind.Relative), new { character = "Ada", provider = "sim-lora" });
        Assert.Equal(HttpStatusCode.NotFound, noProject.StatusCode);
        Assert.Equal("project", (await noProject.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entity").GetString());

        HttpResponseMessage noJob = await server.Client.GetAsync(new Uri($"/api/projects/default/jobs/{Guid.NewGuid()}/events", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, noJob.StatusCode);
        Assert.Equal("job", (await noJob.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entity").GetString());

        HttpResponseMessage noCharacter = await server.Client.PostAsJsonAsync(new Uri("/api/projects/default/identities", UriKind.Relative), new { character = "Nobody", provider = "sim-lora" });
        Assert.Equal(HttpStatusCode.NotFound, noCharacter.StatusCode);
    }
}
