using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.References;
using Likeness.Core.Shots;
using Likeness.Server.References.Spooling;
using Likeness.Testing;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Shots;
using Microsoft.Extensions.DependencyInjection;
using static Likeness.Server.Tests.AuthTests;
using Likeness.Workspace.Persistence;

namespace Likeness.Server.Tests;

/// <summary>References (multipart upload with the checks' findings, images), identities, shots and their images, pins, costs.</summary>
public sealed class ResourceTests
{
    private static readonly string[] ObamaFiles = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];

    internal static string CastFile(string name) => Path.Combine(RepoPaths.Root, "samples", "cast", name);

    internal static MultipartFormDataContent Upload(params string[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (string file in files)
        {
            var part = new ByteArrayContent(File.ReadAllBytes(CastFile(file)));
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(part, "file", file);
        }

        return form;
    }

    [Theory]
    [MemberData(nameof(ServerDatabases.Kinds), MemberType = typeof(ServerDatabases))]
    public async Task References_are_uploaded_checked_listed_and_served(DatabaseKind kind)
    {
        await using ServerHost server = await ServerHost.StartAsync(database: kind);
        var (project, owner) = await server.ProjectAsync("Season 2");
        await AssertStatus(HttpStatusCode.Created, await owner.Client.PostAsJsonAsync(new Uri($"/api/projects/{project.Id}/characters", UriKind.Relative), new { name = "Obama" }));
        string refs = $"/api/projects/{project.Id}/characters/Obama/references";

        using MultipartFormDataContent form = Upload("obama.jpg", "obama1.jpg", "obama2.jpg");
        HttpResponseMessage uploaded = await owner.Client.PostAsync(new Uri(refs + "?role=three-quarter", UriKind.Relative), form);
        await AssertStatus(HttpStatusCode.Created, uploaded);
        JsonElement body = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, body.GetProperty("added").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("findings").ValueKind);
        Assert.Equal("ThreeQuarter", body.GetProperty("added")[0].GetProperty("role").GetString());

        JsonElement listed = await owner.Client.GetFromJsonAsync<JsonElement>(new Uri(refs, UriKind.Relative));
        Guid first = listed.EnumerateArray().Single(r => r.GetProperty("fileName").GetString() == "obama.jpg").GetProperty("id").GetGuid();
        HttpResponseMessage image = await owner.Client.GetAsync(new Uri($"{refs}/{first}/image", UriKind.Relative));
        await AssertStatus(HttpStatusCode.OK, image);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(CastFile("obama.jpg")), await image.Content.ReadAsByteArrayAsync());

        // Not an image: the checks refuse the set, nothing is stored, the findings say why.
        using var junk = new MultipartFormDataContent { { new ByteArrayContent("not a photo"u8.ToArray()), "file", "notes.txt" } };
        HttpResponseMessage refused = await owner.Client.PostAsync(new Uri(refs, UriKind.Relative), junk);
        await AssertStatus(HttpStatusCode.UnprocessableEntity, refused);
        JsonElement finding = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("findings")[0];
        Assert.Equal(("error", "notes.txt"), (finding.GetProperty("severity").GetString(), finding.GetProperty("fileName").GetString()));
        Assert.Equal(3, (await owner.Client.GetFromJsonAsync<JsonElement>(new Uri(refs, UriKind.Relative))).GetArrayLength());
        // An empty file part is no image either (and nothing is left spooled).
        using var empty = new MultipartFormDataContent { { new ByteArrayContent([]), "file", "empty.jpg" } };
        await AssertStatus(HttpStatusCode.UnprocessableEntity, await owner.Client.PostAsync(new Uri(refs, UriKind.Relative), empty));
        Assert.Empty(Directory.EnumerateFileSystemEntries(SpooledFile.FolderUnder(server.Home)));
        Assert.Equal("role", (await ProblemOf(await owner.Client.PostAsync(new Uri(refs + "?role=sideways", UriKind.Relative), Upload("obama3.jpg")), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_as_a_problem()
    {
        await using ServerHost server = await ServerHost.StartAsync(b => b.Configuration["Likeness:Server:MaxUploadBytes"] = "20000");
        var (project, owner) = await server.ProjectAsync("Season 2");
        await AssertStatus(HttpStatusCode.Created, await owner.Client.PostAsJsonAsync(new Uri($"/api/projects/{project.Id}/characters", UriKind.Relative), new { name = "Obama" }));

        HttpResponseMessage refused = await owner.Client.PostAsync(new Uri($"/api/projects/{project.Id}/characters/Obama/references", UriKind.Relative), Upload("obama.jpg"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(ServerDatabases.Kinds), MemberType = typeof(ServerDatabases))]
    public async Task Identities_shots_images_pins_and_costs_are_read_through_the_project(DatabaseKind kind)
    {
        await using ServerHost server = await ServerHost.StartAsync(database: kind);
        var (project, owner) = await server.ProjectAsync("Season 2");
        var (character, identity, shot) = await SeedAsync(server, project.Id, "Obama");
        string path = $"/api/projects/{project.Id}/characters/{character.Id}";

        JsonElement identities = await owner.Client.GetFromJsonAsync<JsonElement>(new Uri(path + "/identities", UriKind.Relative));
        Assert.Equal(identity.Id, Assert.Single(identities.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal("ready", (await owner.Client.GetFromJsonAsync<JsonElement>(new Uri($"{path}/identities/{identity.Id}", UriKind.Relative))).GetProperty("status").GetString());

        JsonElement shots = await owner.Client.GetFromJsonAsync<JsonElement>(new Uri(path + "/shots", UriKind.Relative));
        Assert.Equal(shot.Id, Assert.Single(shots.EnumerateArray()).GetProperty("id").GetGuid());
        JsonElement read = await owner.Client.GetFromJsonAsync<JsonElement>(new Uri($"{path}/shots/{shot.Id}", UriKind.Relative));
        Assert.Equal((shot.Assets.Count, "succeeded"), (read.GetProperty("imageCount").GetInt32(), read.GetProperty("status").GetString()));
        HttpResponseMessage image = await owner.Client.GetAsync(new Uri($"{path}/shots/{shot.Id}/images/0", UriKind.Relative));
        await AssertStatus(HttpStatusCode.OK, image);
        Assert.StartsWith("image/", image.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        await ProblemOf(await owner.Client.GetAsync(new Uri($"{path}/shots/{shot.Id}/images/{shot.Assets.Count}", UriKind.Relative)), HttpStatusCode.NotFound);

        await AssertStatus(HttpStatusCode.Created, await owner.Client.PostAsJsonAsync(new Uri(path + "/pins", UriKind.Relative), new { }));
        Assert.Single((await owner.Client.GetFromJsonAsync<JsonElement>(new Uri(path + "/pins", UriKind.Relative))).EnumerateArray());

        JsonElement costs = await owner.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/projects/{project.Id}/costs", UriKind.Relative));
        Assert.Equal(JsonValueKind.Null, costs.GetProperty("budgetUsd").ValueKind);
        JsonElement ledger = await owner.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/projects/{project.Id}/costs/ledger?limit=10", UriKind.Relative));
        Assert.Equal(JsonValueKind.Array, ledger.ValueKind);
        Assert.Equal("limit", (await ProblemOf(await owner.Client.GetAsync(new Uri($"/api/projects/{project.Id}/costs/ledger?limit=0", UriKind.Relative)), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    /// <summary>A character of <paramref name="project"/> with four references, a ready sim identity and one shot.</summary>
    internal static async Task<(Character Character, IdentityModel Identity, Shot Shot)> SeedAsync(ServerHost server, Guid project, string name)
    {
        CharacterCatalog characters = server.Services.GetRequiredService<CharacterCatalog>();
        Character character = await characters.CreateAsync(project, name, null, null);
        var (report, _) = await characters.AddReferencesAsync(character, [.. ObamaFiles
            .Select(f => new ReferenceCandidate(f, File.ReadAllBytes(CastFile(f)), f == "obama.jpg" ? ReferenceRole.Frontal : ReferenceRole.Other))]);
        Assert.True(report.Passed);
        IdentityModel identity = await server.Services.GetRequiredService<IdentityManager>().CreateAsync(character, "sim-instant");
        ShotOutcome outcome = await server.Services.GetRequiredService<ShotRunner>().GenerateAsync(
            character, identity, new ShotRequest { Prompt = "a portrait", Width = 192, Height = 256, Seed = 1 });
        return (character, identity, outcome.Shot);
    }
}
