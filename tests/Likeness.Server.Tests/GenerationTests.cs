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
    public async Task Shots_are_listed_whole_or_in_pages_that_follow_their_next_links()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, owner) = await server.ProjectAsync("Season 2");
        var (character, _, _) = await ResourceTests.SeedAsync(server, project.Id, "Obama");
        string shots = $"/api/projects/{project.Id}/characters/{character.Id}/shots";
        for (int seed = 1; seed <= 5; seed++)
        {
            await AssertStatus(HttpStatusCode.Created, await owner.Client.PostAsJsonAsync(new Uri(shots, UriKind.Relative), new { provider = "sim-instant", prompt = "a portrait", seed }));
        }

        Guid[] all = [.. (await owner.Client.GetFromJsonAsync<JsonElement[]>(new Uri(shots, UriKind.Relative)))!.Select(s => s.GetProperty("id").GetGuid())];
        var paged = new List<Guid>();
        var sizes = new List<int>();
        for (string? next = shots + "?limit=4"; next is not null;)
        {
            using HttpResponseMessage page = await owner.Client.GetAsync(new Uri(next, UriKind.Relative));
            await AssertStatus(HttpStatusCode.OK, page);
            JsonElement[] rows = (await page.Content.ReadFromJsonAsync<JsonElement[]>())!;
            sizes.Add(rows.Length);
            paged.AddRange(rows.Select(s => s.GetProperty("id").GetGuid()));
            next = page.Headers.TryGetValues("Link", out var links) ? links.Single().Split('<', '>')[1] : null;
        }

        Assert.Equal(6, all.Length); // the seed's shot and these five
        Assert.Equal([4, 2], sizes);
        Assert.Equal(all, paged);
        Assert.Equal("limit", (await ProblemOf(await owner.Client.GetAsync(new Uri(shots + "?limit=0", UriKind.Relative)), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal("limit", (await ProblemOf(await owner.Client.GetAsync(new Uri(shots + "?limit=501", UriKind.Relative)), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal("after", (await ProblemOf(await owner.Client.GetAsync(new Uri($"{shots}?after={Guid.NewGuid()}", UriKind.Relative)), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        await ProblemOf(await owner.Client.GetAsync(new Uri(shots + "?after=not-an-id", UriKind.Relative)), HttpStatusCode.BadRequest);
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
