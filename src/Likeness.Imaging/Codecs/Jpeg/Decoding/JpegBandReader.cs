using Likeness.Imaging.Rows;

namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// A JPEG read by rows through an <see cref="OutputStage"/> window: hands out the rows the stage's last
/// <see cref="OutputStage.Advance"/> wrote and asks for the next MCU row when they are used up. What makes the next
/// row (decoding it as it comes, or transforming coefficients already decoded) is the subclass's.
/// </summary>
internal abstract class JpegBandReader : ImageRowReader
{
    private bool _disposed;

    private protected JpegBandReader(JpegFrame frame)
        : base(frame.Width, frame.Height, PixelFormat.Rgb24)
    {
    }

    /// <summary>The stage the rows come from (null until the first <see cref="NextMcuRow"/>, if the subclass makes it late).</summary>
    private protected OutputStage? Output { get; set; }

    private protected override void ReadBand(Span<byte> destination, int count)
    {
        int y = RowsRead;
        int done = 0;
        while (done < count)
        {
            int written = Output is null ? 0 : Output.RowsWritten - (y + done);
            if (written <= 0)
            {
                NextMcuRow();
                continue;
            }

            int rows = Math.Min(written, count - done);
            Output!.WrittenRows(y + done, rows).CopyTo(destination[(done * Stride)..]);
            done += rows;
        }
    }

    /// <summary>Makes the stage write the next MCU row's output rows (at least one, unless the data is damaged: it throws).</summary>
    private protected abstract void NextMcuRow();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            Output?.Dispose();
        }

        base.Dispose(disposing);
    }
}
