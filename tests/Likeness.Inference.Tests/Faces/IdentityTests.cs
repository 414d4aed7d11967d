using System.Text.Json;
using Likeness.Imaging;
using Likeness.Inference.Faces;

namespace Likeness.Inference.Tests.Faces;

/// <summary>
/// Identity truth on the public-domain photos (pd-labels.json): face-api mode reproduces the peer's distance matrix
/// (pd-summary.json), including its six same-person misses on the face cut by the border; the default affine mode
/// separates every pair.
/// </summary>
public class IdentityTests
{
    private static readonly Lazy<JsonDocument> Summary = new(() => FaceTestData.LoadJson("pd-summary.json"));

    [Fact]
    public void Faceapi_mode_distances_equal_the_peers()
    {
        Dictionary<string, float[]> descriptors = Describe(FaceAlignment.FaceApi);
        int samePersonMisses = 0;
        foreach (JsonElement pair in Summary.Value.RootElement.GetProperty("pairs").EnumerateArray())
        {
            double distance = FaceAnalyzer.Distance(descriptors[pair.GetProperty("a").GetString()!], descriptors[pair.GetProperty("b").GetString()!]);
            // Each descriptor is within 1e-3 L2 of the peer's (pipeline parity), so a distance is within 2e-3.
            Assert.Equal(pair.GetProperty("distance").GetDouble(), distance, 2e-3);
            bool same = pair.GetProperty("relation").GetString() == "same";
            Assert.Equal(pair.GetProperty("ok").GetBoolean(), same == distance < FaceAnalyzer.SamePersonThreshold);
            samePersonMisses += same && distance >= FaceAnalyzer.SamePersonThreshold ? 1 : 0;
        }

        Assert.Equal(6, samePersonMisses);
    }

    [Fact]
    public void Default_affine_mode_separates_every_pair_with_margin()
    {
        Assert.Equal(FaceAlignment.Affine, new FaceAnalyzerOptions().Alignment);
        Dictionary<string, float[]> descriptors = Describe(FaceAlignment.Affine);
        double sameMax = 0, differentMin = double.MaxValue;
        foreach (JsonElement pair in Summary.Value.RootElement.GetProperty("pairs").EnumerateArray())
        {
            double distance = FaceAnalyzer.Distance(descriptors[pair.GetProperty("a").GetString()!], descriptors[pair.GetProperty("b").GetString()!]);
            if (pair.GetProperty("relation").GetString() == "same")
            {
                sameMax = Math.Max(sameMax, distance);
            }
            else
            {
                differentMin = Math.Min(differentMin, distance);
            }
        }

        // Measured: same ≤ 0.526, different ≥ 0.734 (margin 0.21; face-api mode: 0.663 / 0.711, margin 0.05).
        Assert.True(sameMax < FaceAnalyzer.SamePersonThreshold, $"largest same-person distance {sameMax}");
        Assert.True(differentMin >= FaceAnalyzer.SamePersonThreshold, $"smallest different-person distance {differentMin}");
        Assert.True(differentMin - sameMax > 0.15, $"margin {differentMin - sameMax}");
    }

    private static Dictionary<string, float[]> Describe(FaceAlignment alignment)
    {
        var analyzer = new FaceAnalyzer(FaceModels.Default, new FaceAnalyzerOptions { Alignment = alignment });
        var result = new Dictionary<string, float[]>();
        foreach (JsonElement face in Summary.Value.RootElement.GetProperty("faces").EnumerateArray())
        {
            string image = face.GetProperty("image").GetString()!;
            if (result.ContainsKey(image + "#0"))
            {
                continue;
            }

            using Image pixels = FaceTestData.LoadPpm("pd-inputs", image);
            IReadOnlyList<AnalyzedFace> faces = analyzer.Analyze(pixels);
            // The labels are the peer's single-size faces, which the merge keeps first and in order; a face only a
            // further pass finds has no label.
            int labelled = Summary.Value.RootElement.GetProperty("faces").EnumerateArray().Count(f => f.GetProperty("image").GetString() == image);
            for (int i = 0; i < Math.Min(labelled, faces.Count); i++)
            {
                result[$"{image}#{i}"] = faces[i].Descriptor;
            }
        }

        Assert.Equal(12, result.Count);
        return result;
    }
}
