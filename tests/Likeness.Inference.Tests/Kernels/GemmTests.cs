using Likeness.Imaging;
using Likeness.Inference.Kernels;
using Likeness.Inference.Kernels.Transformer;

namespace Likeness.Inference.Tests.Kernels;

public class GemmTests
{
    private static readonly int[] Ms = [1, 5, 6, 7, 13, 70];
    private static readonly int[] Ns = [1, 7, 8, 16, 17, 31, 32, 33, 70];
    private static readonly int[] Ks = [1, 3, 16, 70];

    public static TheoryData<int> Paths()
    {
        var data = new TheoryData<int>();
        foreach (SimdLevel path in Enum.GetValues<SimdLevel>())
        {
            if (SimdLevels.IsSupported(path))
            {
                data.Add((int)path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Awkward_sizes_match_double_reference_and_scalar_path_exactly(int pathValue)
    {
        var path = (SimdLevel)pathValue;
        foreach (int m in Ms)
        {
            foreach (int n in Ns)
            {
                foreach (int k in Ks)
                {
                    Check(path, m, n, k, transposed: (m + n + k) % 2 == 0, pad: 3, accumulate: false, Activation.None, withBias: false, dop: 1);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Large_multi_block_products_with_epilogue_and_threads_match(int pathValue)
    {
        var path = (SimdLevel)pathValue;
        Check(path, 300, 257, 600, transposed: false, pad: 0, accumulate: false, Activation.Relu, withBias: true, dop: 2);
        Check(path, 149, 96, 513, transposed: true, pad: 5, accumulate: true, Activation.LeakyRelu, withBias: true, dop: 0);
        Check(path, 1, 128, 256, transposed: false, pad: 0, accumulate: false, Activation.None, withBias: false, dop: 2);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Fused_gelu_epilogues_equal_the_separate_pass_bit_for_bit(int pathValue)
    {
        var path = (SimdLevel)pathValue;
        var rng = new Random(11);
        const int k = 300; // two k slices: the activation belongs to the last one only
        foreach (int m in new[] { 1, 7, 70 })
        {
            foreach (int n in Ns)
            {
                float[] a = Random(rng, m * k);
                float[] b = Random(rng, k * n);
                float[] bias = Random(rng, n);
                foreach (Activation activation in new[] { Activation.Gelu, Activation.QuickGelu })
                {
                    float[] fused = new float[m * n];
                    float[] separate = new float[m * n];
                    Gemm.MultiplyUnpacked(a, k, b, n, false, fused, n, m, n, k, bias, activation, false, 2, path);
                    Gemm.MultiplyUnpacked(a, k, b, n, false, separate, n, m, n, k, bias, Activation.None, false, 1, path);
                    for (int i = 0; i < m; i++)
                    {
                        // Row by row, as the epilogue's vector ladder starts at each row's first column.
                        Span<float> row = separate.AsSpan(i * n, n);
                        if (activation == Activation.Gelu)
                        {
                            Gelu.Apply(row, path);
                        }
                        else
                        {
                            QuickGelu.Apply(row, path);
                        }
                    }

                    Assert.Equal(separate, fused);
                }
            }
        }
    }

    [Theory]
    [InlineData(50, 2, 54, 1)]
    [InlineData(257, 1, 66, 4)]
    [InlineData(257, 2, 66, 4)]
    [InlineData(150, 2, 42, 4)]
    [InlineData(216, 2, 54, 4)]
    [InlineData(400, 2, 72, 6)]
    [InlineData(2056, 2, 72, 29)]
    public void Row_blocks_are_even_and_a_multiple_of_the_threads_when_few(int m, int threads, int rows, int count)
    {
        Assert.Equal((rows, count), GemmDriver.RowBlocks(m, threads));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void One_image_of_tokens_split_over_two_threads_matches_the_reference(int pathValue)
    {
        // CLIP B/32's 50 tokens go along n; DINOv2's 257 in four even row blocks; both against the scalar path and float64.
        var path = (SimdLevel)pathValue;
        Check(path, 50, 96, 64, transposed: true, pad: 0, accumulate: true, Activation.None, withBias: true, dop: 2);
        Check(path, 257, 40, 64, transposed: true, pad: 1, accumulate: false, Activation.Relu, withBias: true, dop: 2);
    }

    [Fact]
    public void Packed_overload_equals_unpacked_overload()
    {
        var rng = new Random(7);
        float[] a = Random(rng, 40 * 50);
        float[] b = Random(rng, 50 * 45);
        float[] bias = Random(rng, 45);
        PackedMatrix packed = Gemm.Pack(b, 50, 45);
        float[] c1 = new float[40 * 45];
        float[] c2 = new float[40 * 45];
        Gemm.Multiply(a, 50, packed, c1, 45, 40, bias, Activation.Relu);
        Gemm.Multiply(a, 50, b, 45, false, c2, 45, 40, 45, 50, bias, Activation.Relu);
        Assert.Equal(c1, c2);
    }

    [Fact]
    public void Zero_depth_writes_only_the_epilogue()
    {
        float[] c = [5f, 5f, 5f, 5f];
        Gemm.Multiply([], 0, [], 2, false, c, 2, 2, 2, 0, bias: [1f, -1f], Activation.Relu);
        Assert.Equal([1f, 0f, 1f, 0f], c);
    }

    private static void Check(SimdLevel path, int m, int n, int k, bool transposed, int pad, bool accumulate, Activation activation, bool withBias, int dop)
    {
        var rng = new Random((m * 7919) + (n * 31) + k);
        int lda = k + pad, ldc = n + pad, ldb = (transposed ? k : n) + pad;
        float[] a = Random(rng, (m * lda) + 1);
        float[] b = Random(rng, ((transposed ? n : k) * ldb) + 1);
        float[] bias = withBias ? Random(rng, n) : [];
        float[] initial = Random(rng, m * ldc);
        float[] c = (float[])initial.Clone();
        float[] scalar = (float[])initial.Clone();

        Gemm.MultiplyUnpacked(a, lda, b, ldb, transposed, c, ldc, m, n, k, bias, activation, accumulate, dop, path);
        Gemm.MultiplyUnpacked(a, lda, b, ldb, transposed, scalar, ldc, m, n, k, bias, activation, accumulate, 1, SimdLevel.Scalar);

        // Every path accumulates each output in the same k order with FMA, so they agree exactly.
        Assert.Equal(scalar, c);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    double term = (double)a[(i * lda) + p] * b[transposed ? (j * ldb) + p : (p * ldb) + j];
                    sum += term;
                    magnitude += Math.Abs(term);
                }

                if (accumulate)
                {
                    sum += initial[(i * ldc) + j];
                    magnitude += Math.Abs(initial[(i * ldc) + j]);
                }

                if (withBias)
                {
                    sum += bias[j];
                    magnitude += Math.Abs(bias[j]);
                }

                double expected = activation switch
                {
                    Activation.Relu => Math.Max(sum, 0),
                    Activation.LeakyRelu => sum > 0 ? sum : 0.1 * sum,
                    _ => sum,
                };

                // Float32 summation bound: (k + 3) unit roundoffs of the sum of magnitudes.
                double tolerance = ((k + 3) * 6e-8 * magnitude) + 1e-7;
                Assert.True(
                    Math.Abs(c[(i * ldc) + j] - expected) <= tolerance,
                    $"{path} m={m} n={n} k={k} at ({i},{j}): {c[(i * ldc) + j]} vs {expected} (tol {tolerance})");
            }

            // Padding columns between rows must be untouched.
            for (int j = n; j < ldc && i < m - 1; j++)
            {
                Assert.Equal(initial[(i * ldc) + j], c[(i * ldc) + j]);
            }
        }
    }

    private static float[] Random(Random rng, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        return values;
    }
}
