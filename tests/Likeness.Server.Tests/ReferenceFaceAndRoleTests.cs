using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Accounts;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary>What the character page draws over each reference: the face detector's box, and a role tag an artist can correct.</summary>
public sealed class ReferenceFaceAndRoleTests
{
    [Fact]
    public async Task A_reference_carries_its_face_box_and_an_artist_retags_its_role_which_a_viewer_cannot()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        Caller viewer = await server.CallerAsync("vera", project, ProjectRole.Viewer);
        Uri list = new($"/api/projects/{project}/characters/Ada/references", UriKind.Relative);
        JsonElement[] references = (await viewer.Client.GetFromJsonAsync<JsonElement[]>(list))!;
        Assert.Equal(4, references.Length);

        // The bundled face engine finds a face in each photo of the cast; its box lies inside the upright image.
        foreach (JsonElement r in references)
        {
            JsonElement face = r.GetProperty("face");
            Assert.Equal(JsonValueKind.Object, face.ValueKind);
            double x = face.GetProperty("x").GetDouble(), y = face.GetProperty("y").GetDouble();
            double w = face.GetProperty("width").GetDouble(), h = face.GetProperty("height").GetDouble();
            Assert.True(w > 10 && h > 10, $"a face of {w}x{h} px");
            Assert.True(x > -w / 2 && y > -h / 2 && x + w < r.GetProperty("width").GetInt32() + w / 2 && y + h < r.GetProperty("height").GetInt32() + h / 2,
                $"box ({x}, {y}, {w}, {h}) outside the {r.GetProperty("width").GetInt32()}x{r.GetProperty("height").GetInt32()} image");
            Assert.True(face.GetProperty("facesFound").GetInt32() >= 1);
        }

        Guid first = references[0].GetProperty("id").GetGuid();
        Uri role = new($"/api/projects/{project}/characters/Ada/references/{first}/role", UriKind.Relative);
        await ProblemOf(await viewer.Client.PutAsJsonAsync(role, new { role = "frontal" }), HttpStatusCode.Forbidden);
        Assert.Equal("role", (await ProblemOf(await artist.Client.PutAsJsonAsync(role, new { role = "sideways" }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal("role", (await ProblemOf(await artist.Client.PutAsJsonAsync(role, new { }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        await ProblemOf(await artist.Client.PutAsJsonAsync(new Uri($"/api/projects/{project}/characters/Ada/references/{Guid.NewGuid()}/role", UriKind.Relative), new { role = "frontal" }), HttpStatusCode.NotFound);

        using HttpResponseMessage set = await artist.Client.PutAsJsonAsync(role, new { role = "three-quarter" });
        await AssertStatus(HttpStatusCode.OK, set);
        Assert.Equal("ThreeQuarter", (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        JsonElement[] after = (await viewer.Client.GetFromJsonAsync<JsonElement[]>(list))!;
        Assert.Equal("ThreeQuarter", after.Single(r => r.GetProperty("id").GetGuid() == first).GetProperty("role").GetString());
        Assert.All(after.Where(r => r.GetProperty("id").GetGuid() != first), r => Assert.Equal("Other", r.GetProperty("role").GetString()));
        viewer.Client.Dispose();
    }
}
