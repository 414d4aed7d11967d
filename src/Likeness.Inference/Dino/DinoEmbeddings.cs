using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Likeness.Inference.Safetensors;
using Likeness.Inference.Transformers;

namespace Likeness.Inference.Dino;

/// <summary>
/// DINOv2's token layout (HF <c>Dinov2Embeddings</c>, original <c>prepare_tokens_with_masks</c>): patch embedding,
/// class token prepended, position embeddings added (interpolated to the input's grid unless it is the stored one),
/// then the register tokens inserted between the class token and the patches, without position embeddings.
/// </summary>
internal sealed class DinoEmbeddings
{
    private readonly DinoConfig _config;
    private readonly PatchEmbedding _patches;
    private readonly float[] _classToken, _positions, _registers;
    private readonly ConcurrentDictionary<(int H, int W), float[]> _interpolated = new();

    public DinoEmbeddings(SafetensorsFile file, DinoConfig config)
    {
        _config = config;
        int d = config.HiddenSize, m = config.StoredGridSize;
        _patches = new PatchEmbedding(
            file, "embeddings.patch_embeddings.projection.weight", "embeddings.patch_embeddings.projection.bias", d, config.NumChannels, config.PatchSize);
        _classToken = file.ReadSingles("embeddings.cls_token", 1, 1, d);
        _positions = file.ReadSingles("embeddings.position_embeddings", 1, (m * m) + 1, d);
        _registers = config.NumRegisterTokens > 0 ? file.ReadSingles("embeddings.register_tokens", 1, config.NumRegisterTokens, d) : [];
    }

    /// <summary>Tokens per image of <paramref name="height"/> × <paramref name="width"/>: class, registers, patches.</summary>
    public int TokenCount(int height, int width) => 1 + _config.NumRegisterTokens + ((height / _config.PatchSize) * (width / _config.PatchSize));

    /// <summary>
    /// The position rows added for a patch grid (row 0 the class token's, then the patches'): the stored table when the
    /// grid is the stored square one (as the original skips interpolation), else the interpolated table, cached per grid.
    /// </summary>
    public float[] PositionsFor(int gridH, int gridW)
    {
        int m = _config.StoredGridSize;
        if (gridH == m && gridW == m)
        {
            return _positions;
        }

        return _interpolated.GetOrAdd((gridH, gridW), key =>
        {
            int d = _config.HiddenSize;
            float[] patches = DinoPositionInterpolation.Interpolate(_positions.AsSpan(d), m, d, key.H, key.W);
            return [.. _positions.AsSpan(0, d), .. patches];
        });
    }

    /// <summary>Writes the token sequences of <paramref name="count"/> images into <paramref name="states"/> (count × tokens rows).</summary>
    public void Forward(ReadOnlySpan<float> pixels, int count, int height, int width, Span<float> states, int degreeOfParallelism)
    {
        int d = _config.HiddenSize, registers = _config.NumRegisterTokens, tokens = TokenCount(height, width);
        int patchRows = (tokens - 1 - registers) * d;
        float[] positions = PositionsFor(height / _config.PatchSize, width / _config.PatchSize);
        _patches.Forward(pixels, count, height, width, states, tokens, firstToken: 1 + registers, degreeOfParallelism);
        for (int image = 0; image < count; image++)
        {
            Span<float> sequence = states.Slice(image * tokens * d, tokens * d);
            TensorPrimitives.Add(_classToken, positions.AsSpan(0, d), sequence[..d]);
            _registers.CopyTo(sequence.Slice(d, registers * d));
            Span<float> patches = sequence.Slice((1 + registers) * d, patchRows);
            TensorPrimitives.Add(patches, positions.AsSpan(d, patchRows), patches);
        }
    }
}
