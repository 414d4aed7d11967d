using System.Numerics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Likeness.Benchmarks.Kernels;

/// <summary>
/// The measured ceiling GEMM is judged against: fused multiply-adds on one thread, twelve independent chains (more than
/// latency × throughput on any x64 core, so the FMA units, not the chains, set the pace), at each vector width. The width
/// is <see cref="Vector{T}"/>'s, set per job by the runtime's <c>DOTNET_MaxVectorTBitWidth</c> (checked, so a runtime
/// that ignores it fails instead of mislabelling). A core whose 512-bit FMAs run on 256-bit units (AMD Zen 4) shows the
/// same GFLOP/s at 512 and 256 bits: half the nominal "16 lanes × 2 units" figure. Run beside GEMM in one process run:
/// <c>dotnet run -c Release --project bench/Likeness.Benchmarks -- --filter '*FmaPeakBenchmarks*' '*GemmBenchmarks*'</c>.
/// </summary>
[Config(typeof(Config))]
public class FmaPeakBenchmarks
{
    /// <summary>Rounds per call: long enough (about a millisecond) that the call's own cost vanishes.</summary>
    private const int Rounds = 100_000;

    /// <summary>Independent accumulators per round.</summary>
    private const int Chains = 12;

    private const string WidthVariable = "DOTNET_MaxVectorTBitWidth";

    // An instance field, not the constant: the JIT cannot fold or unroll a loop whose bound it does not know.
    private int _rounds = Rounds;

    [GlobalSetup]
    public void Setup()
    {
        int asked = int.Parse(Environment.GetEnvironmentVariable(WidthVariable) ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        if (!Vector.IsHardwareAccelerated || Vector<float>.Count * 32 != asked)
        {
            throw new PlatformNotSupportedException($"{WidthVariable}={asked} gave {Vector<float>.Count * 32}-bit vectors (accelerated: {Vector.IsHardwareAccelerated}).");
        }

        _rounds = Rounds;
    }

    /// <summary>acc = acc × a + b with |a| &lt; 1 converges, so the values stay normal (no overflow, no denormal slow path).</summary>
    [Benchmark]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public float Fma()
    {
        Vector<float> a = new(0.999999f), b = new(1e-7f);
        Vector<float> c0 = new(0.0f), c1 = new(0.1f), c2 = new(0.2f), c3 = new(0.3f), c4 = new(0.4f), c5 = new(0.5f);
        Vector<float> c6 = new(0.6f), c7 = new(0.7f), c8 = new(0.8f), c9 = new(0.9f), c10 = new(1.0f), c11 = new(1.1f);
        for (int i = 0; i < _rounds; i++)
        {
            c0 = Vector.FusedMultiplyAdd(c0, a, b); c1 = Vector.FusedMultiplyAdd(c1, a, b); c2 = Vector.FusedMultiplyAdd(c2, a, b);
            c3 = Vector.FusedMultiplyAdd(c3, a, b); c4 = Vector.FusedMultiplyAdd(c4, a, b); c5 = Vector.FusedMultiplyAdd(c5, a, b);
            c6 = Vector.FusedMultiplyAdd(c6, a, b); c7 = Vector.FusedMultiplyAdd(c7, a, b); c8 = Vector.FusedMultiplyAdd(c8, a, b);
            c9 = Vector.FusedMultiplyAdd(c9, a, b); c10 = Vector.FusedMultiplyAdd(c10, a, b); c11 = Vector.FusedMultiplyAdd(c11, a, b);
        }

        return Vector.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            foreach (int bits in new[] { 512, 256, 128 })
            {
                AddJob(Job.Default.WithEnvironmentVariables(new EnvironmentVariable(WidthVariable, bits.ToString(System.Globalization.CultureInfo.InvariantCulture))).WithId($"{bits}-bit"));
            }

            // Two FLOPs per lane per multiply-add; the lane count is the job's width.
            AddColumn(new GflopsColumn(c => 2.0 * Rounds * Chains * (int.Parse(c.Job.Id.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture) / 32)));
        }
    }
}
