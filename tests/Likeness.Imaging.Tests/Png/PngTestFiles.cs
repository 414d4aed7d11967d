using System.Globalization;
using System.Buffers.Binary;
using System.IO.Compression;
using Likeness.Testing;

namespace Likeness.Imaging.Tests.Png;

/// <summary>Builds small PNG files chunk by chunk (with an independent bitwise CRC) and reads the committed corpus.</summary>
internal static class PngTestFiles
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static string CorpusDirectory => RepoPaths.TestData("png");

    /// <summary>Each corpus PNG that has a reference decode, by file name.</summary>
    public static IEnumerable<string> CorpusNames() =>
        Directory.GetFiles(CorpusDirectory, "*.rgba.gz")
            .Select(path => Path.GetFileName(path))
            .Select(file => file[..file.IndexOf('.', StringComparison.Ordinal)] + ".png")
            .Order(StringComparer.Ordinal);

    /// <summary>The reference decode of <paramref name="png"/>: RGBA8 bytes and the size from the file name.</summary>
    public static (byte[] Rgba, int Width, int Height) Reference(string png)
    {
        string stem = Path.GetFileNameWithoutExtension(png);
        string path = Directory.GetFiles(CorpusDirectory, stem + ".*.rgba.gz").Single();
        string[] size = Path.GetFileName(path)[(stem.Length + 1)..^".rgba.gz".Length].Split('x');
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        gzip.CopyTo(raw);
        return (raw.ToArray(), int.Parse(size[0], CultureInfo.InvariantCulture), int.Parse(size[1], CultureInfo.InvariantCulture));
    }

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(CorpusDirectory, name));

    public static byte[] Chunk(string type, ReadOnlySpan<byte> data)
    {
        byte[] chunk = new byte[data.Length + 12];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), BitwiseCrc(chunk.AsSpan(4, data.Length + 4)));
        return chunk;
    }

    public static byte[] Header(uint width, uint height, byte depth, byte colorType, byte interlace = 0)
    {
        byte[] body = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(body, width);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(4), height);
        body[8] = depth;
        body[9] = colorType;
        body[12] = interlace;
        return Chunk("IHDR", body);
    }

    public static byte[] Deflate(ReadOnlySpan<byte> raw)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(raw);
        }

        return output.ToArray();
    }

    /// <summary>An 8-bit RGB file of <paramref name="width"/> × <paramref name="height"/> with the given filtered rows.</summary>
    public static byte[] Rgb(int width, int height, ReadOnlySpan<byte> filteredRows) =>
        Concat(Signature, Header((uint)width, (uint)height, 8, 2), Chunk("IDAT", Deflate(filteredRows)), Chunk("IEND", []));

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>The chunks of a PNG as (type, offset of the length field, body).</summary>
    public static List<(string Type, int Offset, byte[] Body)> Chunks(byte[] png)
    {
        var chunks = new List<(string, int, byte[])>();
        for (int pos = 8; pos < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            chunks.Add((System.Text.Encoding.ASCII.GetString(png, pos + 4, 4), pos, png.AsSpan(pos + 8, length).ToArray()));
            pos += length + 12;
        }

        return chunks;
    }

    /// <summary>CRC-32 one bit at a time, straight from the PNG specification: the reference for our table version.</summary>
    public static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }
        }

        return ~c;
    }
}
