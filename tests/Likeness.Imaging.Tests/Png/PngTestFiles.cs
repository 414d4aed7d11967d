using System.Globalization;
using System.Buffers.Binary;
using System.IO.Compression;
using Likeness.Imaging.Codecs.Png;
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

    /// <summary>
    /// An interlaced 8-bit RGB or RGBA file of <paramref name="pixels"/> (<paramref name="format"/>'s layout): the
    /// Adam7 passes' rows in order, each with filter type 0, as <see cref="Adam7Rows"/> lays them out.
    /// </summary>
    public static byte[] Interlaced(int width, int height, PixelFormat format, ReadOnlySpan<byte> pixels) =>
        InterlacedFile(width, height, format, Adam7Rows(width, height, format.BytesPerPixel(), pixels));

    /// <summary>An interlaced 8-bit RGB or RGBA file of <paramref name="width"/> × <paramref name="height"/> with the given filtered pass rows.</summary>
    public static byte[] InterlacedFile(int width, int height, PixelFormat format, ReadOnlySpan<byte> filteredRows) =>
        Concat(
            Signature,
            Header((uint)width, (uint)height, 8, format == PixelFormat.Rgba32 ? (byte)6 : (byte)2, interlace: 1),
            Chunk("IDAT", Deflate(filteredRows)),
            Chunk("IEND", []));

    /// <summary>
    /// The filtered rows of an interlaced file, before compression: pass after pass (empty passes have no bytes), each
    /// pass row a filter-type byte 0 and the pixels the pass takes from its image row.
    /// </summary>
    public static byte[] Adam7Rows(int width, int height, int bpp, ReadOnlySpan<byte> pixels)
    {
        using var rows = new MemoryStream();
        for (int pass = 0; pass < Adam7.Passes; pass++)
        {
            var (x0, y0, stepX, stepY, passWidth, passHeight) = Adam7.Pass(pass, width, height);
            for (int r = 0; r < passHeight && passWidth > 0; r++)
            {
                rows.WriteByte(0);
                int rowStart = (y0 + (r * stepY)) * width;
                for (int i = 0; i < passWidth; i++)
                {
                    rows.Write(pixels.Slice((rowStart + x0 + (i * stepX)) * bpp, bpp));
                }
            }
        }

        return rows.ToArray();
    }

    /// <summary>An interlaced file of <see cref="Noise"/>.</summary>
    public static byte[] InterlacedNoise(int width, int height, PixelFormat format) => Interlaced(width, height, format, Noise(width, height, format));

    /// <summary>Noise pixels, seeded by the size.</summary>
    public static byte[] Noise(int width, int height, PixelFormat format)
    {
        byte[] pixels = new byte[width * height * format.BytesPerPixel()];
        new Random((width * 31) + height).NextBytes(pixels);
        return pixels;
    }

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
