using System.Buffers.Binary;

namespace Likeness.Imaging.Codecs.Png;

/// <summary>PNG colour types as stored in IHDR.</summary>
internal enum PngColorType : byte
{
    Gray = 0,
    Rgb = 2,
    Palette = 3,
    GrayAlpha = 4,
    Rgba = 6,
}

/// <summary>The IHDR chunk: size, sample layout and interlacing, validated against the PNG specification.</summary>
internal readonly record struct PngHeader(int Width, int Height, int BitDepth, PngColorType ColorType, bool Interlaced)
{
    public const int Length = 13;

    /// <summary>Samples per pixel.</summary>
    public int Channels => ColorType switch
    {
        PngColorType.Rgb => 3,
        PngColorType.GrayAlpha => 2,
        PngColorType.Rgba => 4,
        _ => 1,
    };

    public int BitsPerPixel => Channels * BitDepth;

    /// <summary>The byte distance filters look back to (the spec's "bpp": at least one byte).</summary>
    public int FilterStride => Math.Max(1, BitsPerPixel / 8);

    public bool HasAlphaChannel => ColorType is PngColorType.GrayAlpha or PngColorType.Rgba;

    /// <summary>Bytes of one unfiltered row of <paramref name="width"/> pixels (without the filter-type byte).</summary>
    public long RowBytes(int width) => (((long)width * BitsPerPixel) + 7) / 8;

    public static PngHeader Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length != Length)
        {
            throw InvalidImageException.Corrupt($"The PNG header chunk (IHDR) is {body.Length} bytes long; it must be {Length}.");
        }

        uint width = BinaryPrimitives.ReadUInt32BigEndian(body);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue)
        {
            throw InvalidImageException.Corrupt($"The PNG header declares an invalid size ({width}x{height}).");
        }

        int depth = body[8];
        byte type = body[9];
        bool legal = type switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => throw InvalidImageException.Corrupt($"The PNG header declares colour type {type}, which does not exist."),
        };
        if (!legal)
        {
            throw InvalidImageException.Corrupt($"The PNG header declares bit depth {depth}, which colour type {type} does not allow.");
        }

        if (body[10] != 0 || body[11] != 0)
        {
            throw InvalidImageException.Corrupt(
                $"The PNG header declares compression method {body[10]} and filter method {body[11]}; only 0 and 0 exist.");
        }

        if (body[12] > 1)
        {
            throw InvalidImageException.Corrupt($"The PNG header declares interlace method {body[12]}; only 0 and 1 exist.");
        }

        return new PngHeader((int)width, (int)height, depth, (PngColorType)type, body[12] == 1);
    }
}
