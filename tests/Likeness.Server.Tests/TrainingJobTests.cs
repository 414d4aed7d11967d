using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Accounts;
using Likeness.Core.Identity;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Server.Tests;

/// <summary>
/// Identity training as a background job: accepted with 202 for an artist, run by Quartz, followed over SSE and by
/// polling by a viewer; confined to the route's project.
/// </summary>
public sealed class TrainingJobTests
{
    private static readonly string[] FastJobs = ["--Likeness:Jobs:PollInterval", "00:00:00.100", "--Likeness:SimTrainingDuration", "00:00:03"];

    [Fact]
    public async Task A_training_on_the_sim_runs_to_ready_with_its_progress_streamed()
    {
        await using ServerHost server = await ServerHost.StartAsync(null, FastJobs);
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        Caller viewer = await server.CallerAsync("vera", project, ProjectRole.Viewer);

        var (id, location) = await JobClient.StartTrainingAsync(artist.Client, project, "Ada", "sim-lora");
        Assert.Equal($"/api/projects/{project}/jobs/{id}", location.OriginalString);
        List<(string Id, JsonElement Data)> events = await JobClient.FollowAsync(viewer.Client, project, id);

        // Events in version order (the 3 s training is slow enough to be seen running), ending at the final state; the
        // stream closes itself.
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
        JsonElement polled = await JobClient.GetAsync(viewer.Client, project, id);
        Assert.Equal(last.GetProperty("version").GetInt32(), polled.GetProperty("version").GetInt32());
        Assert.Empty(await JobClient.FollowAsync(viewer.Client, project, id, lastEventId: events[^1].Id));
        Assert.Single(await JobClient.FollowAsync(viewer.Client, project, id, lastEventId: events[^2].Id));
    }

    [Fact]
    public async Task Training_parameters_a_trainer_cannot_take_are_a_400_before_any_job_and_those_it_takes_are_recorded()
    {
        await using ServerHost server = await ServerHost.StartAsync(null, FastJobs);
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        var identities = new Uri($"/api/projects/{project}/identities", UriKind.Relative);

        // A rank past the sim trainer's 128, and steps asked of a provider that does not train: 400s naming the field.
        foreach (var (body, field) in new (object, string)[]
        {
            (new { character = "Ada", provider = "sim-lora", rank = 500 }, "rank"),
            (new { character = "Ada", provider = "sim-instant", steps = 100 }, "steps"),
        })
        {
            using HttpResponseMessage refused = await artist.Client.PostAsJsonAsync(identities, body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            JsonElement problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((field, "invalid-input"), (problem.GetProperty("field").GetString(), problem.GetProperty("code").GetString()));
        }

        // Within the limits: trained with them, and they are on the identity.
        using HttpResponseMessage accepted = await artist.Client.PostAsJsonAsync(identities, new { character = "Ada", provider = "sim-lora", steps = 1500, rank = 32, learningRate = 0.0002 });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Guid id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        JsonElement last = (await JobClient.FollowAsync(artist.Client, project, id))[^1].Data;
        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        IdentityModel model = await server.Services.GetRequiredService<IdentityManager>().GetAsync(Assert.Single(last.GetProperty("resultIds").EnumerateArray()).GetGuid());
        Assert.Equal(new TrainingParameters { Steps = 1500, Rank = 32, LearningRate = 0.0002 }, TrainingParameters.Read(model.TrainingParameters));
        Assert.Equal(1, model.Version);   // the refused requests made nothing
    }

    [Fact]
    public async Task A_viewer_reads_a_job_but_may_not_start_or_cancel_one_and_a_caller_without_a_token_gets_401()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        Caller viewer = await server.CallerAsync("vera", project, ProjectRole.Viewer);
        JobRecord job = await server.Services.GetRequiredService<JobBook>().CreateAsync(project, JobKind.Training, "{}");
        var training = new { character = "Ada", provider = "sim-lora" };

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsJsonAsync(new Uri($"/api/projects/{project}/identities", UriKind.Relative), training)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.DeleteAsync(new Uri($"/api/projects/{project}/jobs/{job.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.GetAsync(new Uri($"/api/projects/{project}/jobs/{job.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.PostAsJsonAsync(new Uri($"/api/projects/{project}/identities", UriKind.Relative), training)).StatusCode);
        Assert.Equal("queued", (await JobClient.GetAsync(viewer.Client, project, job.Id)).GetProperty("status").GetString());
        Assert.False((await server.Services.GetRequiredService<JobBook>().GetAsync(project, job.Id)).CancelRequested);
    }

    [Fact]
    public async Task Another_projects_character_and_job_and_a_project_one_is_not_a_member_of_are_404s()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (mine, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        var (theirs, _) = await JobClient.ProjectWithCharacterAsync(server, "Bob");
        JobRecord theirJob = await server.Services.GetRequiredService<JobBook>().CreateAsync(theirs, JobKind.Training, "{}");

        HttpResponseMessage notMember = await artist.Client.PostAsJsonAsync(new Uri($"/api/projects/{theirs}/identities", UriKind.Relative), new { character = "Bob", provider = "sim-lora" });
        Assert.Equal(HttpStatusCode.NotFound, notMember.StatusCode);
        Assert.Equal("project", (await notMember.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entity").GetString());

        HttpResponseMessage theirCharacter = await artist.Client.PostAsJsonAsync(new Uri($"/api/projects/{mine}/identities", UriKind.Relative), new { character = "Bob", provider = "sim-lora" });
        Assert.Equal(HttpStatusCode.NotFound, theirCharacter.StatusCode);
        Assert.Equal("character", (await theirCharacter.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entity").GetString());

        foreach (Guid id in new[] { theirJob.Id, Guid.NewGuid() })
        {
            HttpResponseMessage noJob = await artist.Client.GetAsync(new Uri($"/api/projects/{mine}/jobs/{id}/events", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, noJob.StatusCode);
            Assert.Equal("job", (await noJob.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entity").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await artist.Client.DeleteAsync(new Uri($"/api/projects/{mine}/jobs/{id}", UriKind.Relative))).StatusCode);
        }

        Assert.False((await server.Services.GetRequiredService<JobBook>().GetAsync(theirs, theirJob.Id)).CancelRequested);
    }
}
