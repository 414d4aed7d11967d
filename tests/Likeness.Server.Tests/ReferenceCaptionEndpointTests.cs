using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Accounts;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary><c>PUT …/references/{id}/caption</c>: an artist sets and clears a reference's caption; a viewer cannot; another character's reference is not found.</summary>
public sealed class ReferenceCaptionEndpointTests
{
    [Fact]
    public async Task An_artist_sets_and_clears_a_references_caption_and_the_list_shows_it()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        await JobClient.CharacterWithReferencesAsync(server, project, "Bea");
        Caller viewer = await server.CallerAsync("vera", project, ProjectRole.Viewer);
        string path = $"/api/projects/{project}/characters/Ada/references";
        JsonElement[] listed = (await artist.Client.GetFromJsonAsync<JsonElement[]>(new Uri(path, UriKind.Relative)))!;
        Assert.All(listed, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("caption").ValueKind));
        Guid id = listed[0].GetProperty("id").GetGuid();
        Uri caption = new($"{path}/{id}/caption", UriKind.Relative);

        await ProblemOf(await viewer.Client.PutAsJsonAsync(caption, new { caption = "ada, smiling" }), HttpStatusCode.Forbidden);
        using HttpResponseMessage set = await artist.Client.PutAsJsonAsync(caption, new { caption = " ada, smiling, outdoors " });
        await AssertStatus(HttpStatusCode.OK, set);
        Assert.Equal("ada, smiling, outdoors", (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caption").GetString());
        JsonElement shown = (await viewer.Client.GetFromJsonAsync<JsonElement[]>(new Uri(path, UriKind.Relative)))!.Single(r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal("ada, smiling, outdoors", shown.GetProperty("caption").GetString());

        Assert.Equal("caption", (await ProblemOf(await artist.Client.PutAsJsonAsync(caption, new { caption = new string('a', 1001) }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        // Bea's reference through Ada's route, and a reference that does not exist, are not found.
        Guid beas = (await artist.Client.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/projects/{project}/characters/Bea/references", UriKind.Relative)))![0].GetProperty("id").GetGuid();
        await ProblemOf(await artist.Client.PutAsJsonAsync(new Uri($"{path}/{beas}/caption", UriKind.Relative), new { caption = "x" }), HttpStatusCode.NotFound);
        await ProblemOf(await artist.Client.PutAsJsonAsync(new Uri($"{path}/{Guid.NewGuid()}/caption", UriKind.Relative), new { caption = "x" }), HttpStatusCode.NotFound);

        using HttpResponseMessage cleared = await artist.Client.PutAsJsonAsync(caption, new { caption = (string?)null });
        await AssertStatus(HttpStatusCode.OK, cleared);
        Assert.Equal(JsonValueKind.Null, (await cleared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caption").ValueKind);
        viewer.Client.Dispose();
    }
}
