using Likeness.Imaging;
using Likeness.Inference.Kernels;
using Likeness.Inference.Kernels.Operators;
using Likeness.Inference.Kernels.Transformer;
using Likeness.Inference.Tests.Clip;

namespace Likeness.Inference.Tests.Kernels;

/// <summary>
/// Every element-wise operator on <see cref="ElementwiseLoop"/> at every forced width against the scalar reference,
/// for lengths 0..256 (every remainder of every width) and three large odd ones. Arithmetic must match bit for bit
/// (the same single rounding at every width), the activations too (the same steps, our exp included, on inputs in
/// [-8, 8]); sums within a bound that grows with n (only the order differs).
/// A guard past the end catches writes beyond n.
/// </summary>
public sealed unsafe class ElementwiseOperatorTests
{
    private const float Guard = -12345f;

    public static TheoryData<int> Paths() => TransformerKernelTests.Paths();

    private static IEnumerable<int> Lengths => Enumerable.Range(0, 257).Concat([1000, (6 * 512) + 7, 4099]);

    [Theory]
    [MemberData(nameof(Paths))]
    public void Channel_ops_match_scalar_bit_for_bit(int pathValue)
    {
        var level = (SimdLevel)pathValue;
        foreach (int n in Lengths)
        {
            float[] x = Values(n, seed: n), w = Values(n, seed: n + 1), start = Values(n, seed: n + 2);
            AssertSame(start, x, w, (d, a, b, l) => ChannelOps.MultiplyAdd(d, a, b, n, l), level, "multiply-add");
            AssertSame(start, x, w, (d, a, _, l) => ChannelOps.Max(d, a, n, l), level, "max");
            AssertSame(start, x, w, (d, a, _, l) => ChannelOps.Add(d, a, n, l), level, "add");
            AssertSame(start, x, w, (d, _, _, l) => ChannelOps.Scale(d, 0.37f, n, l), level, "scale");
        }
    }

    [Fact]
    public void Scalar_reference_is_the_arithmetic()
    {
        float[] x = Values(37, 1), w = Values(37, 2), start = Values(37, 3);
        float[] d = [.. start];
        fixed (float* px = x, pw = w, pd = d)
        {
            ChannelOps.MultiplyAdd(pd, px, pw, 37, SimdLevel.Scalar);
        }

        for (int i = 0; i < 37; i++)
        {
            Assert.Equal(MathF.FusedMultiplyAdd(x[i], w[i], start[i]), d[i]);
        }

        d = [.. start];
        fixed (float* px = x, pd = d)
        {
            ChannelOps.Max(pd, px, 37, SimdLevel.Scalar);
        }

        Assert.Equal(start.Zip(x, MathF.Max), d);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Binary_driver_writes_a_separate_destination(int pathValue)
    {
        foreach (int n in Lengths)
        {
            float[] x = Values(n, n), y = Values(n, n + 7), destination = new float[n + 1];
            destination[n] = Guard;
            fixed (float* px = x, py = y, pd = destination)
            {
                ElementwiseLoop.Binary<MultiplyOperator>(px, py, pd, n, (SimdLevel)pathValue);
            }

            Assert.Equal(x.Zip(y, (a, b) => a * b), destination[..n]);
            Assert.Equal(Guard, destination[n]);
            Assert.Equal(Values(n, n), x);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Activations_match_scalar(int pathValue)
    {
        foreach (int n in Lengths)
        {
            float[] x = [.. Values(n, n).Select(v => v * 8f)];
            AssertActivation(x, (s, l) => Gelu.Apply(s, l), (SimdLevel)pathValue, $"gelu n={n}");
            AssertActivation(x, (s, l) => QuickGelu.Apply(s, l), (SimdLevel)pathValue, $"quick-gelu n={n}");
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Reductions_match_scalar(int pathValue)
    {
        var level = (SimdLevel)pathValue;
        foreach (int n in Lengths)
        {
            float[] x = Values(n, n);
            fixed (float* p = x)
            {
                // Max picks one of the values, so every width agrees exactly.
                Assert.Equal(ElementwiseLoop.MapReduce<IdentityOperator, MaxOperator>(p, 0f, n, SimdLevel.Scalar), ElementwiseLoop.MapReduce<IdentityOperator, MaxOperator>(p, 0f, n, level));

                // Sums differ only in order: within 1e-6 of Σ|term| (n float roundings of at most 6e-8 each, n ≤ 4099, plus margin).
                float sum = ElementwiseLoop.MapReduce<IdentityOperator, AddOperator>(p, 0f, n, SimdLevel.Scalar);
                Assert.True(MathF.Abs(sum - ElementwiseLoop.MapReduce<IdentityOperator, AddOperator>(p, 0f, n, level)) <= 1e-6f * (1 + x.Sum(MathF.Abs)) * MathF.Max(1, n / 16f), $"sum n={n}");
                float squares = ElementwiseLoop.MapReduce<SquaredDifferenceOperator, AddOperator>(p, 0.25f, n, SimdLevel.Scalar);
                Assert.True(MathF.Abs(squares - ElementwiseLoop.MapReduce<SquaredDifferenceOperator, AddOperator>(p, 0.25f, n, level)) <= 1e-6f * (1 + squares) * MathF.Max(1, n / 16f), $"squares n={n}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Map_store_reduce_stores_what_it_sums_and_equals_the_separate_passes(int pathValue)
    {
        var level = (SimdLevel)pathValue;
        foreach (int n in Lengths)
        {
            float[] x = Values(n, n + 7);
            float[] separate = [.. x, Guard], fused = [.. x, Guard];
            float separateSum, fusedSum;
            fixed (float* ps = separate, pf = fused)
            {
                // The same elements are mapped at the same width and folded in the same order: equal bit for bit.
                ElementwiseLoop.BinaryScalar<ExpOfDifferenceOperator>(ps, 0.5f, ps, n, level);
                separateSum = ElementwiseLoop.MapReduce<IdentityOperator, AddOperator>(ps, 0f, n, level);
                fusedSum = ElementwiseLoop.MapStoreReduce<ExpOfDifferenceOperator, AddOperator>(pf, 0.5f, pf, n, level);
            }

            Assert.True(separate.AsSpan().SequenceEqual(fused), $"stored values n={n} at {level}");
            Assert.Equal(separateSum, fusedSum);
            Assert.Equal(Guard, fused[n]);
        }
    }

    [Fact]
    public void Scalar_reductions_are_the_sequential_fold()
    {
        float[] x = Values(101, 5);
        float sequential = 0f, squares = 0f;
        foreach (float v in x)
        {
            sequential += v;
            squares += (v - 0.25f) * (v - 0.25f);
        }

        fixed (float* p = x)
        {
            Assert.Equal(x.Max(), ElementwiseLoop.MapReduce<IdentityOperator, MaxOperator>(p, 0f, 101, SimdLevel.Scalar));
            Assert.Equal(sequential, ElementwiseLoop.MapReduce<IdentityOperator, AddOperator>(p, 0f, 101, SimdLevel.Scalar));
            Assert.Equal(squares, ElementwiseLoop.MapReduce<SquaredDifferenceOperator, AddOperator>(p, 0.25f, 101, SimdLevel.Scalar));
        }
    }

    private static void AssertActivation(float[] x, Action<Span<float>, SimdLevel> apply, SimdLevel level, string what)
    {
        float[] expected = [.. x, Guard], actual = [.. x, Guard];
        apply(expected.AsSpan(0, x.Length), SimdLevel.Scalar);
        apply(actual.AsSpan(0, x.Length), level);
        Assert.True(expected.AsSpan().SequenceEqual(actual), what);
        Assert.Equal(Guard, actual[x.Length]);
    }

    private delegate void ChannelOp(float* destination, float* x, float* w, SimdLevel level);

    private static void AssertSame(float[] start, float[] x, float[] w, ChannelOp op, SimdLevel level, string what)
    {
        int n = start.Length;
        float[] expected = [.. start, Guard], actual = [.. start, Guard];
        fixed (float* pe = expected, pa = actual, px = x, pw = w)
        {
            op(pe, px, pw, SimdLevel.Scalar);
            op(pa, px, pw, level);
        }

        Assert.True(expected.AsSpan().SequenceEqual(actual), $"{what} n={n} at {level} differs from scalar");
        Assert.Equal(Guard, actual[n]);
    }

    /// <summary>Seeded values in [-1, 1).</summary>
    private static float[] Values(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (random.NextSingle() * 2f) - 1f)];
    }
}
