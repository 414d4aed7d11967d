using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Accounts;
using Likeness.Testing;
using Likeness.Workspace.Characters;
using Microsoft.Extensions.DependencyInjection;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary><c>GET …/characters/{c}/calibration</c>: the threshold the gate judges by, within the caller's project only.</summary>
public sealed class CalibrationEndpointTests
{
    // The face-api demo photos as distractors: 20 faces of other people, enough impostors for a usable threshold.
    private static readonly string[] Settings = ["--Likeness:DistractorsPath", Path.Combine(RepoPaths.Root, "tests", "data", "faceapi", "inputs")];

    [Fact]
    public async Task A_viewer_reads_the_calibration_in_force_and_another_projects_cast_is_neither_an_impostor_nor_readable()
    {
        await using ServerHost server = await ServerHost.StartAsync(null, Settings);
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        Caller viewer = await server.CallerAsync("vera", project, ProjectRole.Viewer);
        // Another project with the same four photos: were its character an impostor of Ada's, the sets would overlap and
        // the calibration would be refused.
        var (theirs, them) = await server.ProjectAsync("Theirs");
        await JobClient.CharacterWithReferencesAsync(server, theirs.Id, "Bea");

        Uri address = new($"/api/projects/{project}/characters/Ada/calibration", UriKind.Relative);
        using HttpResponseMessage answered = await viewer.Client.GetAsync(address);
        await AssertStatus(HttpStatusCode.OK, answered);
        JsonElement state = await answered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, state.GetProperty("unavailable").ValueKind);
        JsonElement calibration = state.GetProperty("calibration");
        Assert.Equal(("face", 1), (calibration.GetProperty("metric").GetString(), calibration.GetProperty("version").GetInt32()));
        Assert.Equal(0.01, calibration.GetProperty("targetFalseAcceptRate").GetDouble());
        Assert.True(calibration.GetProperty("threshold").GetDouble() > 0);
        Assert.True(calibration.GetProperty("falseAcceptRateUpper95").GetDouble() >= calibration.GetProperty("falseAcceptRate").GetDouble());
        Assert.Equal(4, calibration.GetProperty("genuineCount").GetInt32());
        int distractors = calibration.GetProperty("distractorCount").GetInt32();
        Assert.True(distractors >= 10, $"{distractors} distractor faces");
        Assert.Equal(distractors, calibration.GetProperty("impostorCount").GetInt32());
        Assert.Equal(JsonValueKind.Array, calibration.GetProperty("warnings").ValueKind);

        // Unchanged references: the same stored version, not a new one.
        JsonElement again = await artist.Client.GetFromJsonAsync<JsonElement>(address);
        Assert.Equal(calibration.GetProperty("id").GetGuid(), again.GetProperty("calibration").GetProperty("id").GetGuid());

        // Another project's member cannot read it (the project is not theirs), nor name the character through their own project.
        await ProblemOf(await them.Client.GetAsync(address), HttpStatusCode.NotFound);
        await ProblemOf(await them.Client.GetAsync(new Uri($"/api/projects/{theirs.Id}/characters/Ada/calibration", UriKind.Relative)), HttpStatusCode.NotFound);

        // A character without references has none, and says why.
        await server.Services.GetRequiredService<CharacterCatalog>().CreateAsync(project, "Blank", null, null);
        JsonElement blank = await viewer.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/projects/{project}/characters/Blank/calibration", UriKind.Relative));
        if (blank.GetProperty("calibration").ValueKind == JsonValueKind.Null)
        {
            Assert.Contains("cannot judge Blank", blank.GetProperty("unavailable").GetString(), StringComparison.Ordinal);
        }
        else
        {
            // Where a CLIP model is installed, the whole-image metric stands in.
            Assert.Equal("clip-i", blank.GetProperty("calibration").GetProperty("metric").GetString());
        }

        artist.Client.Dispose();
        viewer.Client.Dispose();
        them.Client.Dispose();
    }
}
