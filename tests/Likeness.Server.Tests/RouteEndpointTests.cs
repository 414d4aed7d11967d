using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Accounts;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary>
/// A character's route on the API (issue 18, part 4): artists set it, viewers read it and may not set it; a shot asked
/// for without a provider follows it and records the entry that made it; an auto route tells what it would decide now
/// without starting anything.
/// </summary>
public sealed class RouteEndpointTests
{
    [Fact]
    public async Task An_artist_sets_a_route_a_viewer_reads_it_and_a_shot_without_a_provider_follows_it()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        Caller viewer = await server.CallerAsync("vera", project, ProjectRole.Viewer);
        string character = $"/api/projects/{project}/characters/Ada";
        Uri route = new(character + "/route", UriKind.Relative);

        using (HttpResponseMessage none = await viewer.Client.GetAsync(route))
        {
            Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
        }

        object fallback = new { policy = "fallback", via = new[] { new { provider = "sim-instant" }, new { provider = "sim-reference" } } };
        await ProblemOf(await viewer.Client.PutAsJsonAsync(route, fallback), HttpStatusCode.Forbidden);
        using HttpResponseMessage set = await artist.Client.PutAsJsonAsync(route, fallback);
        await AssertStatus(HttpStatusCode.OK, set);
        JsonElement read = await viewer.Client.GetFromJsonAsync<JsonElement>(route);
        Assert.Equal("fallback", read.GetProperty("policy").GetString());
        Assert.Equal(["sim-instant", "sim-reference"], read.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("provider").GetString()));
        Assert.Equal([1, 2], read.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("entry").GetInt32()));
        Assert.Equal(JsonValueKind.Null, read.GetProperty("decision").ValueKind);

        // Refusals name the field; a pinned identity is looked up within the character.
        Assert.Equal("policy", (await ProblemOf(await artist.Client.PutAsJsonAsync(route, new { policy = "sometimes", via = new[] { new { provider = "sim-instant" } } }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal("via", (await ProblemOf(await artist.Client.PutAsJsonAsync(route, new { policy = "fallback", via = new[] { new { provider = "sim-instant" } } }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal("via", (await ProblemOf(await artist.Client.PutAsJsonAsync(route, new { policy = "fixed", via = Array.Empty<object>() }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        await ProblemOf(await artist.Client.PutAsJsonAsync(route, new { policy = "fallback", via = new[] { new { provider = "sim-instant" }, new { provider = "sim-reference" } }, allowTrain = true }), HttpStatusCode.BadRequest);
        await ProblemOf(await artist.Client.PutAsJsonAsync(route, new { policy = "fixed", via = new[] { new { identity = Guid.NewGuid() } } }), HttpStatusCode.NotFound);
        Assert.Equal("fallback", (await viewer.Client.GetFromJsonAsync<JsonElement>(route)).GetProperty("policy").GetString());

        // No provider named: the route's first entry makes the shot, and the shot says which entry it was.
        using HttpResponseMessage made = await artist.Client.PostAsJsonAsync(new Uri(character + "/shots", UriKind.Relative), new { prompt = "on a pier at dawn", seed = 3 });
        await AssertStatus(HttpStatusCode.Created, made);
        JsonElement shot = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shot");
        Assert.Equal("sim-instant", shot.GetProperty("provider").GetString());
        JsonElement served = shot.GetProperty("route");
        Assert.Equal(("fallback", 1, "sim-instant", 0), (served.GetProperty("policy").GetString(), served.GetProperty("entry").GetInt32(), served.GetProperty("provider").GetString(), served.GetProperty("skipped").GetArrayLength()));
        JsonElement listed = (await viewer.Client.GetFromJsonAsync<JsonElement[]>(new Uri(character + "/shots", UriKind.Relative)))!.Single();
        Assert.Equal(1, listed.GetProperty("route").GetProperty("entry").GetInt32());

        // Planning the shot made each entry's instant identity: the route now names the one in use at each.
        read = await viewer.Client.GetFromJsonAsync<JsonElement>(route);
        Assert.All(read.GetProperty("entries").EnumerateArray(), e => Assert.Equal(("ready", "reference"),
            (e.GetProperty("identity").GetProperty("status").GetString(), e.GetProperty("identity").GetProperty("kind").GetString())));

        // An auto route says what it would decide now; reading or setting it starts no training.
        using HttpResponseMessage auto = await artist.Client.PutAsJsonAsync(route, new { policy = "auto", via = new[] { new { provider = "sim-instant" }, new { provider = "sim-lora" } }, allowTrain = true });
        await AssertStatus(HttpStatusCode.OK, auto);
        JsonElement decision = (await auto.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision");
        Assert.Contains("no gated instant shots yet", decision.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, decision.GetProperty("train").ValueKind);
        Assert.True((await viewer.Client.GetFromJsonAsync<JsonElement>(route)).GetProperty("allowTrain").GetBoolean());
        JsonElement[] identities = (await viewer.Client.GetFromJsonAsync<JsonElement[]>(new Uri(character + "/identities", UriKind.Relative)))!;
        Assert.DoesNotContain(identities, i => i.GetProperty("kind").GetString() == "trained");
        viewer.Client.Dispose();
    }
}
