namespace Likeness.Imaging.Transforms;

/// <summary>
/// A flip or quarter turn as where each output pixel comes from: output (x, y) reads source (sx, sy), where
/// (sx, sy) = <see cref="Transpose"/> ? (y, x) : (x, y), then mirrored per axis of the source.
/// </summary>
internal readonly record struct PixelMap(bool Transpose, bool FlipX, bool FlipY)
{
    /// <summary>The output's size for a source of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public (int Width, int Height) OutputSize(int width, int height) => Transpose ? (height, width) : (width, height);
}
