using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Characters;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary>One shot generated synchronously through the API, and the cost estimate (a dry run) for a generate request.</summary>
public sealed class GenerationTests
{
    [Fact]
    public async Task A_shot_is_generated_then_served_from_the_cache_and_bad_requests_name_the_field()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, owner) = await server.ProjectAsync("Season 2");
        var (character, _, _) = await ResourceTests.SeedAsync(server, project.Id, "Obama");
        Uri shots = new($"/api/projects/{project.Id}/characters/{character.Id}/shots", UriKind.Relative);

        HttpResponseMessage made = await owner.Client.PostAsJsonAsync(shots, new { provider = "sim-instant", prompt = "walking on a beach", seed = 7 });
        await AssertStatus(HttpStatusCode.Created, made);
        JsonElement first = await made.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(first.GetProperty("fromCache").GetBoolean());
        Assert.Equal("succeeded", first.GetProperty("shot").GetProperty("status").GetString());
        Assert.Contains("beach", first.GetProperty("shot").GetProperty("request").GetProperty("prompt").GetString(), StringComparison.Ordinal);
        JsonElement again = await (await owner.Client.PostAsJsonAsync(shots, new { provider = "sim-instant", prompt = "walking on a beach", seed = 7 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(again.GetProperty("fromCache").GetBoolean());
        Assert.Equal(first.GetProperty("shot").GetProperty("id").GetGuid(), again.GetProperty("shot").GetProperty("id").GetGuid());

        Assert.Equal("provider", (await ProblemOf(await owner.Client.PostAsJsonAsync(shots, new { prompt = "x" }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal("prompt", (await ProblemOf(await owner.Client.PostAsJsonAsync(shots, new { provider = "sim-instant", prompt = "x", scenario = "close-up-portrait" }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        await ProblemOf(await owner.Client.PostAsJsonAsync(shots, new { provider = "no-such-provider", prompt = "x" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_estimate_prices_a_request_against_the_budget_and_makes_nothing()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, owner) = await server.ProjectAsync("Season 2");
        Character character = await server.Services.GetRequiredService<CharacterCatalog>().CreateAsync(project.Id, "Mara", null, null);
        await AssertStatus(HttpStatusCode.OK, await owner.Client.PutAsJsonAsync(new Uri($"/api/projects/{project.Id}/budget", UriKind.Relative), new { budgetUsd = 0.05m }));
        Uri estimate = new($"/api/projects/{project.Id}/costs/estimate", UriKind.Relative);

        JsonElement one = await (await owner.Client.PostAsJsonAsync(estimate, new { character = "Mara", provider = "fal-instant", scenario = "close-up-portrait" })).Content.ReadFromJsonAsync<JsonElement>();
        JsonElement many = await (await owner.Client.PostAsJsonAsync(estimate, new { character = "Mara", provider = "fal-instant", scenario = "close-up-portrait", count = 100 })).Content.ReadFromJsonAsync<JsonElement>();

        decimal each = one.GetProperty("estimateUsd").GetDecimal();
        Assert.True(each > 0, one.ToString());
        Assert.Equal(each * 100, many.GetProperty("estimateUsd").GetDecimal());
        Assert.Equal(("reference", 0.05m), (one.GetProperty("identityKind").GetString(), one.GetProperty("availableUsd").GetDecimal()));
        Assert.Equal(each <= 0.05m, one.GetProperty("withinBudget").GetBoolean());
        Assert.False(many.GetProperty("withinBudget").GetBoolean());
        Assert.Empty(await server.Services.GetRequiredService<IdentityManager>().ListAsync(character.Id));
        Assert.Equal("count", (await ProblemOf(await owner.Client.PostAsJsonAsync(estimate, new { character = "Mara", provider = "fal-instant", prompt = "x", count = 0 }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }
}
