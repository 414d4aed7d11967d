using BenchmarkDotNet.Attributes;
using Likeness.Imaging.Codecs.Png;

namespace Likeness.Benchmarks.Png;

/// <summary>
/// Unfiltering one 1434-pixel RGB row (4302 bytes), vector path against the scalar reference.
/// Run: dotnet run -c Release --project bench/Likeness.Benchmarks -- --filter '*PngUnfilterBenchmarks*'
/// </summary>
public class PngUnfilterBenchmarks
{
    private const int Bpp = 3;
    private readonly byte[] _row = new byte[1434 * Bpp];
    private readonly byte[] _previous = new byte[1434 * Bpp];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        random.NextBytes(_row);
        random.NextBytes(_previous);
    }

    [Benchmark]
    public void SubScalar() => PngUnfilter.SubScalar(_row, Bpp);

    [Benchmark]
    public void SubVector() => PngUnfilter.Sub(_row, Bpp);

    [Benchmark]
    public void UpScalar() => PngUnfilter.UpScalar(_row, _previous);

    [Benchmark]
    public void UpVector() => PngUnfilter.Up(_row, _previous);

    [Benchmark]
    public void AverageScalar() => PngUnfilter.AverageScalar(_row, _previous, Bpp);

    [Benchmark]
    public void AverageVector() => PngUnfilter.Average(_row, _previous, Bpp);

    [Benchmark]
    public void PaethScalar() => PngUnfilter.PaethScalar(_row, _previous, Bpp);

    [Benchmark]
    public void PaethVector() => PngUnfilter.Paeth(_row, _previous, Bpp);
}
