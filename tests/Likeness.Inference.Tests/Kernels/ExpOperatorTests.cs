using Likeness.Imaging;
using Likeness.Inference.Kernels.Operators;
using Likeness.Inference.Tests.Clip;

namespace Likeness.Inference.Tests.Kernels;

/// <summary>
/// Our float32 exp (<see cref="ExpOperator"/>): every width equals the scalar steps bit for bit, the scalar one is
/// within 2 ulp of float64 <see cref="Math.Exp"/> rounded to float over the whole normal range, and the edges give 0
/// below the smallest normal result and saturate instead of overflowing.
/// </summary>
public sealed unsafe class ExpOperatorTests
{
    public static TheoryData<int> Paths() => TransformerKernelTests.Paths();

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_width_equals_the_scalar_steps_bit_for_bit(int pathValue)
    {
        var level = (SimdLevel)pathValue;
        var random = new Random(3);
        float[] edges = [0f, -0f, 1f, -1f, 0.5f, -0.3465736f, 0.3465736f, ExpOperator.Lowest, ExpOperator.Lowest - 0.001f, -87.3f, -100f, -1e30f, float.NegativeInfinity, 87.9f, 88f, 95f, 1e30f];
        foreach (int n in Enumerable.Range(0, 131).Concat([1000, 4099]))
        {
            float[] x = [.. Enumerable.Range(0, n).Select(i => i < edges.Length ? edges[i] : (random.NextSingle() * 180f) - 90f)];
            float[] actual = new float[n + 1];
            actual[n] = -12345f;
            fixed (float* px = x, pa = actual)
            {
                ElementwiseLoop.Unary<ExpOperator>(px, pa, n, level);
            }

            for (int i = 0; i < n; i++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(ExpOperator.Invoke(x[i])) == BitConverter.SingleToInt32Bits(actual[i]), $"exp({x[i]}) at {level}: {actual[i]} vs {ExpOperator.Invoke(x[i])}");
            }

            Assert.Equal(-12345f, actual[n]);
        }
    }

    [Fact]
    public void Scalar_is_within_2_ulp_of_the_correctly_rounded_exp()
    {
        // Every 97th float from the lowest argument to the highest: about 23 million values. Measured maximum: 1 ulp.
        int worst = 0;
        float worstAt = 0;
        int from = BitConverter.SingleToInt32Bits(ExpOperator.Lowest), to = BitConverter.SingleToInt32Bits(ExpOperator.Highest);
        for (long bits = from; ; bits = NextBits(bits))
        {
            float x = BitConverter.Int32BitsToSingle((int)bits);
            int ulp = Math.Abs(BitConverter.SingleToInt32Bits(ExpOperator.Invoke(x)) - BitConverter.SingleToInt32Bits((float)Math.Exp(x)));
            if (ulp > worst)
            {
                (worst, worstAt) = (ulp, x);
            }

            if (bits == to)
            {
                break;
            }
        }

        Assert.True(worst <= 2, $"{worst} ulp at {worstAt}");

        // Negative floats' bit patterns count down towards -0 and then up through the positives.
        long NextBits(long bits)
        {
            long step = 97;
            if (bits < 0)
            {
                long magnitude = bits & int.MaxValue;
                return magnitude > step ? bits - step : 0;
            }

            return Math.Min(bits + step, to);
        }
    }

    [Fact]
    public void Below_the_lowest_argument_is_zero_and_above_the_highest_saturates()
    {
        Assert.Equal(0f, ExpOperator.Invoke(ExpOperator.Lowest - 0.001f));
        Assert.Equal(0f, ExpOperator.Invoke(float.NegativeInfinity));
        Assert.True(ExpOperator.Invoke(ExpOperator.Lowest) > 0f);
        Assert.Equal(ExpOperator.Invoke(ExpOperator.Highest), ExpOperator.Invoke(1e30f));
        Assert.True(float.IsFinite(ExpOperator.Invoke(float.PositiveInfinity)));
        Assert.Equal(1f, ExpOperator.Invoke(0f));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_NaN_argument_gives_NaN_at_every_width(int pathValue)
    {
        // A poisoned activation must stay visible downstream, not turn into a plausible number.
        var level = (SimdLevel)pathValue;
        foreach (int n in new[] { 1, 7, 16, 33, 70 })
        {
            float[] x = [.. Enumerable.Range(0, n).Select(i => i % 3 == 0 ? float.NaN : i * 0.25f)];
            float[] actual = new float[n];
            fixed (float* px = x, pa = actual)
            {
                ElementwiseLoop.Unary<ExpOperator>(px, pa, n, level);
            }

            for (int i = 0; i < n; i++)
            {
                Assert.True(float.IsNaN(x[i]) == float.IsNaN(actual[i]), $"exp({x[i]}) at {level} of {n}: {actual[i]}");
            }
        }

        Assert.True(float.IsNaN(ExpOperator.Invoke(float.NaN)));
    }
}
