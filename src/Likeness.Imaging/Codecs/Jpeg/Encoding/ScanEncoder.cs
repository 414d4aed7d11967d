using System.Buffers;

namespace Likeness.Imaging.Codecs.Jpeg.Encoding;

/// <summary>
/// Codes the single interleaved scan, one row of MCUs at a time: converts and pads that band of pixels into
/// component planes (libjpeg's prep and downsample stages), then transforms, quantizes and Huffman-codes each
/// MCU's blocks. Planes are rented once per image; nothing is allocated per block.
/// </summary>
internal sealed class ScanEncoder : IDisposable
{
    private readonly Image _image;
    private readonly EncoderComponent[] _components;
    private readonly int _sampling;
    private readonly JpegWriter _writer;
    private readonly int _mcusAcross;
    private readonly int _mcuRows;
    private readonly int _fullWidth;
    private readonly int _chromaWidth;
    private readonly int[] _y;
    private readonly int[] _cb;
    private readonly int[] _cr;
    private readonly int[]? _cbSmall;
    private readonly int[]? _crSmall;
    private readonly SimdLevel _level;

    public ScanEncoder(Image image, EncoderComponent[] components, int sampling, JpegWriter writer, SimdLevel level)
    {
        _level = level;
        _image = image;
        _components = components;
        _sampling = sampling;
        _writer = writer;
        int mcuSize = 8 * sampling;
        _mcusAcross = (image.Width + mcuSize - 1) / mcuSize;
        _mcuRows = (image.Height + mcuSize - 1) / mcuSize;
        _fullWidth = _mcusAcross * mcuSize;
        _chromaWidth = _fullWidth / sampling;
        int fullSamples = _fullWidth * mcuSize;
        _y = ArrayPool<int>.Shared.Rent(fullSamples);
        _cb = ArrayPool<int>.Shared.Rent(fullSamples);
        _cr = ArrayPool<int>.Shared.Rent(fullSamples);
        if (sampling == 2)
        {
            _cbSmall = ArrayPool<int>.Shared.Rent(_chromaWidth * 8);
            _crSmall = ArrayPool<int>.Shared.Rent(_chromaWidth * 8);
        }
    }

    public void Run()
    {
        Span<int> samples = stackalloc int[64];
        Span<int> coefficients = stackalloc int[64];
        for (int row = 0; row < _mcuRows; row++)
        {
            FillPlanes(row);
            for (int column = 0; column < _mcusAcross; column++)
            {
                foreach (EncoderComponent component in _components)
                {
                    EncodeMcuBlocks(component, row, column, samples, coefficients);
                }
            }
        }
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_y);
        ArrayPool<int>.Shared.Return(_cb);
        ArrayPool<int>.Shared.Return(_cr);
        if (_cbSmall is not null && _crSmall is not null)
        {
            ArrayPool<int>.Shared.Return(_cbSmall);
            ArrayPool<int>.Shared.Return(_crSmall);
        }
    }

    /// <summary>
    /// Converts the MCU row's pixel rows to Y, Cb, Cr at full resolution, rows and columns past the image repeating
    /// the last ones. For 4:2:0 the chroma is then averaged 2x2; chroma rows past the image's last chroma row
    /// repeat that row (libjpeg pads after downsampling, which differs from downsampling padded rows).
    /// </summary>
    private void FillPlanes(int mcuRow)
    {
        int rows = 8 * _sampling;
        for (int r = 0; r < rows; r++)
        {
            int sourceRow = Math.Min((mcuRow * rows) + r, _image.Height - 1);
            YCbCr.ConvertRow(
                _image.GetRow(sourceRow),
                _y.AsSpan(r * _fullWidth, _fullWidth),
                _cb.AsSpan(r * _fullWidth, _fullWidth),
                _cr.AsSpan(r * _fullWidth, _fullWidth));
        }

        if (_cbSmall is null || _crSmall is null)
        {
            return;
        }

        int chromaRows = (_image.Height + 1) / 2;
        for (int i = 0; i < 8; i++)
        {
            int local = Math.Min((mcuRow * 8) + i, chromaRows - 1) - (mcuRow * 8);
            if (local == i)
            {
                YCbCr.Downsample2x2(_cb.AsSpan(2 * i * _fullWidth, _fullWidth), _cb.AsSpan(((2 * i) + 1) * _fullWidth, _fullWidth), _cbSmall.AsSpan(i * _chromaWidth, _chromaWidth));
                YCbCr.Downsample2x2(_cr.AsSpan(2 * i * _fullWidth, _fullWidth), _cr.AsSpan(((2 * i) + 1) * _fullWidth, _fullWidth), _crSmall.AsSpan(i * _chromaWidth, _chromaWidth));
            }
            else
            {
                _cbSmall.AsSpan(local * _chromaWidth, _chromaWidth).CopyTo(_cbSmall.AsSpan(i * _chromaWidth));
                _crSmall.AsSpan(local * _chromaWidth, _chromaWidth).CopyTo(_crSmall.AsSpan(i * _chromaWidth));
            }
        }
    }

    /// <summary>
    /// Codes one component's blocks of an MCU. Blocks past the component's real block grid (partial MCUs at the
    /// right or bottom edge in 4:2:0) are libjpeg's dummy blocks: all zero with the previous block's DC.
    /// </summary>
    private void EncodeMcuBlocks(EncoderComponent component, int mcuRow, int mcuColumn, Span<int> samples, Span<int> coefficients)
    {
        (int[] plane, int stride) = component.Id switch
        {
            1 => (_y, _fullWidth),
            2 => (_cbSmall ?? _cb, _chromaWidth),
            _ => (_crSmall ?? _cr, _chromaWidth),
        };

        int s = component.Sampling;
        for (int v = 0; v < s; v++)
        {
            for (int h = 0; h < s; h++)
            {
                int blockRow = (mcuRow * s) + v;
                int blockColumn = (mcuColumn * s) + h;
                if (blockRow < component.HeightInBlocks && blockColumn < component.WidthInBlocks)
                {
                    int origin = (v * 8 * stride) + (blockColumn * 8);
                    for (int y = 0; y < 8; y++)
                    {
                        for (int x = 0; x < 8; x++)
                        {
                            samples[(y * 8) + x] = plane[origin + (y * stride) + x] - 128;
                        }
                    }

                    ForwardDct.Transform(samples, _level);
                    component.Quantizer.Quantize(samples, coefficients, _level);
                }
                else
                {
                    coefficients.Clear();
                    coefficients[0] = component.PreviousDc;
                }

                EncodeBlock(component, coefficients);
            }
        }
    }

    /// <summary>
    /// libjpeg's <c>encode_one_block</c>: DC difference, then AC run-lengths in zig-zag order, ZRL and EOB. The
    /// non-zero AC positions are gathered into a bit mask first, so the loop visits only non-zero coefficients.
    /// </summary>
    private void EncodeBlock(EncoderComponent component, ReadOnlySpan<int> block)
    {
        int dc = block[0];
        WriteValue(component.Dc, 0, dc - component.PreviousDc);
        component.PreviousDc = dc;

        ReadOnlySpan<byte> zigzag = JpegConstants.ZigZagToNatural;
        Span<int> ordered = stackalloc int[64];
        ulong nonZero = 0;
        for (int k = 1; k < 64; k++)
        {
            int value = block[zigzag[k]];
            ordered[k] = value;
            nonZero |= (value != 0 ? 1UL : 0UL) << k;
        }

        int previous = 0;
        while (nonZero != 0)
        {
            int k = System.Numerics.BitOperations.TrailingZeroCount(nonZero);
            nonZero &= nonZero - 1;
            int run = k - previous - 1;
            for (; run > 15; run -= 16)
            {
                _writer.WriteBits(component.Ac.Code(0xF0), component.Ac.Length(0xF0));
            }

            WriteValue(component.Ac, run, ordered[k]);
            previous = k;
        }

        if (previous != 63)
        {
            _writer.WriteBits(component.Ac.Code(0x00), component.Ac.Length(0x00));
        }
    }

    /// <summary>Writes the code for (run, size of <paramref name="value"/>) and then the value's bits (one's complement when negative).</summary>
    private void WriteValue(HuffmanTable table, int run, int value)
    {
        int magnitude = Math.Abs(value);
        int size = magnitude == 0 ? 0 : 32 - int.LeadingZeroCount(magnitude);
        int symbol = (run << 4) | size;

        // Code and value bits in one write (at most 16 + 11 bits); negative values are sent as value - 1.
        int bits = (table.Code(symbol) << size) | ((value < 0 ? value - 1 : value) & ((1 << size) - 1));
        _writer.WriteBits(bits, table.Length(symbol) + size);
    }
}
