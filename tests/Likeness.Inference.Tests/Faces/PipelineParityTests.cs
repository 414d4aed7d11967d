using System.Text.Json;
using Likeness.Imaging;
using Likeness.Inference.Faces;

namespace Likeness.Inference.Tests.Faces;

/// <summary>
/// The whole pipeline in face-api mode against the tfjs wasm peer on every golden PPM: same faces in the same
/// order, boxes and landmarks within 0.01 px, the same integer alignment rect, descriptors within 1e-3 L2.
/// </summary>
public class PipelineParityTests
{
    private const double PixelTolerance = 0.01;
    private const double DescriptorTolerance = 1e-3;

    public static TheoryData<string, string> Images()
    {
        var data = new TheoryData<string, string>();
        foreach (string name in new[] { "sample1", "sample2", "sample3", "sample4", "sample5", "sample6" })
        {
            data.Add("inputs", name + "_640");
        }

        foreach (string name in new[] { "32bit", "biden", "biden2", "obama", "obama1", "obama2", "obama3", "obama_and_biden", "obama_partial_face", "two_people" })
        {
            data.Add("pd-inputs", name + "_640");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Faceapi_mode_matches_the_peer(string folder, string name)
    {
        using Image image = FaceTestData.LoadPpm(folder, name + ".ppm");
        using JsonDocument golden = FaceTestData.LoadJson(folder == "inputs" ? "wasm-ppm640" : "pd-wasm", name + ".json");
        var analyzer = new FaceAnalyzer(FaceModels.Default, new FaceAnalyzerOptions { Alignment = FaceAlignment.FaceApi });

        IReadOnlyList<FaceDetection> detections = analyzer.Detect(image);
        JsonElement[] expected = [.. golden.RootElement.GetProperty("faces").EnumerateArray()];
        Assert.Equal(expected.Length, detections.Count);
        for (int f = 0; f < expected.Length; f++)
        {
            JsonElement e = expected[f];
            FaceDetection d = detections[f];
            Assert.Equal(e.GetProperty("score").GetDouble(), d.Score, 1e-4);
            JsonElement box = e.GetProperty("box");
            Assert.Equal(box.GetProperty("x").GetDouble(), d.Box.X, PixelTolerance);
            Assert.Equal(box.GetProperty("y").GetDouble(), d.Box.Y, PixelTolerance);
            Assert.Equal(box.GetProperty("width").GetDouble(), d.Box.Width, PixelTolerance);
            Assert.Equal(box.GetProperty("height").GetDouble(), d.Box.Height, PixelTolerance);

            FaceLandmarks landmarks = analyzer.DetectLandmarks(image, d)!;
            JsonElement[] points = [.. e.GetProperty("landmarks").EnumerateArray()];
            for (int i = 0; i < 68; i++)
            {
                Assert.Equal(points[i][0].GetDouble(), landmarks.Points[i].X, PixelTolerance);
                Assert.Equal(points[i][1].GetDouble(), landmarks.Points[i].Y, PixelTolerance);
            }

            JsonElement rect = e.GetProperty("dlibAlignRect");
            Assert.Equal(
                new PixelRect(rect.GetProperty("x").GetInt32(), rect.GetProperty("y").GetInt32(), rect.GetProperty("width").GetInt32(), rect.GetProperty("height").GetInt32()),
                FaceAligner.FaceApiRect(landmarks));

            float[] descriptor = analyzer.ComputeDescriptor(image, landmarks)!;
            double l2 = FaceAnalyzer.Distance(descriptor, FaceTestData.Floats(e.GetProperty("descriptor")));
            Assert.True(l2 <= DescriptorTolerance, $"face {f}: descriptor L2 {l2}");
        }
    }

    [Fact]
    public void Thread_count_does_not_change_any_result()
    {
        // Threads split output tiles (of one face or of a batch of faces), never a sum, so results are bit-identical.
        using Image image = FaceTestData.LoadPpm("inputs", "sample6_640.ppm");
        IReadOnlyList<AnalyzedFace> one = new FaceAnalyzer(FaceModels.Default, new FaceAnalyzerOptions { DegreeOfParallelism = 1 }).Analyze(image);
        IReadOnlyList<AnalyzedFace> two = new FaceAnalyzer(FaceModels.Default, new FaceAnalyzerOptions { DegreeOfParallelism = 2 }).Analyze(image);
        Assert.Equal(6, one.Count); // face-api's 5 at 416 and a sixth found by a further pass
        Assert.Equal(one.Count, two.Count);
        for (int i = 0; i < one.Count; i++)
        {
            Assert.Equal(one[i].Box, two[i].Box);
            Assert.Equal(one[i].Landmarks, two[i].Landmarks);
            Assert.Equal(one[i].Descriptor, two[i].Descriptor);
        }
    }
}
