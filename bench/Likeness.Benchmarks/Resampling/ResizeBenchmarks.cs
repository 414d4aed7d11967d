using BenchmarkDotNet.Attributes;
using Likeness.Imaging;
using Likeness.Imaging.Resampling;

namespace Likeness.Benchmarks.Resampling;

/// <summary>
/// A 4000x3000 RGB image resized as CLIP does (shorter side to 224: 298x224) and to a 512 thumbnail (512x384),
/// scalar reference (baseline) vs the widest vector path, single-threaded, plus the vector path on 2 threads.
/// The content (smooth gradients plus seeded noise) does not change the work: the kernels have no data-dependent
/// branches. Run: dotnet run -c Release --project bench/Likeness.Benchmarks -- --filter "*ResizeBenchmarks*"
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class ResizeBenchmarks
{
    private Image _source = null!;

    [Params("298x224", "512x384")]
    public string Target { get; set; } = "298x224";

    [Params(ResampleFilter.Bicubic, ResampleFilter.Lanczos3)]
    public ResampleFilter Filter { get; set; }

    private (int Width, int Height) Size => (int.Parse(Target.Split('x')[0]), int.Parse(Target.Split('x')[1]));

    [GlobalSetup]
    public void Setup()
    {
        const int Width = 4000, Height = 3000;
        byte[] pixels = new byte[Width * Height * 3];
        var random = new Random(42);
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                int i = ((y * Width) + x) * 3;
                pixels[i] = (byte)((x * 255 / Width) ^ random.Next(16));
                pixels[i + 1] = (byte)((y * 255 / Height) ^ random.Next(16));
                pixels[i + 2] = (byte)(((x + y) * 127 / Height) ^ random.Next(16));
            }
        }

        _source = Image.FromPixels(Width, Height, PixelFormat.Rgb24, pixels);
    }

    [GlobalCleanup]
    public void Cleanup() => _source.Dispose();

    [Benchmark(Baseline = true)]
    public void Scalar() => Run(1, SimdLevel.Scalar);

    [Benchmark]
    public void Vector() => Run(1, SimdLevels.BestX86);

    [Benchmark]
    public void VectorTwoThreads() => Run(2, SimdLevels.BestX86);

    private void Run(int threads, SimdLevel level)
    {
        using Image result = Resampler.Resize(_source, Size.Width, Size.Height, Filter, ResampleBox.Whole(_source.Width, _source.Height), threads, level);
    }
}
