using Likeness.Imaging.Rows;

namespace Likeness.Imaging.Resampling;

/// <summary>
/// <see cref="TfBilinear"/>'s legacy bilinear resize fed one source row at a time: each output row is written as soon
/// as the (at most two, adjacent) source rows it samples have arrived, so only the previous row is kept. The image is
/// taken as zero-padded below and to the right to <c>axisWidth x axisHeight</c> (face-api's <c>padToSquare</c>; equal
/// to the image's size for a plain resize), and the values are those of <see cref="TfBilinear.ResizePaddedRows"/> and
/// <see cref="TfBilinear.Resize(Image, Span{float}, int, int)"/>: the same row kernel runs on the same rows.
/// </summary>
public sealed class TfBilinearRows : IImageRowSink
{
    private readonly int _width;
    private readonly int _height;
    private readonly int _bpp;
    private readonly int _axisHeight;
    private readonly int _outWidth;
    private readonly int _outHeight;
    private readonly int _stride;
    private readonly float _scaleY;
    private readonly int[] _x0;
    private readonly int[] _x1;
    private readonly float[] _fx;
    private readonly byte[] _previous;
    private readonly Memory<float> _destination;
    private int _next;
    private int _lastRow = -1;

    /// <summary>Prepares the resize of a <paramref name="width"/> x <paramref name="height"/> image into <paramref name="destination"/>.</summary>
    /// <param name="width">Source width.</param>
    /// <param name="height">Source height.</param>
    /// <param name="format">Source pixels (RGB or RGBA; alpha is dropped).</param>
    /// <param name="axisWidth">The padded width the x axis is scaled from (at least <paramref name="width"/>).</param>
    /// <param name="axisHeight">The padded height the y axis is scaled from (at least <paramref name="height"/>).</param>
    /// <param name="outWidth">Output columns.</param>
    /// <param name="outHeight">Output rows.</param>
    /// <param name="destination">Output row r's <paramref name="outWidth"/>·3 values go at r·<paramref name="destinationStride"/>.</param>
    /// <param name="destinationStride">Values from one output row to the next (at least <paramref name="outWidth"/>·3).</param>
    public TfBilinearRows(
        int width, int height, PixelFormat format, int axisWidth, int axisHeight, int outWidth, int outHeight,
        Memory<float> destination, int destinationStride)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(axisWidth, width);
        ArgumentOutOfRangeException.ThrowIfLessThan(axisHeight, height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(destinationStride, outWidth * 3);
        if (destination.Length < ((long)(outHeight - 1) * destinationStride) + (outWidth * 3))
        {
            throw new ArgumentException($"{outHeight} rows of stride {destinationStride} do not fit {destination.Length} values.", nameof(destination));
        }

        _width = width;
        _height = height;
        _bpp = format.BytesPerPixel();
        _axisHeight = axisHeight;
        _outWidth = outWidth;
        _outHeight = outHeight;
        _stride = destinationStride;
        _destination = destination;
        _scaleY = (float)axisHeight / outHeight;
        _x0 = new int[outWidth];
        _x1 = new int[outWidth];
        _fx = new float[outWidth];
        TfBilinear.Axis(axisWidth, outWidth, _x0, _x1, _fx);
        _previous = new byte[width * _bpp];
    }

    /// <inheritdoc />
    public void Accept(int y, ReadOnlySpan<byte> row)
    {
        if (y != _lastRow + 1 || y >= _height || row.Length < _width * _bpp)
        {
            throw new InvalidOperationException($"Expected row {_lastRow + 1} of {_height} ({_width * _bpp} bytes), got row {y} ({row.Length} bytes).");
        }

        Span<float> destination = _destination.Span;
        while (_next < _outHeight)
        {
            (int y0, int y1, float fy) = TfBilinear.Sample(_next, _scaleY, _axisHeight);
            if ((y1 < _height ? y1 : y0) > y)
            {
                break; // output rows sample rows in order: the later ones wait for later rows
            }

            // y0 <= y1 <= y0 + 1, and the later of the two that lies in the image is row y, so the other is y or y - 1.
            ReadOnlySpan<byte> top = y0 >= _height ? default : y0 == y ? row : _previous;
            ReadOnlySpan<byte> bottom = y1 >= _height ? default : y1 == y ? row : _previous;
            TfBilinear.PaddedRow(top, bottom, _bpp, _width, _x0, _x1, _fx, fy, destination.Slice(_next * _stride, _outWidth * 3));
            _next++;
        }

        row[..(_width * _bpp)].CopyTo(_previous);
        _lastRow = y;
    }

    /// <summary>Writes the output rows that lie wholly in the padding below the image; call after the last row.</summary>
    public void Complete()
    {
        if (_lastRow != _height - 1)
        {
            throw new InvalidOperationException($"{_lastRow + 1} of {_height} rows arrived.");
        }

        Span<float> destination = _destination.Span;
        for (; _next < _outHeight; _next++)
        {
            (_, _, float fy) = TfBilinear.Sample(_next, _scaleY, _axisHeight);
            TfBilinear.PaddedRow(default, default, _bpp, _width, _x0, _x1, _fx, fy, destination.Slice(_next * _stride, _outWidth * 3));
        }
    }
}
