namespace Likeness.Imaging.Codecs.WebP.Lossy;

/// <summary>
/// Intra-prediction modes in libwebp's numbering, which the 4x4 mode probabilities are indexed by. The 16x16 and
/// chroma modes reuse the first four (DC, TM, V, H); the three extra DC variants are for macroblocks on the edges.
/// </summary>
internal static class Vp8Mode
{
    public const int Dc = 0;
    public const int TrueMotion = 1;
    public const int Vertical = 2;
    public const int Horizontal = 3;
    public const int DownRight = 4;
    public const int VerticalRight = 5;
    public const int DownLeft = 6;
    public const int VerticalLeft = 7;
    public const int HorizontalDown = 8;
    public const int HorizontalUp = 9;

    /// <summary>DC of a macroblock with no row above it.</summary>
    public const int DcNoTop = 10;

    /// <summary>DC of a macroblock with no column to its left.</summary>
    public const int DcNoLeft = 11;

    /// <summary>DC of the top-left macroblock: 128.</summary>
    public const int DcNoTopLeft = 12;

    /// <summary>
    /// The 4x4 mode tree (RFC 6386 11.2): a positive entry is the next node pair, zero or a negative entry is a
    /// leaf holding −mode.
    /// </summary>
    public static ReadOnlySpan<sbyte> SubblockTree =>
    [
        -Dc, 1,
        -TrueMotion, 2,
        -Vertical, 3,
        4, 6,
        -Horizontal, 5,
        -DownRight, -VerticalRight,
        -DownLeft, 7,
        -VerticalLeft, 8,
        -HorizontalDown, -HorizontalUp,
    ];

    /// <summary>The DC variant a 16x16 or chroma DC prediction takes at (<paramref name="mbX"/>, <paramref name="mbY"/>).</summary>
    public static int ForPosition(int mode, int mbX, int mbY)
    {
        if (mode != Dc)
        {
            return mode;
        }

        return mbX == 0 ? (mbY == 0 ? DcNoTopLeft : DcNoLeft) : (mbY == 0 ? DcNoTop : Dc);
    }
}
