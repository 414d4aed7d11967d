using Likeness.Imaging;
using Likeness.Inference.Faces;
using Likeness.Inference.Kernels;
using Likeness.Inference.Tensors;

namespace Likeness.Inference.Tests.Faces;

/// <summary>
/// Faces batched through the landmark and descriptor nets (<see cref="FaceAnalyzer.Analyze(Imaging.Image)"/>) give each face exactly
/// what it gets alone, on 1 and 2 threads, for one face and several.
/// </summary>
public class FaceBatchTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(4, 1)]
    [InlineData(4, 2)]
    public void Batched_nets_equal_each_face_alone(int batch, int threads)
    {
        FaceModels models = FaceModels.Default;
        string[] faces = ["s1f0", "s1f1", "s1f2", "s2f0"];
        Tensor[] descriptorInputs = [.. faces.Take(batch).Select(f => NetInput("desc150_" + f, FaceRecognitionNet.InputSize, FaceRecognitionNet.MeanRgb))];
        Tensor[] landmarkInputs = [.. faces.Take(batch).Select(f => NetInput("lm112_" + f, FaceLandmarkNet.InputSize, FaceLandmarkNet.MeanRgb))];
        try
        {
            float[] descriptors = new float[batch * FaceRecognitionNet.DescriptorLength];
            using (Tensor stack = StackedBatch.Stack(descriptorInputs))
            {
                models.Recognition.ForwardBatch(stack, batch, descriptors, threads);
            }

            float[] landmarks = new float[batch * 136];
            using (Tensor stack = StackedBatch.Stack(landmarkInputs))
            {
                models.Landmarks.ForwardBatch(stack, batch, landmarks, threads);
            }

            for (int b = 0; b < batch; b++)
            {
                float[] descriptor = new float[FaceRecognitionNet.DescriptorLength];
                models.Recognition.Forward(descriptorInputs[b], descriptor, threads);
                Assert.Equal(descriptor, descriptors.AsSpan(b * descriptor.Length, descriptor.Length).ToArray());
                float[] points = new float[136];
                models.Landmarks.Forward(landmarkInputs[b], points, threads);
                Assert.Equal(points, landmarks.AsSpan(b * points.Length, points.Length).ToArray());
            }
        }
        finally
        {
            Array.ForEach(descriptorInputs, t => t.Dispose());
            Array.ForEach(landmarkInputs, t => t.Dispose());
        }
    }

    [Theory]
    [InlineData("sample6_640.ppm", FaceAlignment.Affine, 1)]
    [InlineData("sample6_640.ppm", FaceAlignment.Affine, 2)]
    [InlineData("sample6_640.ppm", FaceAlignment.FaceApi, 2)]
    [InlineData("sample2_640.ppm", FaceAlignment.FaceApi, 2)]
    public void Analyze_equals_the_stages_run_face_by_face(string file, FaceAlignment alignment, int threads)
    {
        using Image image = FaceTestData.LoadPpm("inputs", file);
        var analyzer = new FaceAnalyzer(FaceModels.Default, new FaceAnalyzerOptions { Alignment = alignment, DegreeOfParallelism = threads });
        IReadOnlyList<AnalyzedFace> faces = analyzer.Analyze(image);
        IReadOnlyList<FaceDetection> detections = analyzer.Detect(image);
        Assert.NotEmpty(faces);
        Assert.Equal(detections.Count, faces.Count);
        for (int i = 0; i < faces.Count; i++)
        {
            FaceLandmarks landmarks = analyzer.DetectLandmarks(image, detections[i])!;
            Assert.Equal((detections[i].Score, detections[i].Box), (faces[i].Score, faces[i].Box));
            Assert.Equal(landmarks.Points, faces[i].Landmarks);
            float[] descriptor = analyzer.ComputeDescriptor(image, landmarks)!;
            Assert.Equal(descriptor, faces[i].Descriptor);
        }
    }

    private static Tensor NetInput(string fixture, int size, float[] mean)
    {
        using Image image = FaceTestData.LoadPpm("netlevel", fixture + ".ppm");
        return FaceTestData.NetInput(image, size, center: true, mean);
    }
}
