using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Likeness.Core.Accounts;
using static Likeness.Server.Tests.AuthTests;
using Likeness.Workspace.Persistence;

namespace Likeness.Server.Tests;

/// <summary>Projects, members and roles over the API; another team's project and its characters are 404s.</summary>
public sealed class ProjectTests
{
    private static readonly string[] DarkHair = ["dark hair"];

    [Theory]
    [MemberData(nameof(ServerDatabases.Kinds), MemberType = typeof(ServerDatabases))]
    public async Task A_new_project_is_its_creators_and_nobody_elses(DatabaseKind kind)
    {
        await using ServerHost server = await ServerHost.StartAsync(database: kind);
        Caller ada = await server.CallerAsync("ada");
        Caller bob = await server.CallerAsync("bob");

        HttpResponseMessage created = await ada.Client.PostAsJsonAsync(new Uri("/api/projects", UriKind.Relative), new { name = "Season 2", budgetUsd = 120.5m });
        await AssertStatus(HttpStatusCode.Created, created);
        JsonElement project = await created.Content.ReadFromJsonAsync<JsonElement>();
        Guid id = project.GetProperty("id").GetGuid();
        Assert.Equal(("owner", 120.5m), (project.GetProperty("role").GetString(), project.GetProperty("budgetUsd").GetDecimal()));

        Assert.Empty((await bob.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/projects", UriKind.Relative))).EnumerateArray());
        JsonElement hidden = await ProblemOf(await bob.Client.GetAsync(new Uri($"/api/projects/{id}", UriKind.Relative)), HttpStatusCode.NotFound);
        JsonElement missing = await ProblemOf(await bob.Client.GetAsync(new Uri($"/api/projects/{Guid.NewGuid()}", UriKind.Relative)), HttpStatusCode.NotFound);
        Assert.Equal(missing.GetProperty("detail").GetString(), hidden.GetProperty("detail").GetString());
        Assert.Equal("project", hidden.GetProperty("entity").GetString());
        await ProblemOf(await ada.Client.PostAsJsonAsync(new Uri("/api/projects", UriKind.Relative), new { name = "Season 2" }), HttpStatusCode.Conflict);
    }

    [Theory]
    [MemberData(nameof(ServerDatabases.Kinds), MemberType = typeof(ServerDatabases))]
    public async Task Roles_decide_who_reads_writes_and_manages(DatabaseKind kind)
    {
        await using ServerHost server = await ServerHost.StartAsync(database: kind);
        var (project, owner) = await server.ProjectAsync("Season 2");
        Caller viewer = await server.CallerAsync("vera", project.Id, ProjectRole.Viewer);
        Caller artist = await server.CallerAsync("art", project.Id, ProjectRole.Artist);
        Caller admin = await server.CallerAsync("adam", project.Id, ProjectRole.Admin);
        Uri characters = new($"/api/projects/{project.Id}/characters", UriKind.Relative);
        Uri budget = new($"/api/projects/{project.Id}/budget", UriKind.Relative);

        await ProblemOf(await viewer.Client.PostAsJsonAsync(characters, new { name = "Ada" }), HttpStatusCode.Forbidden);
        await AssertStatus(HttpStatusCode.Created, await artist.Client.PostAsJsonAsync(characters, new { name = "Ada", profile = new { coreIdentity = "a woman" } }));
        Assert.Single((await viewer.Client.GetFromJsonAsync<JsonElement>(characters)).EnumerateArray());
        await ProblemOf(await artist.Client.PutAsJsonAsync(budget, new { budgetUsd = 5m }), HttpStatusCode.Forbidden);
        await AssertStatus(HttpStatusCode.OK, await admin.Client.PutAsJsonAsync(budget, new { budgetUsd = 5m }));
        Assert.Equal("budget", (await ProblemOf(await admin.Client.PutAsJsonAsync(budget, new { budgetUsd = -1m }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());

        // Members: admins manage below owner; the last owner stays.
        Uri members = new($"/api/projects/{project.Id}/members", UriKind.Relative);
        Caller newcomer = await server.CallerAsync("nina");
        await ProblemOf(await viewer.Client.PostAsJsonAsync(members, new { userName = "nina", role = "viewer" }), HttpStatusCode.Forbidden);
        Assert.Equal("owner-only", (await ProblemOf(await admin.Client.PostAsJsonAsync(members, new { userName = "nina", role = "owner" }), HttpStatusCode.UnprocessableEntity)).GetProperty("rule").GetString());
        Assert.Equal("role", (await ProblemOf(await admin.Client.PostAsJsonAsync(members, new { userName = "nina", role = "boss" }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        await AssertStatus(HttpStatusCode.Created, await admin.Client.PostAsJsonAsync(members, new { userId = newcomer.User.Id, role = "artist" }));
        await AssertStatus(HttpStatusCode.OK, await newcomer.Client.GetAsync(characters));
        await AssertStatus(HttpStatusCode.OK, await admin.Client.PutAsJsonAsync(new Uri($"{members}/{newcomer.User.Id}", UriKind.Relative), new { role = "viewer" }));
        await ProblemOf(await newcomer.Client.PostAsJsonAsync(characters, new { name = "Bob" }), HttpStatusCode.Forbidden);
        await AssertStatus(HttpStatusCode.NoContent, await admin.Client.DeleteAsync(new Uri($"{members}/{newcomer.User.Id}", UriKind.Relative)));
        await ProblemOf(await newcomer.Client.GetAsync(characters), HttpStatusCode.NotFound);
        Assert.Equal("last-owner", (await ProblemOf(await owner.Client.DeleteAsync(new Uri($"{members}/{owner.User.Id}", UriKind.Relative)), HttpStatusCode.UnprocessableEntity)).GetProperty("rule").GetString());
        Assert.Equal(4, (await viewer.Client.GetFromJsonAsync<JsonElement>(members)).GetArrayLength());
    }

    [Fact]
    public async Task Bad_input_is_a_400_that_names_the_field_never_a_500()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, owner) = await server.ProjectAsync("Season 2");
        Uri characters = new($"/api/projects/{project.Id}/characters", UriKind.Relative);

        Assert.Equal("name", (await ProblemOf(await owner.Client.PostAsJsonAsync(characters, new { description = "no name" }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        using var wrongType = new StringContent("""{"name":"Ada","profile":{"physicalTraits":7}}""", Encoding.UTF8, "application/json");
        Assert.Equal("profile.physicalTraits", (await ProblemOf(await owner.Client.PostAsync(characters, wrongType), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        using var broken = new StringContent("{\"name\":", Encoding.UTF8, "application/json");
        await ProblemOf(await owner.Client.PostAsync(characters, broken), HttpStatusCode.BadRequest);
        Assert.Equal("triggerToken", (await ProblemOf(await owner.Client.PostAsJsonAsync(characters, new { name = "Ada", triggerToken = "not a token!" }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    [Theory]
    [MemberData(nameof(ServerDatabases.Kinds), MemberType = typeof(ServerDatabases))]
    public async Task Characters_are_created_renamed_and_profiled_and_another_projects_are_not_found(DatabaseKind kind)
    {
        await using ServerHost server = await ServerHost.StartAsync(database: kind);
        var (mine, me) = await server.ProjectAsync("Mine");
        var (theirs, them) = await server.ProjectAsync("Theirs");
        HttpResponseMessage made = await them.Client.PostAsJsonAsync(new Uri($"/api/projects/{theirs.Id}/characters", UriKind.Relative), new { name = "Secret" });
        Guid secretId = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        HttpResponseMessage ada = await me.Client.PostAsJsonAsync(new Uri($"/api/projects/{mine.Id}/characters", UriKind.Relative), new { name = "Ada", description = "engineer" });
        await AssertStatus(HttpStatusCode.Created, ada);
        string adaPath = $"/api/projects/{mine.Id}/characters/{(await ada.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}";
        await AssertStatus(HttpStatusCode.OK, await me.Client.PutAsJsonAsync(new Uri(adaPath + "/name", UriKind.Relative), new { name = "Ada L." }));
        await AssertStatus(HttpStatusCode.OK, await me.Client.PutAsJsonAsync(new Uri(adaPath + "/profile", UriKind.Relative), new { coreIdentity = "a mathematician", physicalTraits = DarkHair }));
        JsonElement read = await me.Client.GetFromJsonAsync<JsonElement>(new Uri(adaPath, UriKind.Relative));
        Assert.Equal(("Ada L.", "dark hair"), (read.GetProperty("name").GetString(), read.GetProperty("profile").GetProperty("physicalTraits")[0].GetString()));

        // Their character through my project, by id and by name: as if it did not exist; and the same name is free here.
        await ProblemOf(await me.Client.GetAsync(new Uri($"/api/projects/{mine.Id}/characters/{secretId}", UriKind.Relative)), HttpStatusCode.NotFound);
        await ProblemOf(await me.Client.GetAsync(new Uri($"/api/projects/{mine.Id}/characters/Secret", UriKind.Relative)), HttpStatusCode.NotFound);
        await ProblemOf(await me.Client.PutAsJsonAsync(new Uri($"/api/projects/{mine.Id}/characters/{secretId}/name", UriKind.Relative), new { name = "Mine now" }), HttpStatusCode.NotFound);
        await AssertStatus(HttpStatusCode.Created, await me.Client.PostAsJsonAsync(new Uri($"/api/projects/{mine.Id}/characters", UriKind.Relative), new { name = "Secret" }));
        Assert.Equal("Secret", (await them.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/projects/{theirs.Id}/characters/{secretId}", UriKind.Relative))).GetProperty("name").GetString());
    }
}
