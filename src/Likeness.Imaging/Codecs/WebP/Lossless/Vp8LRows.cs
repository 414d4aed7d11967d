namespace Likeness.Imaging.Codecs.WebP.Lossless;

/// <summary>
/// A VP8L image handed out a row at a time: each row's entropy-coded pixels are decoded into the
/// <see cref="Vp8LPixelStream"/>'s ring, copied out, and the transforms undone on the row in reverse order (the
/// predictor from its own previous output row, kept here). <see cref="Vp8LDecoder.Decode"/> reads every row of one;
/// a read by rows keeps one between bands. The caller passes the same bytes to every <see cref="ReadRow"/>.
/// </summary>
internal sealed class Vp8LRows
{
    private readonly Vp8LTransform[] _transforms;
    private readonly Vp8LPixelStream _pixels;
    private readonly int _codedWidth;
    private readonly int _offset;
    private readonly uint[] _coded;
    private readonly uint[]? _above;
    private State _bits;

    public Vp8LRows(Vp8LTransform[] transforms, Vp8LPixelStream pixels, int width, int height, int codedWidth, int offset, State bits)
    {
        _transforms = transforms;
        _pixels = pixels;
        Width = width;
        Height = height;
        _codedWidth = codedWidth;
        _offset = offset;
        _bits = bits;
        _coded = new uint[codedWidth];
        Vp8LTransform? predictor = Array.Find(transforms, t => t.Type == Vp8LTransformType.Predictor);
        _above = predictor is null ? null : new uint[predictor.Width];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Rows handed out so far.</summary>
    public int RowsRead { get; private set; }

    /// <summary>Decodes the next row of <paramref name="data"/> (the bytes this image was started on) as ARGB.</summary>
    /// <exception cref="InvalidImageException">The data ends early or is damaged.</exception>
    public void ReadRow(ReadOnlySpan<byte> data, Span<uint> destination)
    {
        int y = RowsRead;
        var reader = new Vp8LBitReader(data[_offset..], _bits);
        _pixels.DecodeTo(ref reader, (y + 1) * _codedWidth);
        _bits = reader.Save();
        _pixels.CopyOut(y * _codedWidth, _coded);

        Span<uint> row = _coded;
        for (int i = _transforms.Length - 1; i >= 0; i--)
        {
            Vp8LTransform transform = _transforms[i];
            if (transform.Type == Vp8LTransformType.ColorIndexing)
            {
                transform.ExpandRow(row, destination[..transform.Width]);
                row = destination[..transform.Width];
                continue;
            }

            transform.UndoRow(row, y, _above);
            if (transform.Type == Vp8LTransformType.Predictor)
            {
                row.CopyTo(_above);
            }
        }

        if (row != destination[..Width])
        {
            row.CopyTo(destination);
        }

        RowsRead++;
    }
}
