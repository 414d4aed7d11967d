using Likeness.Imaging;
using Likeness.Inference.Kernels.Transformer;

namespace Likeness.Inference.Tests.Clip;

/// <summary>
/// Layer norm, softmax, QuickGELU and attention: every vector path against the scalar reference for lengths
/// 0..130 and two model widths, and the scalar reference against float64 math. Tolerances are stated per test.
/// </summary>
public sealed class TransformerKernelTests
{
    public static TheoryData<int> Paths()
    {
        var data = new TheoryData<int>();
        foreach (SimdLevel path in Enum.GetValues<SimdLevel>())
        {
            if (path != SimdLevel.Scalar && SimdLevels.IsSupported(path))
            {
                data.Add((int)path);
            }
        }

        return data;
    }

    private static IEnumerable<int> Lengths => Enumerable.Range(0, 131).Concat([768, 3072]);

    [Theory]
    [MemberData(nameof(Paths))]
    public void Layer_norm_vector_path_matches_scalar(int pathValue)
    {
        // 2e-6 relative to the output's magnitude: only the summation order differs.
        foreach (int n in Lengths.Where(n => n > 0))
        {
            float[] x = Random(2 * n, n, scale: 3f, offset: 1.5f);
            float[] gamma = Random(n, n + 1, 1f, 1f), beta = Random(n, n + 2, 0.5f, 0f);
            float[] expected = new float[2 * n], actual = new float[2 * n];
            LayerNorm.Apply(x, expected, gamma, beta, 2, 1e-5f, SimdLevel.Scalar);
            LayerNorm.Apply(x, actual, gamma, beta, 2, 1e-5f, (SimdLevel)pathValue);
            AssertRelative(expected, actual, 2e-6f, $"layer norm n={n}");
        }
    }

    [Fact]
    public void Layer_norm_scalar_matches_float64()
    {
        const int n = 77;
        float[] x = Random(n, 5, 2f, 0.7f), gamma = Random(n, 6, 1f, 1f), beta = Random(n, 7, 0.5f, 0f);
        float[] y = new float[n];
        LayerNorm.Apply(x, y, gamma, beta, 1, 1e-5f, SimdLevel.Scalar);

        double mean = x.Average(v => (double)v);
        double variance = x.Average(v => (v - mean) * (v - mean));
        for (int i = 0; i < n; i++)
        {
            double expected = ((x[i] - mean) / Math.Sqrt(variance + 1e-5) * gamma[i]) + beta[i];
            Assert.True(Math.Abs(expected - y[i]) <= 1e-5, $"[{i}] {y[i]} vs {expected}"); // 1e-5 absolute
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Quick_GELU_vector_path_matches_scalar(int pathValue)
    {
        // The same steps at every width, our exp included: equal bit for bit.
        foreach (int n in Lengths)
        {
            float[] expected = Random(n, n, scale: 12f, offset: 0f);
            float[] actual = (float[])expected.Clone();
            QuickGelu.Apply(expected, SimdLevel.Scalar);
            QuickGelu.Apply(actual, (SimdLevel)pathValue);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Quick_GELU_scalar_matches_float64_and_saturates()
    {
        float[] x = [-100f, -5f, -1f, -0.1f, 0f, 0.1f, 1f, 5f, 100f];
        float[] y = (float[])x.Clone();
        QuickGelu.Apply(y, SimdLevel.Scalar);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = x[i] / (1 + Math.Exp(-1.702 * x[i]));
            Assert.True(Math.Abs(expected - y[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"{x[i]}: {y[i]} vs {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Softmax_vector_path_matches_scalar(int pathValue)
    {
        // 1e-6 relative: exp and summation order differ.
        foreach (int n in Lengths)
        {
            float[] expected = Random(n, n + 3, scale: 20f, offset: 5f);
            float[] actual = (float[])expected.Clone();
            Softmax.Apply(expected, SimdLevel.Scalar);
            Softmax.Apply(actual, (SimdLevel)pathValue);
            AssertRelative(expected, actual, 1e-6f, $"softmax n={n}");
        }
    }

    [Fact]
    public void Softmax_scalar_matches_float64()
    {
        float[] x = Random(50, 11, 30f, 0f);
        float[] y = (float[])x.Clone();
        Softmax.Apply(y, SimdLevel.Scalar);
        double max = x.Max();
        double sum = x.Sum(v => Math.Exp(v - max));
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Math.Exp(x[i] - max) / sum;
            Assert.True(Math.Abs(expected - y[i]) <= 1e-6 * Math.Max(expected, 1e-3), $"[{i}] {y[i]} vs {expected}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Attention_matches_float64_reference(bool causal)
    {
        const int sequences = 2, tokens = 7, width = 12, heads = 3;
        float[] qkv = Random(sequences * tokens * 3 * width, 21, 1.5f, 0f);
        float[] output = new float[sequences * tokens * width];
        Attention.SelfAttention(qkv, output, sequences, tokens, width, heads, causal);

        double[] expected = ReferenceAttention(qkv, sequences, tokens, width, heads, causal);
        for (int i = 0; i < output.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - output[i]) <= 1e-5, $"[{i}] {output[i]} vs {expected[i]}"); // 1e-5 absolute
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Attention_cut_into_query_chunks_equals_whole_heads_bit_for_bit(bool causal)
    {
        // One sequence of 37 tokens and 3 heads on two threads: each head's queries in chunks of 18, 18 and 1 rows.
        const int sequences = 1, tokens = 37, width = 48, heads = 3;
        float[] qkv = Random(sequences * tokens * 3 * width, 5, 1.5f, 0f);
        float[] whole = new float[sequences * tokens * width];
        float[] chunked = new float[whole.Length];
        Attention.SelfAttention(qkv, whole, sequences, tokens, width, heads, causal, degreeOfParallelism: 1);
        Attention.SelfAttention(qkv, chunked, sequences, tokens, width, heads, causal, degreeOfParallelism: 2);
        Assert.Equal(whole, chunked);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(7, 2)]
    [InlineData(37, 2)]
    public void Attention_for_the_first_query_rows_equals_those_rows_of_the_full_pass_and_leaves_the_others(int rows, int threads)
    {
        // Three sequences of 37 tokens, 3 heads: only each sequence's first rows are queries.
        const int sequences = 3, tokens = 37, width = 48, heads = 3, untouched = -7;
        float[] qkv = Random(sequences * tokens * 3 * width, 9, 1.5f, 0f);
        float[] full = new float[sequences * tokens * width];
        Attention.SelfAttention(qkv, full, sequences, tokens, width, heads, causal: false, degreeOfParallelism: 1);
        float[] some = [.. Enumerable.Repeat((float)untouched, full.Length)];
        Attention.SelfAttention(qkv, some, sequences, tokens, rows, width, heads, causal: false, degreeOfParallelism: threads);
        for (int s = 0; s < sequences; s++)
        {
            Assert.Equal(full.AsSpan(s * tokens * width, rows * width).ToArray(), some.AsSpan(s * tokens * width, rows * width).ToArray());
            Assert.All(some.AsSpan(((s * tokens) + rows) * width, (tokens - rows) * width).ToArray(), v => Assert.Equal(untouched, v));
        }
    }

    [Theory]
    [InlineData(3, 37, 2, 18)]
    [InlineData(6, 257, 2, 132)] // DINOv2-S, one image: two chunks per head
    [InlineData(12, 50, 2, 50)] // CLIP B/32, one image: the heads alone give enough tasks
    [InlineData(6, 257, 1, 257)]
    [InlineData(1, 5, 4, 5)] // fewer rows than one micro-tile
    public void Query_chunks_are_whole_micro_tiles_when_heads_are_few(int pairs, int tokens, int threads, int rows)
    {
        Assert.Equal(rows, Attention.ChunkRows(pairs, tokens, threads));
    }

    private static double[] ReferenceAttention(float[] qkv, int sequences, int tokens, int width, int heads, bool causal)
    {
        int hd = width / heads, stride = 3 * width;
        double[] result = new double[sequences * tokens * width];
        for (int s = 0; s < sequences; s++)
        {
            for (int h = 0; h < heads; h++)
            {
                for (int i = 0; i < tokens; i++)
                {
                    int visible = causal ? i + 1 : tokens;
                    double[] weights = new double[visible];
                    for (int j = 0; j < visible; j++)
                    {
                        double dot = 0;
                        for (int c = 0; c < hd; c++)
                        {
                            dot += (double)qkv[((s * tokens) + i) * stride + (h * hd) + c] * qkv[((s * tokens) + j) * stride + width + (h * hd) + c];
                        }

                        weights[j] = dot / Math.Sqrt(hd);
                    }

                    double max = weights.Max();
                    double sum = weights.Sum(w => Math.Exp(w - max));
                    for (int c = 0; c < hd; c++)
                    {
                        double acc = 0;
                        for (int j = 0; j < visible; j++)
                        {
                            acc += Math.Exp(weights[j] - max) / sum * qkv[((s * tokens) + j) * stride + (2 * width) + (h * hd) + c];
                        }

                        result[((s * tokens) + i) * width + (h * hd) + c] = acc;
                    }
                }
            }
        }

        return result;
    }

    private static float[] Random(int n, int seed, float scale, float offset)
    {
        var random = new Random(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = offset + (scale * ((random.NextSingle() * 2f) - 1f));
        }

        return values;
    }

    private static void AssertRelative(float[] expected, float[] actual, float relative, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            float tolerance = (relative * MathF.Max(1f, MathF.Abs(expected[i]))) + 1e-9f;
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= tolerance, $"{what} [{i}]: {actual[i]} vs {expected[i]}");
        }
    }
}
