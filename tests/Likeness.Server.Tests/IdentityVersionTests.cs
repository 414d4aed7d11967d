using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Accounts;
using Likeness.Core.Characters;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary>
/// A character's identity versions on the API: which one is in use at each provider, a person's choice of another,
/// a roll back to the version before, and archiving; artists change them, viewers read them.
/// </summary>
public sealed class IdentityVersionTests
{
    [Fact]
    public async Task An_artist_chooses_rolls_back_and_archives_versions_and_a_viewer_cannot()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        Caller viewer = await server.CallerAsync("vera", project, ProjectRole.Viewer);
        Character ada = await server.Services.GetRequiredService<CharacterCatalog>().GetAsync(project, "Ada");
        IdentityManager identities = server.Services.GetRequiredService<IdentityManager>();
        Guid[] v = new Guid[4];
        for (int i = 1; i <= 3; i++)
        {
            v[i] = (await identities.CreateAsync(ada, "sim-instant")).Id;
        }

        string path = $"/api/projects/{project}/characters/Ada/identities";
        Uri list = new(path, UriKind.Relative);
        // None validated, none chosen: the newest ready version is in use.
        Assert.Equal(v[3], InUse(await viewer.Client.GetFromJsonAsync<JsonElement[]>(list)));

        Uri useFirst = new($"{path}/{v[1]}/in-use", UriKind.Relative);
        await ProblemOf(await viewer.Client.PutAsync(useFirst, null), HttpStatusCode.Forbidden);
        using HttpResponseMessage chose = await artist.Client.PutAsync(useFirst, null);
        await AssertStatus(HttpStatusCode.OK, chose);
        JsonElement[] after = (await chose.Content.ReadFromJsonAsync<JsonElement[]>())!;
        Assert.Equal(v[1], InUse(after));
        Assert.NotEqual(JsonValueKind.Null, after.Single(i => i.GetProperty("id").GetGuid() == v[1]).GetProperty("chosenAt").ValueKind);
        Assert.Equal(v[1], (await viewer.Client.GetFromJsonAsync<JsonElement>(new Uri($"{path}/{v[1]}", UriKind.Relative))).GetProperty("id").GetGuid());
        Assert.True((await viewer.Client.GetFromJsonAsync<JsonElement>(new Uri($"{path}/{v[1]}", UriKind.Relative))).GetProperty("inUse").GetBoolean());

        // v1 is the earliest: nothing to roll back to. From v3, a roll back puts v2 in use.
        Uri rollback = new($"{path}/rollback", UriKind.Relative);
        await ProblemOf(await artist.Client.PostAsJsonAsync(rollback, new { provider = "sim-instant" }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("provider", (await ProblemOf(await artist.Client.PostAsJsonAsync(rollback, new { }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        await ProblemOf(await viewer.Client.PostAsJsonAsync(rollback, new { provider = "sim-instant" }), HttpStatusCode.Forbidden);
        await AssertStatus(HttpStatusCode.OK, await artist.Client.PutAsync(new Uri($"{path}/{v[3]}/in-use", UriKind.Relative), null));
        using HttpResponseMessage rolled = await artist.Client.PostAsJsonAsync(rollback, new { provider = "sim-instant" });
        await AssertStatus(HttpStatusCode.OK, rolled);
        Assert.Equal(v[2], InUse((await rolled.Content.ReadFromJsonAsync<JsonElement[]>())!));

        // Archiving the version in use hands the choice back (the latest earlier choice that is still ready: v3);
        // an archived version cannot be put in use.
        Uri archive = new($"{path}/{v[2]}/archive", UriKind.Relative);
        await ProblemOf(await viewer.Client.PostAsync(archive, null), HttpStatusCode.Forbidden);
        using HttpResponseMessage archived = await artist.Client.PostAsync(archive, null);
        await AssertStatus(HttpStatusCode.OK, archived);
        JsonElement[] now = (await archived.Content.ReadFromJsonAsync<JsonElement[]>())!;
        Assert.Equal("archived", now.Single(i => i.GetProperty("id").GetGuid() == v[2]).GetProperty("status").GetString());
        Assert.Equal(v[3], InUse(now));
        await ProblemOf(await artist.Client.PutAsync(new Uri($"{path}/{v[2]}/in-use", UriKind.Relative), null), HttpStatusCode.UnprocessableEntity);
        await ProblemOf(await artist.Client.PutAsync(new Uri($"{path}/{Guid.NewGuid()}/in-use", UriKind.Relative), null), HttpStatusCode.NotFound);
        Assert.All(now, i => Assert.Equal(JsonValueKind.Null, i.GetProperty("validation").ValueKind));
        viewer.Client.Dispose();
    }

    private static Guid InUse(JsonElement[]? versions) => Assert.Single(versions!, i => i.GetProperty("inUse").GetBoolean()).GetProperty("id").GetGuid();
}
