namespace Likeness.Imaging.Rows;

/// <summary>Takes an image's rows as they are decoded, top to bottom, one at a time (see <see cref="ImageRows.Stream"/>).</summary>
public interface IImageRowSink
{
    /// <summary>
    /// Row <paramref name="y"/>'s pixels (RGB or RGBA as the source's format, tightly packed); rows arrive in order,
    /// each once, and the span is only valid during the call.
    /// </summary>
    void Accept(int y, ReadOnlySpan<byte> row);
}
