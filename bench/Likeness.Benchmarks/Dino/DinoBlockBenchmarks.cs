using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Likeness.Benchmarks.Kernels;
using Likeness.Inference.Kernels;
using Likeness.Inference.Kernels.Transformer;

namespace Likeness.Benchmarks.Dino;

/// <summary>
/// Each operation of one DINOv2-S/14 encoder block at 224 px (257 tokens, width 384, 6 heads, MLP 1536) on one thread,
/// as <c>EncoderBlock.Forward</c> calls it, for 1 and 8 images: multiply a row's mean by 12 layers for the forward
/// pass's breakdown. <c>Fc1</c> (no activation) against <c>Fc1Gelu</c> is the cost of the fused GELU.
/// Run: <c>dotnet run -c Release --project bench/Likeness.Benchmarks -- --filter '*DinoBlockBenchmarks*'</c>.
/// </summary>
[Config(typeof(Config))]
public class DinoBlockBenchmarks
{
    private const int Tokens = 257, Width = 384, Heads = 6, Inner = 1536;

    private float[] _x = [], _normed = [], _qkv = [], _attention = [], _hidden = [];
    private float[] _gamma = [], _beta = [], _qkvBias = [], _outBias = [], _fc1Bias = [], _fc2Bias = [];
    private PackedMatrix _qkvWeight = null!, _outWeight = null!, _fc1 = null!, _fc2 = null!;

    [Params(1, 8)]
    public int Images { get; set; }

    private int Rows => Images * Tokens;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        float[] Random(int count, float scale) => [.. Enumerable.Range(0, count).Select(_ => ((rng.NextSingle() * 2) - 1) * scale)];
        _x = Random(Rows * Width, 1);
        _normed = Random(Rows * Width, 1);
        _qkv = Random(Rows * 3 * Width, 1);
        _attention = Random(Rows * Width, 1);
        _hidden = Random(Rows * Inner, 1);
        _gamma = Random(Width, 1);
        _beta = Random(Width, 0.1f);
        _qkvBias = Random(3 * Width, 0.1f);
        _outBias = Random(Width, 0.1f);
        _fc1Bias = Random(Inner, 0.1f);
        _fc2Bias = Random(Width, 0.1f);
        _qkvWeight = Gemm.Pack(Random(3 * Width * Width, 0.05f), Width, 3 * Width, transposed: true);
        _outWeight = Gemm.Pack(Random(Width * Width, 0.05f), Width, Width, transposed: true);
        _fc1 = Gemm.Pack(Random(Inner * Width, 0.05f), Width, Inner, transposed: true);
        _fc2 = Gemm.Pack(Random(Width * Inner, 0.02f), Inner, Width, transposed: true);
    }

    [Benchmark]
    public void LayerNormRows() => LayerNorm.Apply(_x, _normed, _gamma, _beta, Rows, 1e-6f);

    [Benchmark]
    public void Qkv() => Gemm.Multiply(_normed, Width, _qkvWeight, _qkv, 3 * Width, Rows, _qkvBias, degreeOfParallelism: 1);

    [Benchmark]
    public void SelfAttention() => Attention.SelfAttention(_qkv, _attention, Images, Tokens, Width, Heads, causal: false, degreeOfParallelism: 1);

    [Benchmark]
    public void OutProjection() => Gemm.Multiply(_attention, Width, _outWeight, _x, Width, Rows, _outBias, accumulate: true, degreeOfParallelism: 1);

    [Benchmark]
    public void Fc1() => Gemm.Multiply(_normed, Width, _fc1, _hidden, Inner, Rows, _fc1Bias, degreeOfParallelism: 1);

    [Benchmark]
    public void Fc1Gelu() => Gemm.Multiply(_normed, Width, _fc1, _hidden, Inner, Rows, _fc1Bias, Activation.Gelu, degreeOfParallelism: 1);

    [Benchmark]
    public void Fc2() => Gemm.Multiply(_hidden, Inner, _fc2, _x, Width, Rows, _fc2Bias, accumulate: true, degreeOfParallelism: 1);

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new GflopsColumn(c =>
        {
            double rows = Tokens * (int)c.Parameters["Images"];
            return c.Descriptor.WorkloadMethod.Name switch
            {
                nameof(Qkv) => 2.0 * rows * 3 * Width * Width,
                nameof(SelfAttention) => 4.0 * rows * Tokens * Width,
                nameof(OutProjection) => 2.0 * rows * Width * Width,
                nameof(Fc1) or nameof(Fc1Gelu) or nameof(Fc2) => 2.0 * rows * Width * Inner,
                _ => 0,
            };
        }));
    }
}
