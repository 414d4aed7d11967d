namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// The weights libjpeg-turbo 2.1's block smoothing gives the 5x5 window of DC values around a block (row-major,
/// the block itself in the middle) to estimate each of the AC coefficients at zig-zag positions 1 to 9. Each
/// estimate is the weighted sum times the DC quantiser, over 256 times the coefficient's quantiser.
/// </summary>
internal static class SmoothingKernels
{
    /// <summary>Window cells: 5 rows of 5.</summary>
    public const int Cells = 25;

    /// <summary>
    /// For components that have received some AC data: an extension of ITU T.81 K.8's 3x3 estimate to 5x5. Only
    /// the first five AC coefficients are estimated; the rows for 6 to 9 are zero.
    /// </summary>
    public static ReadOnlySpan<sbyte> WithAc =>
    [
        // 1: AC01
        0, 0, 0, 0, 0,
        0, 0, 0, 0, 0,
        -7, 50, 0, -50, 7,
        0, 0, 0, 0, 0,
        0, 0, 0, 0, 0,

        // 2: AC10
        0, 0, -7, 0, 0,
        0, 0, 50, 0, 0,
        0, 0, 0, 0, 0,
        0, 0, -50, 0, 0,
        0, 0, 7, 0, 0,

        // 3: AC20
        0, 0, -1, 0, 0,
        0, 0, 13, 0, 0,
        0, 0, -24, 0, 0,
        0, 0, 13, 0, 0,
        0, 0, -1, 0, 0,

        // 4: AC11
        0, -1, 0, 1, 0,
        -1, 10, 0, -10, 1,
        0, 0, 0, 0, 0,
        1, -10, 0, 10, -1,
        0, 1, 0, -1, 0,

        // 5: AC02
        0, 0, 0, 0, 0,
        0, 0, 0, 0, 0,
        -1, 13, -24, 13, -1,
        0, 0, 0, 0, 0,
        0, 0, 0, 0, 0,

        // 6 to 9: not estimated
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    /// <summary>
    /// For components with DC values only, the block's own DC is replaced by this weighted average of the window
    /// (weights sum to <see cref="DcScale"/>), rounded half away from zero.
    /// </summary>
    public static ReadOnlySpan<sbyte> DcAverage =>
    [
        -1, -3, -4, -3, -1,
        -3, 3, 21, 3, -3,
        -4, 21, 76, 21, -4,
        -3, 3, 21, 3, -3,
        -1, -3, -4, -3, -1,
    ];

    /// <summary>The sum of <see cref="DcAverage"/>'s weights.</summary>
    public const int DcScale = 128;

    /// <summary>
    /// For components with DC values only (no AC band has started): a smoother, Gaussian-like interpolation
    /// that estimates all nine coefficients.
    /// </summary>
    public static ReadOnlySpan<sbyte> DcOnly =>
    [
        // 1: AC01
        -1, -1, 0, 1, 1,
        -3, 13, 0, -13, 3,
        -3, 38, 0, -38, 3,
        -3, 13, 0, -13, 3,
        -1, -1, 0, 1, 1,

        // 2: AC10
        -1, -3, -3, -3, -1,
        -1, 13, 38, 13, -1,
        0, 0, 0, 0, 0,
        1, -13, -38, -13, 1,
        1, 3, 3, 3, 1,

        // 3: AC20
        0, 0, 1, 0, 0,
        0, 2, 7, 2, 0,
        0, -5, -14, -5, 0,
        0, 2, 7, 2, 0,
        0, 0, 1, 0, 0,

        // 4: AC11
        -1, 0, 0, 0, 1,
        0, 9, 0, -9, 0,
        0, 0, 0, 0, 0,
        0, -9, 0, 9, 0,
        1, 0, 0, 0, -1,

        // 5: AC02
        0, 0, 0, 0, 0,
        0, 2, -5, 2, 0,
        1, 7, -14, 7, 1,
        0, 2, -5, 2, 0,
        0, 0, 0, 0, 0,

        // 6: AC03
        0, 0, 0, 0, 0,
        0, 1, 0, -1, 0,
        0, 2, 0, -2, 0,
        0, 1, 0, -1, 0,
        0, 0, 0, 0, 0,

        // 7: AC12
        0, 0, 0, 0, 0,
        0, 1, -3, 1, 0,
        0, 0, 0, 0, 0,
        0, -1, 3, -1, 0,
        0, 0, 0, 0, 0,

        // 8: AC21
        0, 0, 0, 0, 0,
        0, 1, 0, -1, 0,
        0, -3, 0, 3, 0,
        0, 1, 0, -1, 0,
        0, 0, 0, 0, 0,

        // 9: AC30
        0, 0, 0, 0, 0,
        0, 1, 2, 1, 0,
        0, 0, 0, 0, 0,
        0, -1, -2, -1, 0,
        0, 0, 0, 0, 0,
    ];
}
