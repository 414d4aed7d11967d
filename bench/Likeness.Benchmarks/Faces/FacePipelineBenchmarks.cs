using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Likeness.Benchmarks.Kernels;
using Likeness.Imaging;
using Likeness.Inference.Faces;

namespace Likeness.Benchmarks.Faces;

/// <summary>
/// The face pipeline stage by stage on sample1 (640×427, 3 faces) from tests/data/faceapi, on 1 and 2 threads, with
/// GFLOP/s from the nets' multiply-add counts. Run:
/// <c>dotnet run -c Release --project bench/Likeness.Benchmarks -- --filter '*FacePipelineBenchmarks*'</c>.
/// The side-by-side comparison with the tfjs peer is <c>likeness bench faces</c> (README in src/Likeness.Inference/Faces).
/// </summary>
[Config(typeof(Config))]
public class FacePipelineBenchmarks
{
    private Image _image = null!;
    private FaceAnalyzer _analyzer = null!;
    private FaceDetection _detection;
    private FaceLandmarks _landmarks = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string path = Path.Combine(FindRoot(), "tests", "data", "faceapi", "inputs", "sample1_640.ppm");
        using DecodedImage decoded = ImageDecoder.DecodeFile(path);
        _image = decoded.Image.Clone();
        _analyzer = new FaceAnalyzer(FaceModels.Default, new FaceAnalyzerOptions { DegreeOfParallelism = Threads });
        _detection = _analyzer.Detect(_image)[0];
        _landmarks = _analyzer.DetectLandmarks(_image, _detection)!;
    }

    [GlobalCleanup]
    public void Cleanup() => _image.Dispose();

    [Benchmark]
    public int Detect() => _analyzer.Detect(_image).Count;

    [Benchmark]
    public int Landmarks() => _analyzer.DetectLandmarks(_image, _detection)!.Points.Count;

    [Benchmark]
    public int Descriptor() => _analyzer.ComputeDescriptor(_image, _landmarks)!.Length;

    [Benchmark]
    public int Pipeline() => _analyzer.Analyze(_image).Count;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Likeness.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository.");
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new GflopsColumn(c =>
        {
            FaceModels m = FaceModels.Default;
            double detector = 2.0 * m.Detector.MultiplyAdds(416), landmarks = 2.0 * m.Landmarks.MultiplyAdds(), descriptor = 2.0 * m.Recognition.MultiplyAdds();
            return c.Descriptor.WorkloadMethod.Name switch
            {
                nameof(Detect) => detector,
                nameof(Landmarks) => landmarks,
                nameof(Descriptor) => descriptor,
                _ => detector + (3 * (landmarks + descriptor)),
            };
        }));
    }
}
