using System.Buffers;

namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// Owns the working memory of a decode (coefficients, component planes, the RGB output) and turns coefficients
/// into pixels: IDCT into the planes, then upsampling and colour conversion row by row. It can run as the scan
/// goes (<see cref="Advance"/>) or all at once over several threads (<see cref="Finish"/>). For a read by rows
/// (<see cref="ForRows"/>) the same steps run over windows instead of whole-image buffers: one MCU row of
/// coefficients, the plane rows it transforms to below the few rows upsampling still needs from the row before,
/// and the output rows the last <see cref="Advance"/> wrote. A read by rows of a file whose scans refine every block
/// (<see cref="ForSpilledRows"/>) windows the planes and rows the same way but reads every block's coefficients from
/// memory it is lent (a mapped temporary file), where block smoothing finds the neighbours it needs.
/// </summary>
internal sealed class OutputStage : IDisposable
{
    private static readonly int[] ZeroQuant = new int[64];

    private readonly JpegFrame _frame;
    private readonly ColorType _colorType;
    private readonly int[] _idctRows;
    private readonly int[] _planeBase;
    private readonly bool _window;
    private readonly bool _coefsWindowed;
    private readonly int _contextRows;
    private readonly Memory<short> _coefMemory;
    private short[]? _coefs;
    private byte[]? _planes;
    private Image? _image;
    private byte[]? _rows;
    private int _rowsBase;
    private int _rowsWritten;

    public OutputStage(JpegFrame frame, ColorType colorType, bool clearCoefficients)
        : this(frame, colorType, contextRows: 0, coefsWindowed: false, lent: null)
    {
        _image = Image.CreateUninitialized(frame.Width, frame.Height, PixelFormat.Rgb24);
        if (clearCoefficients)
        {
            Coefficients.Clear();
        }
    }

    /// <summary>
    /// A stage over <paramref name="frame"/>'s layout: whole-image buffers, or with <paramref name="contextRows"/>
    /// windows of planes and rows (and of coefficients too with <paramref name="coefsWindowed"/>); coefficients
    /// rented, or <paramref name="lent"/>.
    /// </summary>
    private OutputStage(JpegFrame frame, ColorType colorType, int contextRows, bool coefsWindowed, Memory<short>? lent)
    {
        EnsureBuffersFit(frame);
        _frame = frame;
        _colorType = colorType;
        _window = contextRows > 0;
        _coefsWindowed = coefsWindowed;
        _contextRows = contextRows;
        _idctRows = new int[frame.Components.Length];
        _planeBase = new int[frame.Components.Length];
        if (lent is { } memory)
        {
            _coefMemory = memory[..(int)frame.CoefficientCount];
        }
        else
        {
            _coefs = ArrayPool<short>.Shared.Rent((int)frame.CoefficientCount);
            _coefMemory = _coefs.AsMemory(0, (int)frame.CoefficientCount);
        }

        _planes = ArrayPool<byte>.Shared.Rent((int)frame.SampleCount);
    }

    /// <summary>Output rows written so far (by <see cref="Advance"/> or <see cref="Finish"/>).</summary>
    public int RowsWritten => _rowsWritten;

    /// <summary>
    /// The output stage of a read by rows (lays <paramref name="frame"/>'s buffers out as windows): the caller
    /// decodes one MCU row into <see cref="Coefficients"/>, calls <see cref="Advance"/>, and takes the rows it wrote
    /// with <see cref="WrittenRows"/> before the next.
    /// </summary>
    public static OutputStage ForRows(JpegFrame frame, ColorType colorType) =>
        Windowed(frame, colorType, lent: null);

    /// <summary>
    /// The output stage of a read by rows whose coefficients are all decoded first, into <paramref name="coefficients"/>
    /// (laid out as the whole decode's, <see cref="JpegFrame.CoefficientCount"/> of them, which the caller keeps
    /// alive and unchanged while the stage is used): the caller calls <see cref="Advance"/> with one more MCU row each
    /// time and takes the rows it wrote with <see cref="WrittenRows"/>.
    /// </summary>
    public static OutputStage ForSpilledRows(JpegFrame frame, ColorType colorType, Memory<short> coefficients) =>
        Windowed(frame, colorType, coefficients);

    /// <summary>
    /// Refuses, as the whole decode does, an image whose coefficients or planes one buffer cannot hold (checked before
    /// anything is spent on it).
    /// </summary>
    public static void EnsureBuffersFit(JpegFrame frame)
    {
        if (frame.CoefficientCount > Array.MaxLength || frame.SampleCount > Array.MaxLength)
        {
            throw new InvalidImageException(
                InvalidImageReason.LimitExceeded, "The JPEG image is larger than one buffer can hold.");
        }
    }

    private static OutputStage Windowed(JpegFrame frame, ColorType colorType, Memory<short>? lent)
    {
        // The first row an Advance writes upsamples from at most MaxV rows above the plane rows it transforms
        // (the ready rows lag a component by up to the largest vertical ratio), plus one row of context above.
        int context = frame.MaxV + 1;
        frame.UseRowWindow(context, wholeCoefficients: lent is not null);
        var stage = new OutputStage(frame, colorType, context, coefsWindowed: lent is null, lent);
        // An Advance writes one MCU row's output, and at the last row up to MaxV rows more that waited on context.
        stage._rows = ArrayPool<byte>.Shared.Rent(frame.MaxV * 9 * frame.Width * 3);
        return stage;
    }

    /// <summary>Block smoothing to apply before the inverse DCT (djpeg's default for incomplete progressions), if any.</summary>
    public BlockSmoothing? Smoothing { get; set; }

    /// <summary>Every block of every component, 64 coefficients each, at <see cref="JpegComponent.CoefOffset"/>.</summary>
    public Span<short> Coefficients => _planes is null ? throw new ObjectDisposedException(nameof(OutputStage)) : _coefMemory.Span;

    private byte[] Planes => _planes ?? throw new ObjectDisposedException(nameof(OutputStage));

    private Image Output => _image ?? throw new ObjectDisposedException(nameof(OutputStage));

    private byte[] Rows => _rows ?? throw new ObjectDisposedException(nameof(OutputStage));

    /// <summary>
    /// Called as a scan that covers every component completes MCU rows (block rows for a one-component
    /// image): transforms them and writes every output row whose inputs (with upsampling context) are ready.
    /// </summary>
    public void Advance(int mcuRows)
    {
        JpegComponent[] components = _frame.Components;
        for (int ci = 0; ci < components.Length; ci++)
        {
            JpegComponent c = components[ci];
            int target = Math.Min(c.BlocksHigh, components.Length == 1 ? mcuRows : mcuRows * c.V);
            if (_window)
            {
                SlidePlane(c);
            }

            Transform(c, _idctRows[ci], target);
            _idctRows[ci] = Math.Max(_idctRows[ci], target);
        }

        int ready = ReadyRows();
        if (ready > _rowsWritten)
        {
            _rowsBase = _window ? _rowsWritten : 0;
            WriteRows(_rowsWritten, ready);
            _rowsWritten = ready;
        }
    }

    /// <summary>
    /// In a read by rows: output rows <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/>,
    /// which the last <see cref="Advance"/> wrote.
    /// </summary>
    public ReadOnlySpan<byte> WrittenRows(int from, int count)
    {
        int stride = _frame.Width * 3;
        return Rows.AsSpan((from - _rowsBase) * stride, count * stride);
    }

    /// <summary>Transforms and writes everything not yet done, over up to <paramref name="threads"/> threads.</summary>
    public void Finish(int threads)
    {
        if (threads <= 1)
        {
            Advance(int.MaxValue / 8);
            return;
        }

        JpegComponent[] components = _frame.Components;
        var work = new List<(JpegComponent Component, int From, int To)>();
        for (int ci = 0; ci < components.Length; ci++)
        {
            JpegComponent c = components[ci];
            int chunk = Math.Max(1, (c.BlocksHigh - _idctRows[ci] + threads - 1) / threads);
            for (int from = _idctRows[ci]; from < c.BlocksHigh; from += chunk)
            {
                work.Add((c, from, Math.Min(from + chunk, c.BlocksHigh)));
            }

            _idctRows[ci] = c.BlocksHigh;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.ForEach(work, options, w => Transform(w.Component, w.From, w.To));
        int start = _rowsWritten;
        int rows = (_frame.Height - start + threads - 1) / threads;
        Parallel.For(0, threads, options, t =>
        {
            int from = start + (t * rows);
            WriteRows(from, Math.Min(from + rows, _frame.Height));
        });
        _rowsWritten = _frame.Height;
    }

    /// <summary>Hands the finished image to the caller (who then owns it).</summary>
    public Image TakeImage()
    {
        Image image = Output;
        _image = null;
        return image;
    }

    public void Dispose()
    {
        _image?.Dispose();
        _image = null;
        if (_coefs is not null)
        {
            ArrayPool<short>.Shared.Return(_coefs);
            _coefs = null;
        }

        if (_planes is not null)
        {
            ArrayPool<byte>.Shared.Return(_planes);
            _planes = null;
        }

        if (_rows is not null)
        {
            ArrayPool<byte>.Shared.Return(_rows);
            _rows = null;
        }
    }

    /// <summary>
    /// Before a read by rows transforms the next MCU row: moves the plane rows upsampling still needs (the last
    /// context rows transformed) to the top of the window, so the new rows go below them.
    /// </summary>
    private void SlidePlane(JpegComponent c)
    {
        int done = _idctRows[c.Index] * 8;
        int keepFrom = Math.Max(_planeBase[c.Index], done - _contextRows);
        if (keepFrom > _planeBase[c.Index])
        {
            int stride = c.PlaneStride;
            Span<byte> plane = Plane(c);
            plane.Slice((keepFrom - _planeBase[c.Index]) * stride, (done - keepFrom) * stride).CopyTo(plane);
            _planeBase[c.Index] = keepFrom;
        }
    }

    private void Transform(JpegComponent c, int fromRow, int toRow)
    {
        ReadOnlySpan<short> coefs = Coefficients.Slice((int)c.CoefOffset, c.StrideBlocks * c.CoefRows * 64);
        Span<byte> plane = Plane(c);
        ReadOnlySpan<int> quant = c.Quant ?? ZeroQuant;
        int stride = c.PlaneStride;
        // A window of coefficients holds the rows being transformed only; a window of planes from its base row on.
        int coefBase = _coefsWindowed ? fromRow : 0;
        int planeBase = _planeBase[c.Index];
        if (Smoothing is { } smoothing)
        {
            // Smoothing reads the blocks around each one: only ever with every block's coefficients at hand.
            for (int row = fromRow; row < toRow; row++)
            {
                smoothing.TransformRow(c, coefs, row, plane[(((row * 8) - planeBase) * stride)..], stride);
            }

            return;
        }

        for (int row = fromRow; row < toRow; row++)
        {
            for (int col = 0; col < c.BlocksWide; col++)
            {
                JpegIdct.Transform(
                    coefs.Slice((((row - coefBase) * c.StrideBlocks) + col) * 64, 64),
                    quant,
                    plane[((((row * 8) - planeBase) * stride) + (col * 8))..],
                    stride);
            }
        }
    }

    private Span<byte> Plane(JpegComponent c) =>
        Planes.AsSpan((int)c.PlaneOffset, c.PlaneStride * c.PlaneRows);

    /// <summary>Output rows computable now: each needs its component rows plus one row of context below.</summary>
    private int ReadyRows()
    {
        int ready = _frame.Height;
        JpegComponent[] components = _frame.Components;
        for (int ci = 0; ci < components.Length; ci++)
        {
            JpegComponent c = components[ci];
            int available = Math.Min(_idctRows[ci] * 8, c.Height);
            if (available < c.Height)
            {
                ready = Math.Min(ready, Math.Max(0, (available - 1) * (_frame.MaxV / c.V)));
            }
        }

        return ready;
    }

    private void WriteRows(int from, int to)
    {
        if (from >= to)
        {
            return;
        }

        int width = _frame.Width;
        int rowLength = width + 64;
        JpegComponent[] components = _frame.Components;
        byte[] scratch = ArrayPool<byte>.Shared.Rent(rowLength * 4);
        try
        {
            Image? image = _window ? null : Output;
            int stride = width * 3;
            for (int y = from; y < to; y++)
            {
                ReadOnlySpan<byte> r0 = ComponentRow(components, 0, y, scratch.AsSpan(0, rowLength));
                ReadOnlySpan<byte> r1 = ComponentRow(components, 1, y, scratch.AsSpan(rowLength, rowLength));
                ReadOnlySpan<byte> r2 = ComponentRow(components, 2, y, scratch.AsSpan(2 * rowLength, rowLength));
                ReadOnlySpan<byte> r3 = ComponentRow(components, 3, y, scratch.AsSpan(3 * rowLength, rowLength));
                Span<byte> target = image is null ? Rows.AsSpan((y - _rowsBase) * stride, stride) : image.GetRow(y);
                ColorConverter.ConvertRow(_colorType, r0, r1, r2, r3, target, width);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private ReadOnlySpan<byte> ComponentRow(JpegComponent[] components, int index, int y, Span<byte> scratch)
    {
        if (index >= components.Length)
        {
            return default;
        }

        JpegComponent c = components[index];
        return Upsampler.Row(c, _frame.MaxH / c.H, _frame.MaxV / c.V, y, Plane(c), _planeBase[index], scratch);
    }
}
