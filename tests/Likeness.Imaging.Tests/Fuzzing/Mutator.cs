using System.Buffers.Binary;

namespace Likeness.Imaging.Tests.Fuzzing;

/// <summary>
/// Makes hostile variants of valid files: the generic mutations (truncation, bit flips, interesting bytes,
/// splices, duplicated or deleted runs) plus format-aware ones that aim at the parsers' weak spots (oversized
/// and zero dimensions, broken Huffman tables, huge chunk lengths).
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, 0x10, 0x40];

    private readonly Random _random = new(seed);

    /// <summary>Returns a mutated copy of <paramref name="input"/> and a short description of what was done.</summary>
    public (byte[] Data, string How) Mutate(byte[] input, byte[] other, ImageFormat format)
    {
        int kind = _random.Next(10);
        return kind switch
        {
            0 => Truncate(input),
            1 or 2 => FlipBits(input),
            3 => OverwriteInteresting(input),
            4 => Splice(input, other),
            5 => DeleteOrDuplicate(input),
            _ => MutateStructure(input, format),
        };
    }

    private (byte[], string) Truncate(byte[] input)
    {
        int length = _random.Next(input.Length);
        return (input[..length], $"truncate to {length}");
    }

    private (byte[], string) FlipBits(byte[] input)
    {
        byte[] data = (byte[])input.Clone();
        int flips = 1 + _random.Next(8);
        // Headers hold most of the decisions a parser makes: aim half the flips at the first 512 bytes.
        for (int i = 0; i < flips; i++)
        {
            int limit = _random.Next(2) == 0 ? Math.Min(512, data.Length) : data.Length;
            data[_random.Next(limit)] ^= (byte)(1 << _random.Next(8));
        }

        return (data, $"flip {flips} bits");
    }

    private (byte[], string) OverwriteInteresting(byte[] input)
    {
        byte[] data = (byte[])input.Clone();
        int count = 1 + _random.Next(4);
        for (int i = 0; i < count; i++)
        {
            data[_random.Next(data.Length)] = InterestingBytes[_random.Next(InterestingBytes.Length)];
        }

        return (data, $"overwrite {count} bytes");
    }

    private (byte[], string) Splice(byte[] input, byte[] other)
    {
        int cut = _random.Next(input.Length);
        int from = _random.Next(other.Length);
        byte[] data = [.. input.AsSpan(0, cut), .. other.AsSpan(from)];
        return (data, $"splice at {cut} from other at {from}");
    }

    private (byte[], string) DeleteOrDuplicate(byte[] input)
    {
        int start = _random.Next(input.Length);
        int length = Math.Min(1 + _random.Next(64), input.Length - start);
        if (_random.Next(2) == 0)
        {
            return ([.. input.AsSpan(0, start), .. input.AsSpan(start + length)], $"delete {length} at {start}");
        }

        return ([.. input.AsSpan(0, start + length), .. input.AsSpan(start)], $"duplicate {length} at {start}");
    }

    private (byte[], string) MutateStructure(byte[] input, ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => MutateJpeg(input),
        ImageFormat.Png => MutatePng(input),
        ImageFormat.WebP => MutateRiff(input),
        _ => MutatePnm(input),
    };

    private (byte[], string) MutateJpeg(byte[] input)
    {
        byte[] data = (byte[])input.Clone();
        List<(int Offset, byte Marker)> segments = JpegSegments(data);
        if (segments.Count == 0)
        {
            return FlipBits(input);
        }

        var (offset, marker) = segments[_random.Next(segments.Count)];
        bool isSof = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
        if (isSof && offset + 9 <= data.Length && _random.Next(2) == 0)
        {
            // SOF: precision(1) height(2) width(2) at offset+5.
            ushort value = (ushort)(_random.Next(3) switch { 0 => 0, 1 => 0xFFFF, _ => _random.Next(65536) });
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(offset + 5 + (_random.Next(2) * 2)), value);
            return (data, $"SOF dimension = {value}");
        }

        if (marker == 0xC4 && offset + 21 <= data.Length)
        {
            // DHT: the 16 code-length counts follow the class/id byte; skew them so the table is invalid.
            int index = offset + 5 + _random.Next(16);
            data[index] = (byte)_random.Next(256);
            return (data, $"DHT count at {index} = {data[index]}");
        }

        if (offset + 4 <= data.Length)
        {
            ushort length = (ushort)(_random.Next(2) == 0 ? _random.Next(4) : 0xFFFF - _random.Next(16));
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(offset + 2), length);
            return (data, $"segment 0x{marker:X2} length = {length}");
        }

        return FlipBits(input);
    }

    private static List<(int, byte)> JpegSegments(byte[] data)
    {
        var segments = new List<(int, byte)>();
        int pos = 2;
        while (pos + 4 <= data.Length && data[pos] == 0xFF)
        {
            byte marker = data[pos + 1];
            segments.Add((pos, marker));
            if (marker == 0xDA)
            {
                break;
            }

            pos += 2 + BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(pos + 2));
        }

        return segments;
    }

    private (byte[], string) MutatePng(byte[] input)
    {
        byte[] data = (byte[])input.Clone();
        if (data.Length < 33)
        {
            return FlipBits(input);
        }

        switch (_random.Next(3))
        {
            case 0:
            {
                // IHDR width/height at 16/20; the CRC is left stale half the time so both paths get exercised.
                uint value = (uint)(_random.Next(3) switch { 0 => 0, 1 => int.MaxValue, _ => _random.Next(1 << 20) });
                BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(16 + (_random.Next(2) * 4)), value);
                if (_random.Next(2) == 0)
                {
                    FixCrc(data, 8);
                }

                return (data, $"IHDR dimension = {value}");
            }

            case 1:
            {
                var chunks = PngChunks(data);
                int chunk = chunks[_random.Next(chunks.Count)];
                uint length = _random.Next(2) == 0 ? 0x7FFFFFFFu : 0xFFFFFFF0u - (uint)_random.Next(256);
                BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(chunk), length);
                return (data, $"chunk at {chunk} length = {length}");
            }

            default:
            {
                // Bit depth / colour type / interlace bytes of IHDR, with a valid CRC so the decoder must judge them.
                int index = 24 + _random.Next(5);
                data[index] = (byte)_random.Next(20);
                FixCrc(data, 8);
                return (data, $"IHDR byte {index} = {data[index]}");
            }
        }
    }

    private static List<int> PngChunks(byte[] data)
    {
        var chunks = new List<int>();
        int pos = 8;
        while (pos + 12 <= data.Length)
        {
            chunks.Add(pos);
            long length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos));
            if (length > data.Length)
            {
                break;
            }

            pos += (int)length + 12;
        }

        return chunks;
    }

    private static void FixCrc(byte[] data, int chunkOffset)
    {
        // The length may itself have been mutated (up to 0xFFFFFFFF): compare in 64 bits before slicing.
        long length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(chunkOffset));
        if (chunkOffset + 12 + length > data.Length)
        {
            return;
        }

        uint crc = Crc32(data.AsSpan(chunkOffset + 4, (int)length + 4));
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(chunkOffset + 8 + (int)length), crc);
    }

    // A bitwise CRC-32 of our own, so the harness does not trust the codec under test to compute it.
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>RIFF: overwrite the RIFF size or a chunk's size (the first chunks sit at 4, 16 and after) with a hostile value.</summary>
    private (byte[], string) MutateRiff(byte[] input)
    {
        byte[] data = (byte[])input.Clone();
        // The RIFF size, the first chunk's size, and the second chunk's size (after the first payload and its pad byte).
        int firstPayload = data.Length > 20 ? BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(16)) & 0xFFFF : 0;
        int[] sizeFields = [4, 16, 24 + firstPayload + (firstPayload & 1)];
        int field = sizeFields[_random.Next(sizeFields.Length)];
        if (field + 4 > data.Length)
        {
            return Truncate(input);
        }

        uint value = _random.Next(4) switch { 0 => 0, 1 => uint.MaxValue - (uint)_random.Next(16), 2 => (uint)_random.Next(64), _ => (uint)(data.Length + _random.Next(-16, 16)) };
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(field), value);
        return (data, $"RIFF size at {field} = {value}");
    }

    private (byte[], string) MutatePnm(byte[] input)
    {
        string[] headers =
        [
            "P6\n0 0\n255\n", "P6\n99999 99999\n255\n", "P5\n2147483647 1\n255\n", "P6\n4 4\n0\n",
            "P6\n4 4\n70000\n", "P6 4 4 65535 ", "P5\n#c\n3\n#c\n3\n#c\n65535\n", "P6\n-1 4\n255\n",
            "P6\n4", "P5\n1 1\n255",
        ];
        string header = headers[_random.Next(headers.Length)];
        int keep = Math.Min(input.Length, _random.Next(200));
        return ([.. System.Text.Encoding.ASCII.GetBytes(header), .. input.AsSpan(input.Length - keep)], $"header '{header.ReplaceLineEndings("\\n")}'");
    }
}
