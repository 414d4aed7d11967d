using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Likeness.Testing;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary>The shot list's filters (provider, status, review), applied by the server before it pages.</summary>
public sealed class ShotListFilterTests
{
    // Shots made after the seed's one, a minute apart.
    private const int Count = 130;

    [Theory]
    [MemberData(nameof(ServerDatabases.Kinds), MemberType = typeof(ServerDatabases))]
    public async Task A_filter_returns_its_matches_beyond_the_first_page_across_pages_and_a_bad_value_is_a_400_naming_it(DatabaseKind kind)
    {
        await using ServerHost server = await ServerHost.StartAsync(database: kind);
        var (project, owner) = await server.ProjectAsync("Season 2");
        var (character, identity, seeded) = await ResourceTests.SeedAsync(server, project.Id, "Obama");
        Made made = await MakeAsync(server, character, identity, seeded);
        string shots = $"/api/projects/{project.Id}/characters/{character.Id}/shots";

        // Unfiltered, the first page of 60 (the gallery's) holds none of the rejected shots.
        JsonElement[] firstPage = (await owner.Client.GetFromJsonAsync<JsonElement[]>(new Uri(shots + "?limit=60", UriKind.Relative)))!;
        Assert.Empty(firstPage.Select(s => s.GetProperty("id").GetGuid()).Intersect(made.Rejected));

        // Filtered, every match comes, in the list's order, page after page: the next link keeps the filter.
        var (rejected, sizes, link) = await ReadAllAsync(owner.Client, shots + "?limit=20&review=rejected");
        Assert.Equal(made.Rejected, rejected);
        Assert.Equal([20, 7], sizes);
        Assert.Contains("review=rejected", link, StringComparison.Ordinal);
        Assert.Equal(made.Rejected.Intersect(made.AtReference), (await ReadAllAsync(owner.Client, shots + "?limit=5&provider=sim-reference&review=rejected")).Ids);
        Assert.Equal(made.AtReference, (await ReadAllAsync(owner.Client, shots + "?limit=4&provider=sim-reference&view=full")).Ids);
        Assert.Equal(made.Failed, (await ReadAllAsync(owner.Client, shots + "?limit=4&status=failed")).Ids);
        Assert.Equal(made.Rejected, await IdsAsync(owner.Client, shots + "?review=rejected"));
        Assert.Equal(made.Failed, await IdsAsync(owner.Client, shots + "?status=failed&view=full"));
        List<Guid> unreviewed = (await ReadAllAsync(owner.Client, shots + "?limit=50&review=unreviewed")).Ids;
        Assert.Equal(Count + 1 - made.Rejected.Count, unreviewed.Count);
        Assert.Equal(seeded.Id, unreviewed[0]);
        Assert.Empty(unreviewed.Intersect(made.Rejected));
        Assert.Empty(await IdsAsync(owner.Client, shots + "?review=accepted"));

        // A page's last shot accepted since it was read (it no longer matches) still marks the place to go on from.
        JsonElement[] page = (await owner.Client.GetFromJsonAsync<JsonElement[]>(new Uri(shots + "?limit=10&review=rejected", UriKind.Relative)))!;
        Guid last = page[^1].GetProperty("id").GetGuid();
        await AssertStatus(HttpStatusCode.OK, await owner.Client.PutAsJsonAsync(new Uri($"{shots}/{last}/review", UriKind.Relative), new { accepted = true }));
        Assert.Equal(made.Rejected.Skip(10).Take(10), await IdsAsync(owner.Client, $"{shots}?limit=10&review=rejected&after={last}"));
        Assert.Equal([last], await IdsAsync(owner.Client, shots + "?review=accepted"));

        foreach (var (query, field) in new[] { ("review=maybe", "review"), ("status=done", "status"), ("status=Succeeded", "status"), ("provider=no-such-provider", "provider"), ("limit=10&review=1", "review") })
        {
            JsonElement problem = await ProblemOf(await owner.Client.GetAsync(new Uri($"{shots}?{query}", UriKind.Relative)), HttpStatusCode.BadRequest);
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }
    }

    // Every tenth shot failed; the others from the 101st on rejected by hand; the last ten made at sim-reference.
    private static async Task<Made> MakeAsync(ServerHost server, Character character, IdentityModel identity, Shot seeded)
    {
        var made = new Made([], [], []);
        var time = new ManualTime(seeded.CreatedAt);
        await using LikenessDbContext db = await server.Services.GetRequiredService<IDbContextFactory<LikenessDbContext>>().CreateDbContextAsync();
        for (int i = 1; i <= Count; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            string provider = i > Count - 10 ? "sim-reference" : "sim-instant";
            Shot shot = Shot.Create(character.Id, identity.Id, provider, seeded.Request with { Seed = 100 + i }, $"filtered-{i}", time);
            if (i % 10 == 0)
            {
                shot.Fail("the provider refused it", null, time);
                made.Failed.Add(shot.Id);
            }
            else
            {
                shot.Succeed(seeded.Assets, null, 1, 0.01m, true, new Dictionary<string, string>(), time);
                if (i > 100)
                {
                    shot.SetReview(new ShotReview(false, Guid.NewGuid(), "ari", time.GetUtcNow()));
                    made.Rejected.Add(shot.Id);
                }
            }

            if (provider == "sim-reference")
            {
                made.AtReference.Add(shot.Id);
            }

            db.Shots.Add(shot);
        }

        await db.SaveChangesAsync();
        return made;
    }

    // Every page from `first` on, following the next links: the ids in order, each page's size, and the last link seen.
    private static async Task<(List<Guid> Ids, List<int> Sizes, string Link)> ReadAllAsync(HttpClient client, string first)
    {
        var ids = new List<Guid>();
        var sizes = new List<int>();
        string seen = string.Empty;
        for (string? next = first; next is not null;)
        {
            using HttpResponseMessage page = await client.GetAsync(new Uri(next, UriKind.Relative));
            await AssertStatus(HttpStatusCode.OK, page);
            JsonElement[] rows = (await page.Content.ReadFromJsonAsync<JsonElement[]>())!;
            sizes.Add(rows.Length);
            ids.AddRange(rows.Select(s => s.GetProperty("id").GetGuid()));
            next = page.Headers.TryGetValues("Link", out var links) ? links.Single().Split('<', '>')[1] : null;
            seen = next ?? seen;
        }

        return (ids, sizes, seen);
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string address) =>
        [.. (await client.GetFromJsonAsync<JsonElement[]>(new Uri(address, UriKind.Relative)))!.Select(s => s.GetProperty("id").GetGuid())];

    private sealed record Made(List<Guid> Rejected, List<Guid> AtReference, List<Guid> Failed);
}
