using Likeness.Imaging.Codecs.WebP.Lossless;

namespace Likeness.Imaging.Codecs.WebP;

/// <summary>
/// Decodes the ALPH chunk of an extended lossy WebP: one header byte (compression, filter, pre-processing), then
/// the alpha plane either raw or as a headerless VP8L image whose green channel holds it, then undoes the
/// horizontal, vertical or gradient prediction filter exactly as libwebp's unfilters do. Every filter predicts from
/// the row above at most, so the plane comes a row at a time (<see cref="Start"/>, <see cref="ReadRow"/>); the whole
/// decode (<see cref="Decode"/>) reads every row of one.
/// </summary>
internal sealed class WebPAlpha
{
    private const int MethodRaw = 0;
    private const int MethodLossless = 1;

    private readonly int _width;
    private readonly int _filter;
    private readonly Vp8LRows? _lossless;
    private readonly uint[]? _argb;
    private byte[] _row;
    private byte[] _next;
    private int _y;

    private WebPAlpha(int width, int filter, Vp8LRows? lossless)
    {
        _width = width;
        _filter = filter;
        _lossless = lossless;
        _argb = lossless is null ? null : new uint[width];
        _row = new byte[width];
        _next = new byte[width];
    }

    /// <summary>The alpha plane, <paramref name="width"/> × <paramref name="height"/> bytes.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> chunk, int width, int height, long memoryBudget)
    {
        WebPAlpha rows = Start(chunk, width, height, memoryBudget);
        var alpha = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            rows.ReadRow(chunk).CopyTo(alpha.AsSpan(y * width));
        }

        return alpha;
    }

    /// <summary>Reads the chunk's header (and the lossless image's) for a read of its rows in order.</summary>
    public static WebPAlpha Start(ReadOnlySpan<byte> chunk, int width, int height, long memoryBudget)
    {
        if (chunk.Length < 1)
        {
            throw InvalidImageException.Corrupt("The WebP ALPH chunk is empty.");
        }

        int method = chunk[0] & 3;
        int filter = (chunk[0] >> 2) & 3;
        int preprocessing = (chunk[0] >> 4) & 3;
        int reserved = chunk[0] >> 6;
        if (method > MethodLossless || preprocessing > 1 || reserved != 0)
        {
            throw InvalidImageException.Corrupt(
                $"The WebP ALPH header (0x{chunk[0]:X2}) has an unknown compression method, pre-processing or reserved bits.");
        }

        if (method == MethodRaw)
        {
            int count = width * height;
            if (chunk.Length - 1 < count)
            {
                throw InvalidImageException.Truncated($"The WebP raw alpha is {chunk.Length - 1:N0} bytes; {count:N0} are needed.");
            }

            return new WebPAlpha(width, filter, lossless: null);
        }

        return new WebPAlpha(width, filter, Vp8LDecoder.StartImageStream(chunk[1..], width, height, memoryBudget));
    }

    /// <summary>The next row of alpha from <paramref name="chunk"/> (the bytes started on); valid until the next call.</summary>
    /// <exception cref="InvalidImageException">The lossless data ends early or is damaged.</exception>
    public ReadOnlySpan<byte> ReadRow(ReadOnlySpan<byte> chunk)
    {
        Span<byte> row = _next;
        if (_lossless is null)
        {
            chunk.Slice(1 + (_y * _width), _width).CopyTo(row);
        }
        else
        {
            _lossless.ReadRow(chunk[1..], _argb);
            for (int x = 0; x < _width; x++)
            {
                row[x] = (byte)(_argb![x] >> 8);
            }
        }

        Unfilter(row, _y == 0 ? default : _row, _filter);

        // The row handed out is the one the next row's filter predicts from.
        (_row, _next) = (_next, _row);
        _y++;
        return _row;
    }

    /// <summary>Undoes prediction filter 1 (from the left), 2 (from above) or 3 (gradient) on one row.</summary>
    private static void Unfilter(Span<byte> row, ReadOnlySpan<byte> prev, int filter)
    {
        if (filter == 0)
        {
            return;
        }

        if (prev.IsEmpty)
        {
            // The first row has nothing above: every filter predicts from the left, starting at 0.
            FromLeft(row, 0);
            return;
        }

        switch (filter)
        {
            case 1:
                FromLeft(row, prev[0]);
                break;
            case 2:
                for (int x = 0; x < row.Length; x++)
                {
                    row[x] += prev[x];
                }

                break;
            default:
                int left = prev[0], topLeft = prev[0];
                for (int x = 0; x < row.Length; x++)
                {
                    int top = prev[x];
                    int g = left + top - topLeft;
                    int predicted = (g & ~0xFF) == 0 ? g : g < 0 ? 0 : 255;
                    left = (byte)(row[x] + predicted);
                    topLeft = top;
                    row[x] = (byte)left;
                }

                break;
        }
    }

    private static void FromLeft(Span<byte> row, byte start)
    {
        byte predicted = start;
        for (int x = 0; x < row.Length; x++)
        {
            predicted += row[x];
            row[x] = predicted;
        }
    }
}
