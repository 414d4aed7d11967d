namespace Likeness.Imaging.Codecs.Jpeg.Encoding;

/// <summary>
/// The ITU T.81 Annex K example quantization tables scaled for a quality of 1..100 exactly as IJG libjpeg's
/// <c>jpeg_set_quality(cinfo, quality, force_baseline: TRUE)</c> does.
/// </summary>
internal static class QuantizationTables
{
    /// <summary>Annex K.1 luminance table, natural (row-major) order.</summary>
    private static ReadOnlySpan<byte> Luminance =>
    [
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99,
    ];

    /// <summary>Annex K.2 chrominance table, natural order.</summary>
    private static ReadOnlySpan<byte> Chrominance =>
    [
        17, 18, 24, 47, 99, 99, 99, 99,
        18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
    ];

    /// <summary>libjpeg's <c>jpeg_quality_scaling</c>: quality to a percentage scale factor.</summary>
    public static int ScaleFactor(int quality)
    {
        quality = Math.Clamp(quality, 1, 100);
        return quality < 50 ? 5000 / quality : 200 - (quality * 2);
    }

    /// <summary>Writes the scaled luminance (<paramref name="chroma"/> false) or chrominance table, natural order.</summary>
    public static void Scaled(int quality, bool chroma, Span<ushort> destination)
    {
        ReadOnlySpan<byte> basic = chroma ? Chrominance : Luminance;
        int scale = ScaleFactor(quality);
        for (int i = 0; i < 64; i++)
        {
            // libjpeg's jpeg_add_quant_table with force_baseline: clamp to [1, 255].
            destination[i] = (ushort)Math.Clamp(((basic[i] * scale) + 50) / 100, 1, 255);
        }
    }
}
