using System.Buffers;
using Likeness.Imaging.Color;
using Likeness.Imaging.Rows;

namespace Likeness.Imaging.Resampling;

/// <summary>
/// <see cref="Resampler"/>'s resize of a whole image fed one source
/// row at a time: each row the vertical pass needs goes through the horizontal pass as it arrives (premultiplied first
/// for RGBA), and the vertical pass runs at <see cref="Finish"/>. It holds the horizontally resized rows (the source's
/// height at the output's width: 2,600 rows of 9 RGB pixels for a fingerprint are 70 KB), not the source; the result
/// is byte for byte the whole-image resize's, the same passes running on the same rows.
/// </summary>
public sealed class RowResampler : IImageRowSink, IDisposable
{
    private readonly int _sourceWidth;
    private readonly int _sourceHeight;
    private readonly PixelFormat _format;
    private readonly int _width;
    private readonly int _height;
    private readonly bool _same;
    private readonly bool _horizontal;
    private readonly bool _vertical;
    private readonly SimdLevel _level;
    private readonly AxisCoefficients _columns;
    private readonly AxisCoefficients _rows;
    private readonly int _firstRow;
    private readonly int _endRow;
    private readonly Image _widened;
    private readonly int[]? _laneWeights;
    private readonly byte[]? _scratch;
    private readonly byte[]? _premultiplied;
    private int _lastRow = -1;
    private bool _disposed;

    /// <summary>Prepares the resize of a <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/> image to <paramref name="width"/> x <paramref name="height"/>.</summary>
    public RowResampler(int sourceWidth, int sourceHeight, PixelFormat format, int width, int height, ResampleFilter filter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (!Enum.IsDefined(filter))
        {
            throw new ArgumentOutOfRangeException(nameof(filter), filter, "Unknown resample filter.");
        }

        ImageLimits.Default.EnsureWithin(width, height, format.BytesPerPixel());
        _sourceWidth = sourceWidth;
        _sourceHeight = sourceHeight;
        _format = format;
        _width = width;
        _height = height;
        _level = SimdLevels.BestX86;

        // The whole-image resize returns a same-size image as it is (no premultiplication round trip).
        _same = width == sourceWidth && height == sourceHeight;
        _horizontal = width != sourceWidth;
        _vertical = height != sourceHeight;
        _columns = AxisCoefficients.Compute(sourceWidth, 0, sourceWidth, width, filter);
        _rows = AxisCoefficients.Compute(sourceHeight, 0, sourceHeight, height, filter);
        _firstRow = _rows.First(0);
        _endRow = _rows.First(height - 1) + _rows.Count(height - 1);
        _widened = Image.CreateUninitialized(_horizontal ? width : sourceWidth, _endRow - _firstRow, format);
        if (_horizontal && _level != SimdLevel.Scalar)
        {
            _laneWeights = ArrayPool<int>.Shared.Rent(HorizontalPass.LaneKernelSize(_columns) * _columns.OutSize);
            HorizontalPass.ExpandWeights(_columns, _laneWeights);
            _scratch = ArrayPool<byte>.Shared.Rent(HorizontalPass.ScratchBytes(sourceWidth));
        }

        if (format == PixelFormat.Rgba32 && !_same)
        {
            _premultiplied = ArrayPool<byte>.Shared.Rent(sourceWidth * 4);
        }
    }

    /// <inheritdoc />
    public void Accept(int y, ReadOnlySpan<byte> row)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int stride = _sourceWidth * _format.BytesPerPixel();
        if (y != _lastRow + 1 || y >= _sourceHeight || row.Length < stride)
        {
            throw new InvalidOperationException($"Expected row {_lastRow + 1} of {_sourceHeight} ({stride} bytes), got row {y} ({row.Length} bytes).");
        }

        _lastRow = y;
        if (y < _firstRow || y >= _endRow)
        {
            return; // no output row reads it
        }

        row = row[..stride];
        if (_premultiplied is not null)
        {
            Span<byte> copy = _premultiplied.AsSpan(0, stride);
            row.CopyTo(copy);
            Premultiplied.Premultiply(copy);
            row = copy;
        }

        int target = y - _firstRow;
        if (!_horizontal)
        {
            row.CopyTo(_widened.GetRow(target));
            return;
        }

        // Destination row `target` reads source row target + offset, which is row 0 of the one-row span.
        HorizontalPass.Run(
            row, _sourceWidth, _widened.Pixels, _format.BytesPerPixel(), _columns, _laneWeights, _scratch,
            sourceRowOffset: -target, rowStart: target, rowEnd: target + 1, _level);
    }

    /// <summary>The resized image, once every source row has arrived; the caller disposes it.</summary>
    public Image Finish()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_lastRow != _sourceHeight - 1)
        {
            throw new InvalidOperationException($"{_lastRow + 1} of {_sourceHeight} rows arrived.");
        }

        Image output;
        if (_vertical)
        {
            output = Image.CreateUninitialized(_widened.Width, _height, _format);
            VerticalPass.Run(_widened.Pixels, output.Pixels, _widened.Stride, _rows, _firstRow, 0, _height, _level);
        }
        else
        {
            output = _widened.Clone();
        }

        if (_premultiplied is not null)
        {
            Premultiplied.Unpremultiply(output.Pixels);
        }

        return output;
    }

    /// <summary>Returns the buffers.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _widened.Dispose();
        _columns.Dispose();
        _rows.Dispose();
        if (_laneWeights is not null)
        {
            ArrayPool<int>.Shared.Return(_laneWeights);
        }

        if (_scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
        }

        if (_premultiplied is not null)
        {
            ArrayPool<byte>.Shared.Return(_premultiplied);
        }
    }
}
