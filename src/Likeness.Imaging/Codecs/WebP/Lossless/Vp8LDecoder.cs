using System.Buffers.Binary;

namespace Likeness.Imaging.Codecs.WebP.Lossless;

/// <summary>
/// Decodes a VP8L (lossless WebP) bitstream into ARGB: transforms, colour cache, meta prefix codes, LZ77 backward
/// references, whole (<see cref="Decode"/>) or a row at a time (<see cref="Start"/>, <see cref="Vp8LRows"/>): both
/// read the same rows. Prefix-code storage and pixel buffers are charged to the memory limit, so a small hostile
/// file cannot exhaust memory.
/// </summary>
internal sealed class Vp8LDecoder
{
    private const int LiteralCount = Vp8LPixelStream.LiteralCount;
    private const int DistanceCodeCount = 40;
    private const int MaxCacheBits = 11;

    private long _budget;

    private Vp8LDecoder(long budget)
    {
        _budget = budget;
    }

    internal static int DivRoundUp(int size, int bits) => (size + (1 << bits) - 1) >> bits;

    /// <summary>Decodes <paramref name="payload"/> (a whole VP8L chunk) into ARGB pixels, row after row.</summary>
    public static uint[] Decode(ReadOnlySpan<byte> payload, int width, int height, long memoryBudget) =>
        ReadAll(payload, Start(payload, width, height, memoryBudget));

    /// <summary>
    /// Reads the header, transforms and prefix codes of <paramref name="payload"/> (a whole VP8L chunk): its rows
    /// then come with <see cref="Vp8LRows.ReadRow"/> over the same bytes. The whole image's ARGB is charged to the
    /// budget whether or not it is made, so a read by rows refuses what the whole decode refuses.
    /// </summary>
    public static Vp8LRows Start(ReadOnlySpan<byte> payload, int width, int height, long memoryBudget)
    {
        uint header = BinaryPrimitives.ReadUInt32LittleEndian(payload[1..]);
        if ((int)(header & 0x3FFF) + 1 != width || (int)((header >> 14) & 0x3FFF) + 1 != height)
        {
            throw InvalidImageException.Corrupt("The WebP lossless header disagrees with the image size.");
        }

        var reader = new Vp8LBitReader(payload[5..]);
        return new Vp8LDecoder(memoryBudget).StartMain(ref reader, width, height, offset: 5);
    }

    /// <summary>
    /// Decodes a headerless VP8L image stream of a known size, as an ALPH chunk carries it (the alpha is in green).
    /// </summary>
    public static uint[] DecodeImageStream(ReadOnlySpan<byte> stream, int width, int height, long memoryBudget) =>
        ReadAll(stream, StartImageStream(stream, width, height, memoryBudget));

    /// <summary>Starts a headerless VP8L image stream (see <see cref="DecodeImageStream"/>) as <see cref="Start"/> does.</summary>
    public static Vp8LRows StartImageStream(ReadOnlySpan<byte> stream, int width, int height, long memoryBudget)
    {
        var reader = new Vp8LBitReader(stream);
        return new Vp8LDecoder(memoryBudget).StartMain(ref reader, width, height, offset: 0);
    }

    /// <summary>Every row of a started image into one array.</summary>
    private static uint[] ReadAll(ReadOnlySpan<byte> data, Vp8LRows rows)
    {
        var pixels = new uint[rows.Width * rows.Height];
        for (int y = 0; y < rows.Height; y++)
        {
            rows.ReadRow(data, pixels.AsSpan(y * rows.Width, rows.Width));
        }

        return pixels;
    }

    private Vp8LRows StartMain(ref Vp8LBitReader reader, int width, int height, int offset)
    {
        var transforms = new List<Vp8LTransform>();
        int codedWidth = width;
        while (reader.ReadBits(1) == 1)
        {
            Vp8LTransform transform = ReadTransform(ref reader, codedWidth, height, transforms);
            transforms.Add(transform);
            if (transform.Type == Vp8LTransformType.ColorIndexing)
            {
                codedWidth = DivRoundUp(codedWidth, transform.Bits);
            }
        }

        Vp8LPixelStream pixels = StartStream(ref reader, codedWidth, height, mayUseMetaCodes: true, Vp8LPixelStream.RowCapacity(codedWidth, height));
        Charge(4L * width * height);
        return new Vp8LRows([.. transforms], pixels, width, height, codedWidth, offset, reader.Save());
    }

    private Vp8LTransform ReadTransform(ref Vp8LBitReader reader, int width, int height, List<Vp8LTransform> earlier)
    {
        var type = (Vp8LTransformType)reader.ReadBits(2);
        if (earlier.Exists(t => t.Type == type))
        {
            throw InvalidImageException.Corrupt($"The WebP lossless {type} transform appears twice.");
        }

        switch (type)
        {
            case Vp8LTransformType.Predictor:
            case Vp8LTransformType.CrossColor:
                int bits = (int)reader.ReadBits(3) + 2;
                uint[] blocks = DecodeStream(ref reader, DivRoundUp(width, bits), DivRoundUp(height, bits), mayUseMetaCodes: false);
                return new Vp8LTransform(type, width, bits, blocks);
            case Vp8LTransformType.ColorIndexing:
                int colors = (int)reader.ReadBits(8) + 1;
                int packing = colors > 16 ? 0 : colors > 4 ? 1 : colors > 2 ? 2 : 3;
                uint[] palette = DecodeStream(ref reader, colors, 1, mayUseMetaCodes: false);
                for (int i = 1; i < colors; i++)
                {
                    palette[i] = Vp8LPredictor.Add(palette[i], palette[i - 1]);
                }

                return new Vp8LTransform(type, width, packing, palette);
            default:
                return new Vp8LTransform(type, width, 0, []);
        }
    }

    /// <summary>A sub-image (a transform's data, the entropy image), decoded whole.</summary>
    private uint[] DecodeStream(ref Vp8LBitReader reader, int width, int height, bool mayUseMetaCodes) =>
        StartStream(ref reader, width, height, mayUseMetaCodes, width * height).Whole(ref reader);

    /// <summary>One entropy-coded image's header: optional colour cache, optional meta prefix codes, the prefix codes.</summary>
    private Vp8LPixelStream StartStream(ref Vp8LBitReader reader, int width, int height, bool mayUseMetaCodes, int capacity)
    {
        int cacheBits = 0;
        if (reader.ReadBits(1) == 1)
        {
            cacheBits = (int)reader.ReadBits(4);
            if (cacheBits is < 1 or > MaxCacheBits)
            {
                throw InvalidImageException.Corrupt($"The WebP lossless colour cache has {cacheBits} bits; 1 to 11 are allowed.");
            }
        }

        int metaBits = 0;
        uint[]? entropyImage = null;
        int groupCount = 1;
        if (mayUseMetaCodes && reader.ReadBits(1) == 1)
        {
            metaBits = (int)reader.ReadBits(3) + 2;
            entropyImage = DecodeStream(ref reader, DivRoundUp(width, metaBits), DivRoundUp(height, metaBits), mayUseMetaCodes: false);
            for (int i = 0; i < entropyImage.Length; i++)
            {
                entropyImage[i] = (entropyImage[i] >> 8) & 0xFFFF;
                groupCount = Math.Max(groupCount, (int)entropyImage[i] + 1);
            }
        }

        var groups = new PrefixCode[groupCount][];
        int greenAlphabet = Vp8LPixelStream.LiteralCount + Vp8LPixelStream.LengthCodeCount + (cacheBits > 0 ? 1 << cacheBits : 0);
        for (int g = 0; g < groupCount; g++)
        {
            groups[g] =
            [
                ReadCode(ref reader, greenAlphabet), ReadCode(ref reader, LiteralCount), ReadCode(ref reader, LiteralCount),
                ReadCode(ref reader, LiteralCount), ReadCode(ref reader, DistanceCodeCount),
            ];
        }

        Charge(4L * capacity);
        return new Vp8LPixelStream(width, height, groups, entropyImage, metaBits, cacheBits, capacity);
    }

    private PrefixCode ReadCode(ref Vp8LBitReader reader, int alphabetSize)
    {
        Charge(alphabetSize);
        PrefixCode code = PrefixCodeReader.Read(ref reader, alphabetSize);
        Charge((2L * code.SymbolCount) + code.TableBytes + 64 - alphabetSize);
        return code;
    }

    /// <summary>A length or distance: prefix codes below 4 are the value − 1; above, extra bits follow.</summary>
    internal static int PrefixValue(ref Vp8LBitReader reader, int prefix)
    {
        if (prefix < 4)
        {
            return prefix + 1;
        }

        int extraBits = (prefix - 2) >> 1;
        int offset = (2 + (prefix & 1)) << extraBits;
        return offset + (int)reader.ReadBits(extraBits) + 1;
    }

    private void Charge(long bytes)
    {
        _budget -= bytes;
        if (_budget < 0)
        {
            throw new InvalidImageException(
                InvalidImageReason.LimitExceeded, "Decoding this WebP lossless image needs more memory than the limit allows.");
        }
    }
}
