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
        // CLIP B/32's 50 tokens go along n; DINOv2's 257 in four even row blocks, each cut along n too; both against
        // the scalar path and float64.
        var path = (SimdLevel)pathValue;
        Check(path, 50, 300, 100, transposed: true, pad: 0, accumulate: true, Activation.None, withBias: true, dop: 2);
        Check(path, 257, 200, 64, transposed: true, pad: 1, accumulate: false, Activation.Relu, withBias: true, dop: 2);
    }

    [Theory]
    [InlineData(50, 2304, 768, 2, 1, 5, 15)] // CLIP B/32 qkv, one image: 15 runs of 5 panels
    [InlineData(50, 768, 3072, 2, 1, 2, 12)] // CLIP B/32 fc2
    [InlineData(257, 1152, 384, 2, 4, 9, 4)] // DINOv2-S qkv: 4 row blocks x 4 panel runs
    [InlineData(257, 384, 1536, 2, 4, 3, 4)] // DINOv2-S fc2
    [InlineData(2056, 1152, 384, 2, 29, 36, 1)] // DINOv2-S batch 8: rows alone give enough tasks
    [InlineData(50, 2304, 768, 1, 1, 72, 1)] // one thread: one task
    [InlineData(1, 512, 768, 2, 1, 16, 1)] // CLIP's pooled projection: too small to hand over
    [InlineData(20, 1536, 512, 16, 1, 2, 24)] // CLIP text qkv on 16 threads: as many tasks as the work affords
    public void Few_row_blocks_are_cut_along_n_into_about_eight_tasks_per_thread(
        int m, int n, int k, int threads, int rowBlocks, int panelsPerTask, int panelGroups)
    {
        GemmSplit split = GemmDriver.Split(m, n, k, threads);
        Assert.Equal((rowBlocks, panelsPerTask, panelGroups), (split.RowBlocks, split.PanelsPerTask, split.PanelGroups));
        Assert.Equal(split.Tasks == 1 ? 1 : threads, split.Threads);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Products_cut_for_two_threads_equal_the_one_thread_product_bit_for_bit(int pathValue)
    {
        // Shapes whose cut differs from one thread's: along n only, rows and n, a last panel of 1, 17 or 31 columns,
        // the 2- and 4-row last micro-tiles, and more than one k slice.
        var path = (SimdLevel)pathValue;
        var rng = new Random(23);
        int[][] shapes = [[50, 993, 300], [257, 200, 64], [13, 1000, 97], [2, 5009, 129], [257, 1055, 300], [10, 8000, 40], [400, 241, 70]];
        foreach (int[] shape in shapes)
        {
            (int m, int n, int k) = (shape[0], shape[1], shape[2]);
            Assert.True(GemmDriver.Split(m, n, k, 2).Tasks > 1, $"{m}x{n}x{k} is cut");
            float[] a = Random(rng, m * k);
            float[] b = Random(rng, k * n);
            float[] bias = Random(rng, n);
            float[] initial = Random(rng, m * n);
            float[] one = (float[])initial.Clone();
            float[] two = (float[])initial.Clone();
            Gemm.MultiplyUnpacked(a, k, b, n, false, one, n, m, n, k, bias, Activation.Gelu, true, 1, path);
            Gemm.MultiplyUnpacked(a, k, b, n, false, two, n, m, n, k, bias, Activation.Gelu, true, 2, path);
            Assert.Equal(one, two);
        }
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
