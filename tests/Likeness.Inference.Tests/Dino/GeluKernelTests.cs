using Likeness.Imaging;
using Likeness.Inference.Kernels.Transformer;
using Likeness.Inference.Tests.Clip;

namespace Likeness.Inference.Tests.Dino;

/// <summary>The exact GELU: every vector path against the scalar reference, and the reference against a float64 erf series.</summary>
public sealed class GeluKernelTests
{
    public static TheoryData<int> Paths() => TransformerKernelTests.Paths();

    [Theory]
    [MemberData(nameof(Paths))]
    public void Vector_path_matches_scalar(int pathValue)
    {
        // Same formula in the same order, with our exp at every width: equal bit for bit.
        foreach (int n in Enumerable.Range(0, 131).Concat([1536]))
        {
            var random = new Random(n);
            float[] x = [.. Enumerable.Range(0, n).Select(_ => (random.NextSingle() * 16f) - 8f)];
            float[] expected = [.. x.Select(Gelu.Scalar)];
            Gelu.Apply(x, (SimdLevel)pathValue);
            Assert.Equal(expected, x);
        }
    }

    [Fact]
    public void Scalar_reference_is_the_erf_GELU()
    {
        // Abramowitz-Stegun's erf is within 1.5e-7; with float rounding, x·Φ(x) is within 2e-6 · max(1, |x|).
        for (double x = -9; x <= 9; x += 0.01)
        {
            double expected = 0.5 * x * (1 + Erf(x / Math.Sqrt(2)));
            float actual = Gelu.Scalar((float)x);
            Assert.True(Math.Abs(actual - expected) <= 2e-6 * Math.Max(1, Math.Abs(x)), $"gelu({x}) = {actual}, expected {expected}");
        }
    }

    /// <summary>erf by its Taylor series for |x| ≤ 4 (cancellation stays under 1e-9), by erfc's asymptotic series beyond.</summary>
    private static double Erf(double x)
    {
        double a = Math.Abs(x);
        if (a > 4)
        {
            double s = 1 - (1 / (2 * a * a)) + (3 / (4 * Math.Pow(a, 4))) - (15 / (8 * Math.Pow(a, 6))) + (105 / (16 * Math.Pow(a, 8)));
            return Math.Sign(x) * (1 - (Math.Exp(-a * a) / (a * Math.Sqrt(Math.PI)) * s));
        }

        double sum = 0, term = x;
        for (int n = 0; n < 200; n++)
        {
            sum += term / ((2 * n) + 1);
            term *= -x * x / (n + 1);
        }

        return 2 / Math.Sqrt(Math.PI) * sum;
    }
}
