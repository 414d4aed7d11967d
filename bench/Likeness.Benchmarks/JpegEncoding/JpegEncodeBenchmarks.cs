using BenchmarkDotNet.Attributes;
using Likeness.Imaging;
using Likeness.Imaging.Codecs.Jpeg.Encoding;

namespace Likeness.Benchmarks.JpegEncoding;

/// <summary>
/// Encodes the committed 910x1137 Obama portrait (tests/data/resize/clip) at quality 90: scalar reference
/// (baseline) vs the vector DCT and quantizer. Output is identical; only the speed differs.
/// Run: dotnet run -c Release --project bench/Likeness.Benchmarks -- --filter "*JpegEncodeBenchmarks*"
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class JpegEncodeBenchmarks
{
    private Image _source = null!;

    [Params(JpegSubsampling.Yuv420, JpegSubsampling.Yuv444)]
    public JpegSubsampling Subsampling { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Likeness.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        string path = Path.Combine(dir ?? throw new InvalidOperationException("Run inside the repository."), "tests", "data", "resize", "clip", "obama_decoded_910x1137.ppm");
        _source = ImageDecoder.DecodeFile(path).Image;
    }

    [GlobalCleanup]
    public void Cleanup() => _source.Dispose();

    [Benchmark(Baseline = true)]
    public void Scalar() => Encode(SimdLevel.Scalar);

    [Benchmark]
    public void Vector() => Encode(SimdLevels.BestX86);

    private void Encode(SimdLevel level) =>
        JpegEncoder.Encode(_source, Stream.Null, new EncodeOptions { JpegQuality = 90, JpegSubsampling = Subsampling }, level);
}
