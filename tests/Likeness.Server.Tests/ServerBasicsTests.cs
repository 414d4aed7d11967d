using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Workspace.Characters;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Server.Tests;

/// <summary>The server starts on a fresh home, says it is healthy, serves characters and answers errors as problem details.</summary>
public sealed class ServerBasicsTests
{
    [Fact]
    public async Task A_fresh_server_is_live_and_ready_without_credentials()
    {
        await using ServerHost server = await ServerHost.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Characters_are_listed_and_read_by_name_or_id_within_their_project()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, owner) = await ServerHost_ProjectAsync(server);
        var made = await server.Services.GetRequiredService<CharacterCatalog>().CreateAsync(project, "Ada", "an engineer", null);

        JsonElement list = await owner.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/projects/{project}/characters", UriKind.Relative));
        JsonElement one = Assert.Single(list.EnumerateArray());
        Assert.Equal("Ada", one.GetProperty("name").GetString());

        JsonElement byId = await owner.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/projects/{project}/characters/{made.Id}", UriKind.Relative));
        Assert.Equal(made.TriggerToken, byId.GetProperty("triggerToken").GetString());
        JsonElement byName = await owner.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/projects/{project}/characters/ada", UriKind.Relative));
        Assert.Equal(made.Id, byName.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task An_unknown_character_is_a_404_problem_with_a_stable_type()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, owner) = await ServerHost_ProjectAsync(server);

        HttpResponseMessage response = await owner.Client.GetAsync(new Uri($"/api/projects/{project}/characters/Nobody", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://likeness.dev/problems/not-found", problem.GetProperty("type").GetString());
        Assert.Equal("not-found", problem.GetProperty("code").GetString());
        Assert.Equal("character", problem.GetProperty("entity").GetString());
        Assert.True(problem.TryGetProperty("request_id", out _));
    }

    private static async Task<(Guid Project, Caller Owner)> ServerHost_ProjectAsync(ServerHost server)
    {
        var (project, owner) = await server.ProjectAsync("basics");
        return (project.Id, owner);
    }
}
