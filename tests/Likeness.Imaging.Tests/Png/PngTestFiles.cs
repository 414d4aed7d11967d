using System.Globalization;
using System.Buffers.Binary;
using System.IO.Compression;
using Likeness.Testing;

namespace Likeness.Imaging.Tests.Png;

/// <summary>Small PNG files for the codec's tests (built with <see cref="PngFiles"/>) and the committed corpus.</summary>
internal static class PngTestFiles
{
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

    /// <summary>An 8-bit RGB file of <paramref name="width"/> × <paramref name="height"/> with the given filtered rows.</summary>
    public static byte[] Rgb(int width, int height, ReadOnlySpan<byte> filteredRows) =>
        PngFiles.Concat(PngFiles.Signature, PngFiles.Header((uint)width, (uint)height, 8, 2), PngFiles.Chunk("IDAT", PngFiles.Deflate(filteredRows)), PngFiles.Chunk("IEND", []));

    /// <summary>An interlaced file of <see cref="Noise"/>.</summary>
    public static byte[] InterlacedNoise(int width, int height, PixelFormat format) => PngFiles.Interlaced(width, height, format.BytesPerPixel(), Noise(width, height, format));

    /// <summary>Noise pixels, seeded by the size.</summary>
    public static byte[] Noise(int width, int height, PixelFormat format)
    {
        byte[] pixels = new byte[width * height * format.BytesPerPixel()];
        new Random((width * 31) + height).NextBytes(pixels);
        return pixels;
    }

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
}
