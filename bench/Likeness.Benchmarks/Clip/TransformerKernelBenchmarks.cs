using BenchmarkDotNet.Attributes;
using Likeness.Imaging;
using Likeness.Inference.Kernels.Transformer;

namespace Likeness.Benchmarks.Clip;

/// <summary>
/// Layer norm (50 rows), softmax and QuickGELU: the scalar reference (baseline) against the widest vector path, at
/// a CLIP size and an odd size that exercises the tails.
/// Run: <c>dotnet run -c Release --project bench/Likeness.Benchmarks -- --filter '*TransformerKernelBenchmarks*'</c>.
/// </summary>
public class TransformerKernelBenchmarks
{
    private float[] _x = [];
    private float[] _y = [];
    private float[] _gamma = [];
    private float[] _beta = [];

    [Params(768, (6 * 512) + 7)]
    public int Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _x = [.. Enumerable.Range(0, 50 * Width).Select(_ => (rng.NextSingle() * 8) - 4)];
        _y = new float[_x.Length];
        _gamma = [.. Enumerable.Range(0, Width).Select(_ => 1 + (rng.NextSingle() * 0.1f))];
        _beta = [.. Enumerable.Range(0, Width).Select(_ => rng.NextSingle() * 0.1f)];
    }

    [Benchmark(Baseline = true)]
    public void LayerNormScalar() => LayerNorm.Apply(_x, _y, _gamma, _beta, 50, 1e-5f, SimdLevel.Scalar);

    [Benchmark]
    public void LayerNormVector() => LayerNorm.Apply(_x, _y, _gamma, _beta, 50, 1e-5f, SimdLevels.Best);

    [Benchmark]
    public void QuickGeluScalar()
    {
        _x.CopyTo(_y, 0);
        QuickGelu.Apply(_y, SimdLevel.Scalar);
    }

    [Benchmark]
    public void QuickGeluVector()
    {
        _x.CopyTo(_y, 0);
        QuickGelu.Apply(_y, SimdLevels.Best);
    }

    [Benchmark]
    public void SoftmaxScalar()
    {
        _x.CopyTo(_y, 0);
        Softmax.Apply(_y.AsSpan(0, Width), SimdLevel.Scalar);
    }

    [Benchmark]
    public void SoftmaxVector()
    {
        _x.CopyTo(_y, 0);
        Softmax.Apply(_y.AsSpan(0, Width), SimdLevels.Best);
    }
}
