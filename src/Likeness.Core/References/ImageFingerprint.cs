using Likeness.Imaging;
using Likeness.Imaging.Color;
using Likeness.Imaging.Resampling;
using Likeness.Imaging.Rows;

namespace Likeness.Core.References;

/// <summary>
/// A 64-bit difference hash (dHash): the image shrunk to 9x8 grey, one bit per horizontal neighbour pair
/// saying which is brighter. Re-encodes, resizes and small edits keep it within a few bits; different photos
/// differ in about half of them.
/// </summary>
public static class ImageFingerprint
{
    /// <summary>Hamming distance at or below which two photos count as near-duplicates.</summary>
    public const int NearDuplicateBits = 6;

    /// <summary>The hash of <paramref name="image"/>.</summary>
    public static ulong Compute(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using Image small = Resampler.Resize(image, 9, 8, ResampleFilter.Box);
        return Hash(small);
    }

    /// <summary>
    /// The shrink <see cref="Compute(Image)"/> hashes, taken from rows as they stream past (<see cref="RowResampler"/>:
    /// the same bytes); <see cref="Hash"/> it once every row has arrived.
    /// </summary>
    internal static RowResampler Shrinker(ImageRows rows) => new(rows.Width, rows.Height, rows.Format, 9, 8, ResampleFilter.Box);

    /// <summary>The hash of the 9x8 shrink.</summary>
    internal static ulong Hash(Image small)
    {
        ulong hash = 0;
        int bpp = small.BytesPerPixel;
        for (int y = 0; y < 8; y++)
        {
            ReadOnlySpan<byte> row = small.GetRow(y);
            for (int x = 0; x < 8; x++)
            {
                if (Luma(row, x * bpp) < Luma(row, (x + 1) * bpp))
                {
                    hash |= 1UL << ((y * 8) + x);
                }
            }
        }

        return hash;
    }

    /// <summary>Bits that differ.</summary>
    public static int Distance(ulong a, ulong b) => System.Numerics.BitOperations.PopCount(a ^ b);

    private static byte Luma(ReadOnlySpan<byte> row, int offset) => Grayscale.Luma(row[offset], row[offset + 1], row[offset + 2]);
}
