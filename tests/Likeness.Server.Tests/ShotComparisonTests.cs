using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Testing;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary>A shot's CLIP-T where a CLIP model is installed, and <c>GET …/shots/{shot}/compare</c>: its closest reference.</summary>
public sealed class ShotComparisonTests
{
    // The small CLIP model the CLIP tests use: enough to measure CLIP-T end to end.
    private static readonly string[] Settings = ["--Likeness:ClipModel", Path.Combine(RepoPaths.Root, "tests", "data", "clip-tiny")];

    [Fact]
    public async Task A_shot_carries_its_clip_t_and_its_closest_reference_is_the_one_at_its_smallest_face_distance()
    {
        await using ServerHost server = await ServerHost.StartAsync(null, Settings);
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        string shots = $"/api/projects/{project}/characters/Ada/shots";
        JsonElement[] references = (await artist.Client.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/projects/{project}/characters/Ada/references", UriKind.Relative)))!;

        var compared = 0;
        for (int seed = 1; seed <= 3; seed++)
        {
            using HttpResponseMessage made = await artist.Client.PostAsJsonAsync(new Uri(shots, UriKind.Relative), new { provider = "sim-instant", prompt = "a portrait in a park", seed });
            await AssertStatus(HttpStatusCode.Created, made);
            JsonElement shot = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shot");
            JsonElement scores = shot.GetProperty("scores");
            double clipT = scores.GetProperty("clipT").GetDouble();
            Assert.InRange(clipT, -1, 1);
            Assert.StartsWith("clip", scores.GetProperty("clipModel").GetString(), StringComparison.Ordinal);

            JsonElement comparison = await artist.Client.GetFromJsonAsync<JsonElement>(new Uri($"{shots}/{shot.GetProperty("id").GetGuid()}/compare", UriKind.Relative));
            if (scores.GetProperty("faceDistanceMin").ValueKind == JsonValueKind.Null)
            {
                Assert.Equal(JsonValueKind.Null, comparison.GetProperty("reference").ValueKind);
                Assert.False(string.IsNullOrEmpty(comparison.GetProperty("unmeasured").GetString()));
                continue;
            }

            // The closest reference is at the shot's smallest face distance, and is one of Ada's.
            Assert.Equal(scores.GetProperty("faceDistanceMin").GetDouble(), comparison.GetProperty("faceDistance").GetDouble(), 9);
            Guid closest = comparison.GetProperty("reference").GetProperty("id").GetGuid();
            Assert.Contains(references, r => r.GetProperty("id").GetGuid() == closest);
            Assert.Equal(JsonValueKind.Null, comparison.GetProperty("unmeasured").ValueKind);
            compared++;
        }

        Assert.True(compared > 0, "No shot showed a face to compare.");
        await ProblemOf(await artist.Client.GetAsync(new Uri($"{shots}/{Guid.NewGuid()}/compare", UriKind.Relative)), HttpStatusCode.NotFound);
        artist.Client.Dispose();
    }
}
