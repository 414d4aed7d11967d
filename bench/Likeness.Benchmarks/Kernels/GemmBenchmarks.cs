using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Likeness.Inference.Kernels;

namespace Likeness.Benchmarks.Kernels;

/// <summary>
/// Packed-weight GEMM at shapes the face nets and CLIP use (m = output pixels or tokens, n = output channels,
/// k = kernel taps × input channels). Run: <c>dotnet run -c Release --project bench/Likeness.Benchmarks -- --filter '*GemmBenchmarks*'</c>.
/// </summary>
[Config(typeof(Config))]
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _c = [];
    private float[] _bias = [];
    private PackedMatrix _b = null!;

    [Params("5184x32x147", "1225x32x288", "289x64x576", "50x768x768", "1024x1024x1024")]
    public string Shape { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (int m, int n, int k) = Parse(Shape);
        var rng = new Random(1);
        _a = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextDouble()).ToArray();
        float[] b = Enumerable.Range(0, k * n).Select(_ => (float)rng.NextDouble()).ToArray();
        _bias = new float[n];
        _c = new float[m * n];
        _b = Gemm.Pack(b, k, n);
    }

    [Benchmark]
    public void Multiply()
    {
        (int m, _, int k) = Parse(Shape);
        Gemm.Multiply(_a, k, _b, _c, _b.N, m, _bias, Activation.Relu, degreeOfParallelism: Threads);
    }

    internal static (int M, int N, int K) Parse(string shape)
    {
        int[] parts = shape.Split('x').Select(int.Parse).ToArray();
        return (parts[0], parts[1], parts[2]);
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new GflopsColumn(c =>
        {
            (int m, int n, int k) = Parse((string)c.Parameters["Shape"]);
            return 2.0 * m * n * k;
        }));
    }
}
