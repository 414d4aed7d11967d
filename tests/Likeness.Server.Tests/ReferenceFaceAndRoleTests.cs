using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Accounts;
using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Imaging;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.References;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>
    /// References analysed before boxes were kept: one of the cast's photos with its box cleared gets it back when the
    /// list is read, and a photo without a face (whose old analysis claimed one) is marked "no face found" once, not
    /// looked at again; the references that had their box are left exactly as they were.
    /// </summary>
    [Fact]
    public async Task A_reference_without_its_face_box_gets_it_back_when_listed_and_one_without_a_face_is_marked_once()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        Character ada = await server.Services.GetRequiredService<CharacterCatalog>().GetAsync(project, "Ada");
        Uri list = new($"/api/projects/{project}/characters/Ada/references", UriKind.Relative);
        JsonElement[] before = (await artist.Client.GetFromJsonAsync<JsonElement[]>(list))!;
        Guid cleared = before[1].GetProperty("id").GetGuid();
        IDbContextFactory<LikenessDbContext> database = server.Services.GetRequiredService<IDbContextFactory<LikenessDbContext>>();
        Dictionary<Guid, string> untouched;
        ReferenceAnalysis original;
        Guid wall;
        await using (LikenessDbContext db = await database.CreateDbContextAsync())
        {
            untouched = (await db.References.AsNoTracking().Where(r => r.CharacterId == ada.Id && r.Id != cleared).ToListAsync())
                .ToDictionary(r => r.Id, r => JsonSerializer.Serialize(r.Analysis));
            ReferenceImage reference = await db.References.SingleAsync(r => r.Id == cleared);
            original = reference.Analysis!;
            db.Entry(reference).Property(r => r.Analysis).CurrentValue = original with { Face = null };
            AssetRef asset = await server.Services.GetRequiredService<IAssetStore>().PutAsync(FacelessPng(320, 240), "image/png");
            ReferenceImage faceless = ReferenceImage.Create(
                ada.Id, asset.Sha256, "wall.png", "png", 320, 240, asset.SizeBytes, ReferenceRole.Other, 0,
                new ReferenceAnalysis { FacesFound = 1, Descriptor = original.Descriptor, FaceScore = 0.9, Analyzer = original.Analyzer }, TimeProvider.System);
            wall = faceless.Id;
            db.References.Add(faceless);
            await db.SaveChangesAsync();
            Assert.True(reference.NeedsFaceBox && faceless.NeedsFaceBox);
        }

        JsonElement[] listed = (await artist.Client.GetFromJsonAsync<JsonElement[]>(list))!;
        JsonElement back = listed.Single(r => r.GetProperty("id").GetGuid() == cleared).GetProperty("face");
        JsonElement was = before[1].GetProperty("face");
        foreach (string side in new[] { "x", "y", "width", "height" })
        {
            Assert.Equal(was.GetProperty(side).GetDouble(), back.GetProperty(side).GetDouble(), 1.0);
        }

        Assert.Equal(JsonValueKind.Null, listed.Single(r => r.GetProperty("id").GetGuid() == wall).GetProperty("face").ValueKind);
        await using (LikenessDbContext db = await database.CreateDbContextAsync())
        {
            List<ReferenceImage> stored = await db.References.AsNoTracking().Where(r => r.CharacterId == ada.Id).ToListAsync();
            ReferenceAnalysis refilled = stored.Single(r => r.Id == cleared).Analysis!;
            Assert.Equal((original.FacesFound, original.FaceScore, original.Analyzer), (refilled.FacesFound, refilled.FaceScore, refilled.Analyzer));
            Assert.Equal(original.Descriptor, refilled.Descriptor);
            Assert.NotNull(refilled.Face);
            ReferenceAnalysis none = stored.Single(r => r.Id == wall).Analysis!;
            Assert.True(none.FaceBoxNotFound);
            Assert.Null(none.Face);
            Assert.All(stored, r => Assert.False(r.NeedsFaceBox));
            Assert.All(untouched, u => Assert.Equal(u.Value, JsonSerializer.Serialize(stored.Single(r => r.Id == u.Key).Analysis)));
        }

        // Nothing is looked at again: a refresh (likeness reference refresh) finds nothing to do.
        FaceBoxRefresh? again = await server.Services.GetRequiredService<ReferenceFaceBoxes>().RefreshAsync(null);
        Assert.NotNull(again);
        Assert.Empty(again.Filled);
        artist.Client.Dispose();
    }

    // A smooth gradient: an image in which no detector finds a face.
    private static byte[] FacelessPng(int width, int height)
    {
        byte[] pixels = new byte[width * height * 3];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i / 3 % width * 255 / width);
        }

        return ImageEncoder.EncodeToBytes(Image.FromPixels(width, height, PixelFormat.Rgb24, pixels), ImageFormat.Png);
    }
}
