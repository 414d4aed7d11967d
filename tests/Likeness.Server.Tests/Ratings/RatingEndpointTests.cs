using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Accounts;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Shots;
using Microsoft.Extensions.DependencyInjection;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests.Ratings;

public sealed class RatingEndpointTests
{
    [Fact]
    public async Task A_guest_rates_blind_through_the_invite_header_and_the_invite_opens_nothing_else()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, owner) = await server.ProjectAsync("Season");
        Caller vera = await server.CallerAsync("vera", project.Id, ProjectRole.Viewer);
        Character character = await SeedTwoProvidersAsync(server, project.Id);
        string ratings = $"/api/projects/{project.Id}/ratings";

        await ProblemOf(await vera.Client.PostAsJsonAsync(new Uri(ratings, UriKind.Relative), new { character = character.Id.ToString() }), HttpStatusCode.Forbidden);
        HttpResponseMessage made = await owner.Client.PostAsJsonAsync(new Uri(ratings, UriKind.Relative), new { character = character.Id.ToString() });
        await AssertStatus(HttpStatusCode.Created, made);
        JsonElement session = await made.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, session.GetProperty("pairs").GetInt32());
        string sessionPath = $"{ratings}/{session.GetProperty("id").GetGuid()}";

        await ProblemOf(await vera.Client.PostAsJsonAsync(new Uri(sessionPath + "/invites", UriKind.Relative), new { label = "panel" }), HttpStatusCode.Forbidden);
        HttpResponseMessage invited = await owner.Client.PostAsJsonAsync(new Uri(sessionPath + "/invites", UriKind.Relative), new { label = "panel" });
        await AssertStatus(HttpStatusCode.Created, invited);
        JsonElement invite = await invited.Content.ReadFromJsonAsync<JsonElement>();
        string secret = invite.GetProperty("secret").GetString()!;
        Assert.Equal("/ui/rate#" + secret, invite.GetProperty("link").GetString());
        Assert.DoesNotContain(secret, await owner.Client.GetStringAsync(new Uri(sessionPath + "/invites", UriKind.Relative)), StringComparison.Ordinal);

        using var guest = new HttpClient { BaseAddress = server.Address };
        guest.DefaultRequestHeaders.Add("X-Rating-Invite", secret);
        HttpResponseMessage nextResponse = await guest.GetAsync(new Uri("/api/rate/next", UriKind.Relative));
        string nextText = await nextResponse.Content.ReadAsStringAsync();
        await AssertStatus(HttpStatusCode.OK, nextResponse);
        AssertBlind(nextText);
        JsonElement next = JsonDocument.Parse(nextText).RootElement;
        Assert.Equal(("identity", 0, 2), (next.GetProperty("question").GetString(), next.GetProperty("answered").GetInt32(), next.GetProperty("total").GetInt32()));
        Assert.Equal(4, next.GetProperty("references").GetArrayLength());

        HttpResponseMessage left = await guest.GetAsync(new Uri(next.GetProperty("left").GetString()!, UriKind.Relative));
        await AssertStatus(HttpStatusCode.OK, left);
        Assert.StartsWith("image/", left.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.True(left.Headers.CacheControl?.NoStore);
        Assert.Null(left.Headers.ETag);
        await AssertStatus(HttpStatusCode.OK, await guest.GetAsync(new Uri(next.GetProperty("references")[0].GetString()!, UriKind.Relative)));

        Guid pair = next.GetProperty("pairId").GetGuid();
        HttpResponseMessage voted = await guest.PostAsJsonAsync(new Uri("/api/rate/votes", UriKind.Relative), new { pairId = pair, question = "identity", answer = "left" });
        await AssertStatus(HttpStatusCode.OK, voted);
        string afterText = await voted.Content.ReadAsStringAsync();
        AssertBlind(afterText);
        Assert.Equal(("prompt", 1), (JsonDocument.Parse(afterText).RootElement.GetProperty("question").GetString(), JsonDocument.Parse(afterText).RootElement.GetProperty("answered").GetInt32()));
        Assert.Equal("answer", (await ProblemOf(await guest.PostAsJsonAsync(new Uri("/api/rate/votes", UriKind.Relative), new { pairId = pair, question = "identity", answer = "fal" }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());

        // The invite opens its own session only: not the project's API, not as a bearer token, not another session's pairs.
        await AssertStatus(HttpStatusCode.Unauthorized, await guest.GetAsync(new Uri($"/api/projects/{project.Id}/characters", UriKind.Relative)));
        await AssertStatus(HttpStatusCode.Unauthorized, await guest.GetAsync(new Uri(sessionPath + "/results", UriKind.Relative)));
        using HttpClient bearer = server.WithToken(secret);
        await AssertStatus(HttpStatusCode.Unauthorized, await bearer.GetAsync(new Uri(sessionPath + "/next", UriKind.Relative)));
        JsonElement other = await (await owner.Client.PostAsJsonAsync(new Uri(ratings, UriKind.Relative), new { character = character.Id.ToString(), name = "other" })).Content.ReadFromJsonAsync<JsonElement>();
        JsonElement otherNext = await owner.Client.GetFromJsonAsync<JsonElement>(new Uri($"{ratings}/{other.GetProperty("id").GetGuid()}/next", UriKind.Relative));
        Guid otherPair = otherNext.GetProperty("pairId").GetGuid();
        await ProblemOf(await guest.GetAsync(new Uri($"/api/rate/pairs/{otherPair}/images/left", UriKind.Relative)), HttpStatusCode.NotFound);
        await ProblemOf(await guest.PostAsJsonAsync(new Uri("/api/rate/votes", UriKind.Relative), new { pairId = otherPair, question = "identity", answer = "left" }), HttpStatusCode.NotFound);

        // A member rates too (a viewer is a member), and the viewer reads the results, which name the providers.
        JsonElement veraNext = await vera.Client.GetFromJsonAsync<JsonElement>(new Uri(sessionPath + "/next", UriKind.Relative));
        await AssertStatus(HttpStatusCode.OK, await vera.Client.PostAsJsonAsync(
            new Uri(sessionPath + "/votes", UriKind.Relative), new { pairId = veraNext.GetProperty("pairId").GetGuid(), question = "identity", answer = "cannot-tell" }));
        JsonElement results = await vera.Client.GetFromJsonAsync<JsonElement>(new Uri(sessionPath + "/results", UriKind.Relative));
        JsonElement identity = results.GetProperty("questions")[0];
        Assert.Equal(("identity", 2, 2), (identity.GetProperty("question").GetString(), identity.GetProperty("votes").GetInt32(), identity.GetProperty("raters").GetInt32()));
        Assert.Equal(["sim-instant", "sim-reference"], identity.GetProperty("winRates").EnumerateArray().Select(r => r.GetProperty("arm").GetString()).Order());

        // Revoked: the link stops working.
        await AssertStatus(HttpStatusCode.OK, await owner.Client.DeleteAsync(new Uri($"{sessionPath}/invites/{invite.GetProperty("invite").GetProperty("id").GetGuid()}", UriKind.Relative)));
        await ProblemOf(await guest.GetAsync(new Uri("/api/rate/next", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    /// <summary>A character with references and one shot of the same prompt at each of two sim providers.</summary>
    internal static async Task<Character> SeedTwoProvidersAsync(ServerHost server, Guid project)
    {
        var (character, _, _) = await ResourceTests.SeedAsync(server, project, "Obama");
        IdentityModel other = await server.Services.GetRequiredService<IdentityManager>().CreateAsync(character, "sim-reference");
        await server.Services.GetRequiredService<ShotRunner>().GenerateAsync(
            character, other, new ShotRequest { Prompt = "a portrait", Width = 192, Height = 256, Seed = 1 });
        return character;
    }

    private static void AssertBlind(string body)
    {
        Assert.DoesNotContain("sim-", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("shot", body, StringComparison.OrdinalIgnoreCase);
    }
}
