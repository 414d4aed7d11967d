using System.Buffers;
using Likeness.Inference.Kernels;
using Likeness.Inference.Safetensors;

namespace Likeness.Inference.Transformers;

/// <summary>
/// A ViT's patch embedding, the stride-P P×P convolution <c>[hidden, channels, P, P]</c> (plus an optional bias),
/// done as one GEMM over the patches of every image in the batch laid out as rows (channel, ky, kx).
/// </summary>
internal sealed class PatchEmbedding
{
    private readonly PackedMatrix _weight;
    private readonly float[]? _bias;

    /// <param name="file">The weights.</param>
    /// <param name="weightName">The conv weight, <c>[hidden, channels, patch, patch]</c>.</param>
    /// <param name="biasName">The conv bias, or null when the conv has none (CLIP).</param>
    /// <param name="hidden">Output channels.</param>
    /// <param name="channels">Input channels.</param>
    /// <param name="patch">Kernel size and stride.</param>
    public PatchEmbedding(SafetensorsFile file, string weightName, string? biasName, int hidden, int channels, int patch)
    {
        Hidden = hidden;
        Channels = channels;
        Patch = patch;
        _weight = Gemm.Pack(file.ReadSingles(weightName, hidden, channels, patch, patch), channels * patch * patch, hidden, transposed: true);
        _bias = biasName is null ? null : file.ReadSingles(biasName, hidden);
    }

    public int Hidden { get; }

    public int Channels { get; }

    public int Patch { get; }

    /// <summary>
    /// Embeds the patches of <paramref name="count"/> CHW images of <paramref name="height"/> × <paramref name="width"/>
    /// (multiples of the patch size) into rows <paramref name="firstToken"/>.. of each image's sequence of
    /// <paramref name="tokens"/> rows in <paramref name="states"/>.
    /// </summary>
    public void Forward(
        ReadOnlySpan<float> pixels, int count, int height, int width, Span<float> states, int tokens, int firstToken, int degreeOfParallelism)
    {
        int gridH = height / Patch, gridW = width / Patch, patches = gridH * gridW, length = Channels * Patch * Patch;
        int pixelCount = Channels * height * width, total = count * patches;
        float[] rows = ArrayPool<float>.Shared.Rent(total * length);
        float[] embedded = ArrayPool<float>.Shared.Rent(total * Hidden);
        try
        {
            for (int image = 0; image < count; image++)
            {
                Extract(pixels.Slice(image * pixelCount, pixelCount), height, width, rows.AsSpan(image * patches * length, patches * length));
            }

            Gemm.Multiply(rows, length, _weight, embedded, Hidden, total, _bias, degreeOfParallelism: degreeOfParallelism);
            for (int image = 0; image < count; image++)
            {
                embedded.AsSpan(image * patches * Hidden, patches * Hidden).CopyTo(states.Slice(((image * tokens) + firstToken) * Hidden));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rows);
            ArrayPool<float>.Shared.Return(embedded);
        }
    }

    /// <summary>Lays out each patch as one row (channel, ky, kx), patches in row-major grid order, as the conv weight expects.</summary>
    private void Extract(ReadOnlySpan<float> image, int height, int width, Span<float> rows)
    {
        int p = Patch, offset = 0;
        for (int gy = 0; gy < height / p; gy++)
        {
            for (int gx = 0; gx < width / p; gx++)
            {
                for (int c = 0; c < Channels; c++)
                {
                    for (int ky = 0; ky < p; ky++)
                    {
                        image.Slice((c * height * width) + (((gy * p) + ky) * width) + (gx * p), p).CopyTo(rows.Slice(offset, p));
                        offset += p;
                    }
                }
            }
        }
    }
}
