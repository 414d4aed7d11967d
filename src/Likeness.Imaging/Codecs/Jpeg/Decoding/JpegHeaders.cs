using Likeness.Imaging.Metadata;
using static Likeness.Imaging.Codecs.Jpeg.JpegConstants.Markers;

namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>What the marker segments have said so far: frame, tables, restart interval, JFIF/Adobe/EXIF facts.</summary>
internal sealed class JpegHeaders
{
    private readonly int[]?[] _quant = new int[]?[4];

    public JpegFrame? Frame { get; private set; }

    public HuffmanTable?[] DcTables { get; } = new HuffmanTable?[4];

    public HuffmanTable?[] AcTables { get; } = new HuffmanTable?[4];

    public int RestartInterval { get; private set; }

    public bool SawJfif { get; private set; }

    /// <summary>The Adobe APP14 transform (0, 1 or 2), or -1 without an Adobe marker.</summary>
    public int AdobeTransform { get; private set; } = -1;

    public int ExifOrientation { get; private set; } = ExifReader.DefaultOrientation;

    private bool _sawExif;

    /// <summary>
    /// Applies one marker segment other than SOS/EOI. Returns false when the segment runs past the end of the
    /// data (the caller treats that as truncation).
    /// </summary>
    public bool Apply(byte marker, ReadOnlySpan<byte> data, ref int position, ImageLimits limits)
    {
        if (marker is >= Rst0 and <= Rst7 or 0x01 or Soi)
        {
            return true; // Parameterless markers: nothing to do.
        }

        RefuseUnsupported(marker);
        if (position + 2 > data.Length)
        {
            return false;
        }

        int length = (data[position] << 8) | data[position + 1];
        if (length < 2)
        {
            throw InvalidImageException.Corrupt("The JPEG file has a marker segment with an invalid length.");
        }

        if (position + length > data.Length)
        {
            return false;
        }

        ReadOnlySpan<byte> body = data.Slice(position + 2, length - 2);
        position += length;
        switch (marker)
        {
            case Sof0 or Sof1 or Sof2:
                if (Frame is not null)
                {
                    throw InvalidImageException.Corrupt("The JPEG file has more than one frame header.");
                }

                Frame = JpegFrame.Parse(body, marker == Sof2);
                limits.EnsureWithin(Frame.Width, Frame.Height, Frame.WorkingBytesPerPixel);
                break;
            case Dht:
                ReadHuffmanTables(body);
                break;
            case Dqt:
                ReadQuantTables(body);
                break;
            case Dri:
                if (body.Length < 2)
                {
                    throw InvalidImageException.Corrupt("The JPEG restart interval segment is too short.");
                }

                RestartInterval = (body[0] << 8) | body[1];
                break;
            case App0:
                SawJfif |= body.Length >= 12 && body.StartsWith("JFIF\0"u8);
                break;
            case App1 when !_sawExif && body.StartsWith("Exif\0\0"u8):
                _sawExif = true;
                ExifOrientation = ExifReader.ReadOrientationFromJpegApp1(body);
                break;
            case App14 when body.Length >= 12 && body.StartsWith("Adobe"u8):
                AdobeTransform = body[11];
                break;
            default:
                break; // APPn, COM, DAC, DNL and the like carry nothing we use.
        }

        return true;
    }

    /// <summary>The quantisation table a component uses, in natural order (libjpeg latches it at the first scan).</summary>
    public int[] QuantTable(int index) =>
        _quant[index] ?? throw InvalidImageException.Corrupt("A JPEG component uses a quantisation table that was never defined.");

    /// <summary>How libjpeg interprets the components (jdapimin.c default_decompress_parms).</summary>
    public ColorType ColorType(JpegFrame frame)
    {
        JpegComponent[] c = frame.Components;
        return c.Length switch
        {
            1 => Imaging.ColorType.Gray,
            3 when SawJfif => Imaging.ColorType.YCbCr,
            3 when AdobeTransform >= 0 => AdobeTransform == 0 ? Imaging.ColorType.Rgb : Imaging.ColorType.YCbCr,
            3 => c[0].Id == 'R' && c[1].Id == 'G' && c[2].Id == 'B' ? Imaging.ColorType.Rgb : Imaging.ColorType.YCbCr,
            _ => AdobeTransform is 0 or -1 ? Imaging.ColorType.Cmyk : Imaging.ColorType.Ycck,
        };
    }

    private static void RefuseUnsupported(byte marker)
    {
        switch (marker)
        {
            case 0xC3:
                throw InvalidImageException.Unsupported("Lossless JPEG (SOF3) is not supported.");
            case 0xC5 or 0xC6 or 0xC7 or 0xDE or 0xDF:
                throw InvalidImageException.Unsupported("Hierarchical JPEG is not supported.");
            case 0xC8:
                throw InvalidImageException.Unsupported("The JPEG file uses a reserved frame type (JPG).");
            case >= 0xC9 and <= 0xCB or >= 0xCD and <= 0xCF:
                throw InvalidImageException.Unsupported(
                    "Arithmetic-coded JPEG is not supported; only Huffman-coded files can be decoded.");
            default:
                return;
        }
    }

    private void ReadHuffmanTables(ReadOnlySpan<byte> body)
    {
        while (!body.IsEmpty)
        {
            if (body.Length < 17)
            {
                throw InvalidImageException.Corrupt("The JPEG file has a truncated Huffman table.");
            }

            int tableClass = body[0] >> 4;
            int id = body[0] & 15;
            if (tableClass > 1 || id > 3)
            {
                throw InvalidImageException.Corrupt("The JPEG file has an invalid Huffman table id.");
            }

            ReadOnlySpan<byte> counts = body.Slice(1, 16);
            int total = 0;
            foreach (byte count in counts)
            {
                total += count;
            }

            if (total > 256 || body.Length < 17 + total)
            {
                throw InvalidImageException.Corrupt("The JPEG file has an invalid Huffman table.");
            }

            HuffmanTable?[] tables = tableClass == 0 ? DcTables : AcTables;
            HuffmanTable table = tables[id] ?? new HuffmanTable();
            table.Build(counts, body.Slice(17, total), isDc: tableClass == 0);
            tables[id] = table;
            body = body[(17 + total)..];
        }
    }

    private void ReadQuantTables(ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> zigzag = JpegConstants.ZigZagToNatural;
        while (!body.IsEmpty)
        {
            int precision = body[0] >> 4;
            int id = body[0] & 15;
            int size = precision == 0 ? 64 : 128;
            if (precision > 1 || id > 3 || body.Length < 1 + size)
            {
                throw InvalidImageException.Corrupt("The JPEG file has an invalid quantisation table.");
            }

            var table = new int[64];
            for (int i = 0; i < 64; i++)
            {
                table[zigzag[i]] = precision == 0 ? body[1 + i] : (body[1 + (2 * i)] << 8) | body[2 + (2 * i)];
            }

            _quant[id] = table;
            body = body[(1 + size)..];
        }
    }
}
