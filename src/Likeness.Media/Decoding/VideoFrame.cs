using Likeness.Imaging;

namespace Likeness.Media.Decoding;

/// <summary>One decoded frame, upright (the display matrix applied), with its time in the clip. Dispose it to return its pixels.</summary>
public sealed class VideoFrame(int index, TimeSpan time, Image image) : IDisposable
{
    /// <summary>Position among the sampled frames, from 0.</summary>
    public int Index { get; } = index;

    /// <summary>Presentation time in the clip.</summary>
    public TimeSpan Time { get; } = time;

    /// <summary>The picture, RGB.</summary>
    public Image Image { get; } = image;

    /// <inheritdoc />
    public void Dispose() => Image.Dispose();
}
