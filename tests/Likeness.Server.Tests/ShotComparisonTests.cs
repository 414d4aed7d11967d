using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Imaging;
using Likeness.Inference.Clip;
using Likeness.Testing;
using Likeness.Workspace.Clip;
using Microsoft.Extensions.DependencyInjection;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary>
/// A shot's CLIP-T where a CLIP model is installed, and <c>GET …/shots/{shot}/compare</c>: its closest reference and its
/// CLIP-I against the references (null, with the reason, without a CLIP model).
/// </summary>
public sealed class ShotComparisonTests
{
    // The small CLIP model the CLIP tests use: enough to measure CLIP-T and CLIP-I end to end.
    private static readonly string[] Settings = ["--Likeness:ClipModel", Path.Combine(RepoPaths.Root, "tests", "data", "clip-tiny")];

    [Fact]
    public async Task A_shot_carries_its_clip_t_its_closest_reference_is_the_one_at_its_smallest_face_distance_and_its_clip_i_is_measured()
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

            Guid id = shot.GetProperty("id").GetGuid();
            JsonElement comparison = await artist.Client.GetFromJsonAsync<JsonElement>(new Uri($"{shots}/{id}/compare", UriKind.Relative));
            JsonElement clipI = comparison.GetProperty("clipI");
            Assert.Equal(JsonValueKind.Null, comparison.GetProperty("clipIUnmeasured").ValueKind);
            Assert.Equal(scores.GetProperty("clipModel").GetString(), clipI.GetProperty("model").GetString());
            Assert.Equal(references.Length, clipI.GetProperty("references").GetInt32());
            Assert.InRange(clipI.GetProperty("mean").GetDouble(), -1, 1);
            if (seed == 1)
            {
                // The mean worked out here from the served images: the shot's embedding against each reference's.
                Assert.Equal(await MeanClipIAsync(server, artist.Client, $"{shots}/{id}/images/0", references.Select(r => $"/api/projects/{project}/characters/Ada/references/{r.GetProperty("id").GetGuid()}/image")),
                    clipI.GetProperty("mean").GetDouble(), 6);
            }

            if (scores.GetProperty("faceDistanceMin").ValueKind == JsonValueKind.Null)
            {
                Assert.Equal(JsonValueKind.Null, comparison.GetProperty("reference").ValueKind);
                Assert.False(string.IsNullOrEmpty(comparison.GetProperty("unmeasured").GetString()));
                Assert.Equal(JsonValueKind.Null, clipI.GetProperty("toReference").ValueKind);
                continue;
            }

            // The closest reference is at the shot's smallest face distance, and is one of Ada's.
            Assert.Equal(scores.GetProperty("faceDistanceMin").GetDouble(), comparison.GetProperty("faceDistance").GetDouble(), 9);
            Guid closest = comparison.GetProperty("reference").GetProperty("id").GetGuid();
            Assert.Contains(references, r => r.GetProperty("id").GetGuid() == closest);
            Assert.Equal(JsonValueKind.Null, comparison.GetProperty("unmeasured").ValueKind);
            Assert.InRange(clipI.GetProperty("toReference").GetDouble(), -1, 1);
            compared++;
        }

        Assert.True(compared > 0, "No shot showed a face to compare.");
        await ProblemOf(await artist.Client.GetAsync(new Uri($"{shots}/{Guid.NewGuid()}/compare", UriKind.Relative)), HttpStatusCode.NotFound);
        artist.Client.Dispose();
    }

    [Fact]
    public async Task Without_a_clip_model_the_comparison_has_no_clip_i_and_says_why()
    {
        // A model folder that holds nothing: no CLIP engine, whatever is installed on this machine.
        await using ServerHost server = await ServerHost.StartAsync(null, ["--Likeness:ClipModel", Path.Combine(Path.GetTempPath(), "likeness-no-clip-" + Guid.NewGuid().ToString("N"))]);
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        string shots = $"/api/projects/{project}/characters/Ada/shots";
        using HttpResponseMessage made = await artist.Client.PostAsJsonAsync(new Uri(shots, UriKind.Relative), new { provider = "sim-instant", prompt = "a portrait in a park", seed = 1 });
        await AssertStatus(HttpStatusCode.Created, made);
        JsonElement shot = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shot");
        Assert.Equal(JsonValueKind.Null, shot.GetProperty("scores").GetProperty("clipT").ValueKind);

        JsonElement comparison = await artist.Client.GetFromJsonAsync<JsonElement>(new Uri($"{shots}/{shot.GetProperty("id").GetGuid()}/compare", UriKind.Relative));
        Assert.Equal(JsonValueKind.Null, comparison.GetProperty("clipI").ValueKind);
        Assert.Contains("No CLIP model", comparison.GetProperty("clipIUnmeasured").GetString(), StringComparison.Ordinal);
        artist.Client.Dispose();
    }

    // CLIP-I as studies define it, computed here from the served bytes with the server's CLIP engine.
    private static async Task<double> MeanClipIAsync(ServerHost server, HttpClient client, string shotImage, IEnumerable<string> referenceImages)
    {
        ClipEngine clip = Assert.IsType<ClipEngine>(server.Services.GetRequiredService<ClipEngineSource>().Engine);
        float[] shot = await EmbedAsync(clip, client, shotImage);
        var cosines = new List<double>();
        foreach (string reference in referenceImages)
        {
            float[] embedding = await EmbedAsync(clip, client, reference);
            cosines.Add(ClipMetrics.Cosine(shot, embedding));
        }

        return cosines.Average();
    }

    private static async Task<float[]> EmbedAsync(ClipEngine clip, HttpClient client, string image)
    {
        byte[] bytes = await client.GetByteArrayAsync(new Uri(image, UriKind.Relative));
        using DecodedImage decoded = ImageDecoder.Decode(bytes, DecodeOptions.Upright);
        return clip.EmbedImage(decoded.Image);
    }
}
