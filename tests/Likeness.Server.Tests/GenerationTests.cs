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
    public async Task The_list_answers_summaries_and_the_full_shots_with_view_full_in_the_same_order()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, owner) = await server.ProjectAsync("Season 2");
        var (character, _, _) = await ResourceTests.SeedAsync(server, project.Id, "Obama");
        string shots = $"/api/projects/{project.Id}/characters/{character.Id}/shots";
        for (int seed = 2; seed <= 4; seed++)
        {
            await AssertStatus(HttpStatusCode.Created, await owner.Client.PostAsJsonAsync(new Uri(shots, UriKind.Relative), new { provider = "sim-instant", prompt = "on a pier", seed }));
        }

        JsonElement[] brief = (await owner.Client.GetFromJsonAsync<JsonElement[]>(new Uri(shots, UriKind.Relative)))!;
        JsonElement[] full = (await owner.Client.GetFromJsonAsync<JsonElement[]>(new Uri(shots + "?view=full", UriKind.Relative)))!;
        Assert.Equal(4, brief.Length);
        Assert.Equal(full.Select(s => s.GetProperty("id").GetGuid()), brief.Select(s => s.GetProperty("id").GetGuid()));
        for (int i = 0; i < brief.Length; i++)
        {
            JsonElement b = brief[i], f = full[i];
            // The summary's fields are the full shot's, read from the same row.
            Assert.Equal(
                (f.GetProperty("status").GetString(), f.GetProperty("provider").GetString(), f.GetProperty("costUsd").GetDecimal(), f.GetProperty("imageCount").GetInt32()),
                (b.GetProperty("status").GetString(), b.GetProperty("provider").GetString(), b.GetProperty("costUsd").GetDecimal(), b.GetProperty("imageCount").GetInt32()));
            Assert.Equal(
                (f.GetProperty("request").GetProperty("prompt").GetString(), f.GetProperty("request").GetProperty("seed").GetInt64(), f.GetProperty("createdAt").GetDateTimeOffset()),
                (b.GetProperty("request").GetProperty("prompt").GetString(), b.GetProperty("request").GetProperty("seed").GetInt64(), b.GetProperty("createdAt").GetDateTimeOffset()));
            Assert.Equal(f.GetProperty("scores").GetProperty("faceDistanceMin").ToString(), b.GetProperty("scores").GetProperty("faceDistanceMin").ToString());
            Assert.Equal(character.Id, b.GetProperty("characterId").GetGuid());
            // What a list leaves to the full shot: the request's other fields and the face descriptor.
            Assert.True(f.GetProperty("request").TryGetProperty("negativePrompt", out _));
            Assert.False(b.GetProperty("request").TryGetProperty("negativePrompt", out _));
            Assert.False(b.GetProperty("scores").TryGetProperty("faceDescriptor", out _));
        }

        Assert.Equal([1L, 2L, 3L, 4L], brief.Select(s => s.GetProperty("request").GetProperty("seed").GetInt64()).Order());
        string thumbnail = brief[0].GetProperty("thumbnailUrl").GetString()!;
        Assert.EndsWith($"/shots/{brief[0].GetProperty("id").GetGuid()}/images/0?w=384", thumbnail, StringComparison.Ordinal);
        using HttpResponseMessage image = await owner.Client.GetAsync(new Uri(thumbnail, UriKind.Relative));
        await AssertStatus(HttpStatusCode.OK, image);

        // Pages of the full view link to the next full page.
        using HttpResponseMessage page = await owner.Client.GetAsync(new Uri(shots + "?limit=3&view=full", UriKind.Relative));
        await AssertStatus(HttpStatusCode.OK, page);
        Assert.True((await page.Content.ReadFromJsonAsync<JsonElement[]>())![0].GetProperty("request").TryGetProperty("negativePrompt", out _));
        Assert.EndsWith("&view=full>; rel=\"next\"", page.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Equal("view", (await ProblemOf(await owner.Client.GetAsync(new Uri(shots + "?view=everything", UriKind.Relative)), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
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
