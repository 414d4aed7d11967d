namespace Likeness.Inference.Dino;

/// <summary>
/// Resamples DINOv2's stored M×M grid of patch position embeddings to the input's patch grid as the original code
/// does: torch <c>F.interpolate(mode="bicubic", align_corners=False, antialias=False)</c> given the scale factor
/// <c>(grid + 0.1) / M</c> per axis (the "interpolate_offset" kludge) rather than the output size, so the source
/// coordinate is <c>(dst + 0.5) / scale - 0.5</c> with <c>1 / scale</c> rounded to float as torch does. Keys' cubic
/// convolution uses A = -0.75 and clamps indices at the border; the x pass runs first, then y, in float.
/// </summary>
internal static class DinoPositionInterpolation
{
    /// <summary>The original model's offset added to the grid size before dividing by the stored grid.</summary>
    public const double Offset = 0.1;

    private const float A = -0.75f;

    /// <summary>Interpolates <paramref name="stored"/> (M·M rows of <paramref name="dim"/>, row-major grid) to <paramref name="gridH"/> × <paramref name="gridW"/> rows.</summary>
    public static float[] Interpolate(ReadOnlySpan<float> stored, int m, int dim, int gridH, int gridW)
    {
        float[] result = new float[gridH * gridW * dim];
        float scaleY = (float)(1.0 / ((gridH + Offset) / m));
        float scaleX = (float)(1.0 / ((gridW + Offset) / m));
        Span<float> wy = stackalloc float[4];
        Span<float> wx = stackalloc float[4];
        Span<float> rows = stackalloc float[4];
        for (int oy = 0; oy < gridH; oy++)
        {
            int y = Source(scaleY, oy, m, wy);
            for (int ox = 0; ox < gridW; ox++)
            {
                int x = Source(scaleX, ox, m, wx);
                Span<float> output = result.AsSpan(((oy * gridW) + ox) * dim, dim);
                for (int d = 0; d < dim; d++)
                {
                    for (int j = 0; j < 4; j++)
                    {
                        int row = Math.Clamp(y - 1 + j, 0, m - 1) * m;
                        rows[j] = (At(stored, row, x - 1, m, dim, d) * wx[0]) + (At(stored, row, x, m, dim, d) * wx[1])
                            + (At(stored, row, x + 1, m, dim, d) * wx[2]) + (At(stored, row, x + 2, m, dim, d) * wx[3]);
                    }

                    output[d] = (rows[0] * wy[0]) + (rows[1] * wy[1]) + (rows[2] * wy[2]) + (rows[3] * wy[3]);
                }
            }
        }

        return result;
    }

    /// <summary>The first source index of output <paramref name="dst"/> and its four cubic weights (torch's <c>guard_index_and_lambda</c>).</summary>
    private static int Source(float scale, int dst, int size, Span<float> weights)
    {
        float real = (scale * (dst + 0.5f)) - 0.5f;
        int index = Math.Min((int)MathF.Floor(real), size - 1);
        float t = Math.Clamp(real - index, 0f, 1f);
        weights[0] = Far(t + 1f);
        weights[1] = Near(t);
        weights[2] = Near(1f - t);
        weights[3] = Far((1f - t) + 1f);
        return index;
    }

    private static float Near(float x) => ((((A + 2) * x) - (A + 3)) * x * x) + 1;

    private static float Far(float x) => ((((A * x) - (5 * A)) * x) + (8 * A)) * x - (4 * A);

    private static float At(ReadOnlySpan<float> stored, int row, int x, int m, int dim, int d) => stored[((row + Math.Clamp(x, 0, m - 1)) * dim) + d];
}
