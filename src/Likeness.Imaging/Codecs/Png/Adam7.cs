namespace Likeness.Imaging.Codecs.Png;

/// <summary>The seven Adam7 interlacing passes: where each starts and how far apart its pixels are.</summary>
internal static class Adam7
{
    public const int Passes = 7;

    private static ReadOnlySpan<byte> StartX => [0, 4, 0, 2, 0, 1, 0];

    private static ReadOnlySpan<byte> StartY => [0, 0, 4, 0, 2, 0, 1];

    private static ReadOnlySpan<byte> StepX => [8, 8, 4, 4, 2, 2, 1];

    private static ReadOnlySpan<byte> StepY => [8, 8, 8, 4, 4, 2, 2];

    /// <summary>The geometry of pass <paramref name="pass"/> (0 to 6) of a width × height image; a size may be 0.</summary>
    public static (int X, int Y, int StepX, int StepY, int Width, int Height) Pass(int pass, int width, int height) =>
        (StartX[pass], StartY[pass], StepX[pass], StepY[pass],
         Count(width, StartX[pass], StepX[pass]), Count(height, StartY[pass], StepY[pass]));

    private static int Count(int size, int start, int step) => size > start ? ((size - start - 1) / step) + 1 : 0;
}
