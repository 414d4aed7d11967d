using Likeness.Imaging;
using Likeness.Inference.Faces;
using Likeness.Inference.Tensors;
using Likeness.Testing;

namespace Likeness.Inference.Tests.Faces;

/// <summary>
/// After a warm-up call, forward passes take all their memory from pools: no managed allocation per call. Run alone:
/// concurrent tests would drain the shared array pool and take the worker pool, which changes what "warm" means.
/// </summary>
[Collection(nameof(SteadyStateAllocationTests))]
public class SteadyStateAllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Net_forward_passes_allocate_nothing_once_warm(int threads)
    {
        FaceModels models = FaceModels.Default;
        using Image image = FaceTestData.LoadPpm("netlevel", "desc150_s1f0.ppm");
        using Tensor input150 = FaceTestData.NetInput(image, 150, center: true, FaceRecognitionNet.MeanRgb);
        using Tensor input112 = FaceTestData.NetInput(image, 112, center: true, FaceLandmarkNet.MeanRgb);
        using Tensor input416 = FaceTestData.NetInput(image, 416, center: false, TinyFaceDetectorNet.MeanRgb);
        float[] descriptor = new float[128];
        float[] landmarks = new float[136];

        void RunAll()
        {
            models.Recognition.Forward(input150, descriptor, threads);
            models.Landmarks.Forward(input112, landmarks, threads);
            models.Detector.Forward(input416, threads).Dispose();
        }

        RunAll();
        RunAll();
        long allocated;
        using (MemoryMeasurement.Exclusive()) // No pool listener beside it: its events allocate on this thread.
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            RunAll();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(0, allocated);
    }
}

[CollectionDefinition(nameof(SteadyStateAllocationTests), DisableParallelization = true)]
public sealed class SteadyStateAllocationSerialGroup;
