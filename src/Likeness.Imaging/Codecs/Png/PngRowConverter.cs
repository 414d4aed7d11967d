using System.Buffers.Binary;

namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// Turns unfiltered PNG rows of any colour type and bit depth into 8-bit RGB or RGBA pixels. Palette images
/// and gray images of up to 8 bits go through one 256-entry RGBA table (gray levels scaled as v × 255 / (2^d − 1),
/// the tRNS key made transparent). 16-bit samples keep their high byte, as libpng's strip_16 and PIL do (so
/// decodes match the PIL-made goldens); tRNS keys compare the full 16 bits.
/// </summary>
internal ref struct PngRowConverter
{
    private readonly PngHeader _header;
    private readonly Span<byte> _table;
    private readonly int _outBpp;
    private readonly bool _indexed;
    private readonly bool _hasKey;
    private readonly ushort _keyR;
    private readonly ushort _keyG;
    private readonly ushort _keyB;

    /// <summary>Prepares the conversion; <paramref name="table"/> is 1024 bytes of scratch for the RGBA lookup table.</summary>
    public PngRowConverter(PngHeader header, ReadOnlySpan<byte> palette, ReadOnlySpan<byte> transparency, PixelFormat output, Span<byte> table)
    {
        _header = header;
        _table = table;
        _outBpp = output.BytesPerPixel();
        _indexed = header.ColorType == PngColorType.Palette || (header.ColorType == PngColorType.Gray && header.BitDepth <= 8);
        if (header.ColorType == PngColorType.Palette)
        {
            BuildPaletteTable(palette, transparency);
        }
        else if (_indexed)
        {
            BuildGrayTable(transparency);
        }
        else if (!transparency.IsEmpty)
        {
            _hasKey = true;
            _keyR = BinaryPrimitives.ReadUInt16BigEndian(transparency);
            _keyG = header.ColorType == PngColorType.Rgb ? BinaryPrimitives.ReadUInt16BigEndian(transparency[2..]) : _keyR;
            _keyB = header.ColorType == PngColorType.Rgb ? BinaryPrimitives.ReadUInt16BigEndian(transparency[4..]) : _keyR;
        }
    }

    /// <summary>
    /// Converts the first <paramref name="count"/> pixels of <paramref name="raw"/> into <paramref name="output"/>,
    /// writing one pixel every <paramref name="step"/> pixels (Adam7 passes spread their pixels out).
    /// </summary>
    public readonly void Convert(ReadOnlySpan<byte> raw, int count, Span<byte> output, int step)
    {
        if (_indexed)
        {
            ConvertIndexed(raw, count, output, step);
        }
        else if (step == 1 && !_hasKey && _header.BitDepth == 8 && _header.Channels == _outBpp)
        {
            raw[..(count * _outBpp)].CopyTo(output); // 8-bit RGB to RGB, RGBA to RGBA
        }
        else
        {
            ConvertDirect(raw, count, output, step);
        }
    }

    private readonly void ConvertIndexed(ReadOnlySpan<byte> raw, int count, Span<byte> output, int step)
    {
        int depth = _header.BitDepth;
        int mask = (1 << depth) - 1;
        int perByteLog2 = depth switch { 1 => 3, 2 => 2, 4 => 1, _ => 0 };
        int stride = step * _outBpp;
        ReadOnlySpan<byte> table = _table;
        for (int i = 0, o = 0; i < count; i++, o += stride)
        {
            int index = depth == 8
                ? raw[i]
                : (raw[i >> perByteLog2] >> (8 - depth - ((i & ((1 << perByteLog2) - 1)) * depth))) & mask;
            table.Slice(index * 4, _outBpp).CopyTo(output[o..]);
        }
    }

    private readonly void ConvertDirect(ReadOnlySpan<byte> raw, int count, Span<byte> output, int step)
    {
        int channels = _header.Channels;
        int sampleBytes = _header.BitDepth / 8;
        bool gray = _header.ColorType is PngColorType.Gray or PngColorType.GrayAlpha;
        int stride = step * _outBpp;
        int pixelBytes = channels * sampleBytes;
        for (int i = 0, s = 0, o = 0; i < count; i++, s += pixelBytes, o += stride)
        {
            int r = Sample(raw, s, sampleBytes);
            int g = gray ? r : Sample(raw, s + sampleBytes, sampleBytes);
            int b = gray ? r : Sample(raw, s + (2 * sampleBytes), sampleBytes);
            output[o] = To8Bit(r, sampleBytes);
            output[o + 1] = To8Bit(g, sampleBytes);
            output[o + 2] = To8Bit(b, sampleBytes);
            if (_outBpp == 4)
            {
                output[o + 3] = _header.HasAlphaChannel
                    ? To8Bit(Sample(raw, s + ((channels - 1) * sampleBytes), sampleBytes), sampleBytes)
                    : _hasKey && r == _keyR && g == _keyG && b == _keyB ? (byte)0 : (byte)255;
            }
        }
    }

    private static int Sample(ReadOnlySpan<byte> raw, int offset, int sampleBytes) =>
        sampleBytes == 1 ? raw[offset] : BinaryPrimitives.ReadUInt16BigEndian(raw[offset..]);

    private static byte To8Bit(int value, int sampleBytes) =>
        (byte)(sampleBytes == 1 ? value : value >> 8);

    /// <summary>Palette entries in order, with their tRNS alpha; indices past the palette decode as opaque black.</summary>
    private readonly void BuildPaletteTable(ReadOnlySpan<byte> palette, ReadOnlySpan<byte> transparency)
    {
        _table.Clear();
        for (int i = 0; i < 256; i++)
        {
            int t = i * 4;
            if (i < palette.Length / 3)
            {
                _table[t] = palette[i * 3];
                _table[t + 1] = palette[(i * 3) + 1];
                _table[t + 2] = palette[(i * 3) + 2];
            }

            _table[t + 3] = i < transparency.Length ? transparency[i] : (byte)255;
        }
    }

    private readonly void BuildGrayTable(ReadOnlySpan<byte> transparency)
    {
        int maximum = (1 << _header.BitDepth) - 1;
        int key = transparency.IsEmpty ? -1 : BinaryPrimitives.ReadUInt16BigEndian(transparency);
        for (int v = 0; v < 256; v++)
        {
            byte level = (byte)(Math.Min(v, maximum) * 255 / maximum);
            int t = v * 4;
            _table[t] = level;
            _table[t + 1] = level;
            _table[t + 2] = level;
            _table[t + 3] = v == key ? (byte)0 : (byte)255;
        }
    }
}
