using System.Buffers.Binary;
using Likeness.Imaging.Metadata;

namespace Likeness.Imaging.Codecs.WebP;

/// <summary>
/// Parses the WebP RIFF container: the simple lossy (VP8), simple lossless (VP8L) and extended (VP8X) layouts.
/// It reads the canvas and bitstream headers and checks every chunk size against the file; it decodes no pixels.
/// </summary>
internal static class WebPContainer
{
    private const byte AnimationFlag = 0x02;
    private const byte AlphaFlag = 0x10;
    private const int AnimationFrameHeaderLength = 16;

    private static readonly uint Vp8 = RiffChunk.Code("VP8 "u8);
    private static readonly uint Vp8L = RiffChunk.Code("VP8L"u8);
    private static readonly uint Vp8X = RiffChunk.Code("VP8X"u8);
    private static readonly uint Anmf = RiffChunk.Code("ANMF"u8);
    private static readonly uint Alph = RiffChunk.Code("ALPH"u8);
    private static readonly uint Exif = RiffChunk.Code("EXIF"u8);

    /// <summary>Reads the header facts of a file whose first bytes are "RIFF....WEBP".</summary>
    public static WebPHeader Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12 || !data.StartsWith("RIFF"u8) || !data.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            throw InvalidImageException.Truncated("The WebP file ends inside its RIFF header.");
        }

        uint riffSize = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (riffSize < 4 + 8)
        {
            throw InvalidImageException.Corrupt($"The WebP RIFF size ({riffSize}) is too small to hold any chunk.");
        }

        if (riffSize > (uint)(data.Length - 8))
        {
            throw InvalidImageException.Truncated(
                $"The WebP file is {data.Length:N0} bytes but its RIFF header declares {riffSize + 8L:N0}: it is truncated.");
        }

        // Bytes after the RIFF body are ignored, as libwebp does.
        List<RiffChunk> chunks = RiffReader.Chunks(data, 12, 8 + (int)riffSize);
        RiffChunk first = chunks[0];
        if (first.FourCc == Vp8 || first.FourCc == Vp8L)
        {
            return Still(data, first, vp8xAlpha: null);
        }

        if (first.FourCc != Vp8X)
        {
            throw InvalidImageException.Corrupt(
                $"The first WebP chunk is '{RiffReader.Name(first.FourCc)}'; expected 'VP8 ', 'VP8L' or 'VP8X'.");
        }

        return Extended(data, chunks);
    }

    private static WebPHeader Extended(ReadOnlySpan<byte> data, List<RiffChunk> chunks)
    {
        RiffChunk vp8x = chunks[0];
        if (vp8x.Length < 10)
        {
            throw InvalidImageException.Corrupt($"The WebP VP8X chunk is {vp8x.Length} bytes; it needs 10.");
        }

        ReadOnlySpan<byte> body = data.Slice(vp8x.Offset, 10);
        byte flags = body[0];
        int canvasWidth = 1 + ReadUInt24(body[4..]);
        int canvasHeight = 1 + ReadUInt24(body[7..]);
        bool alpha = (flags & AlphaFlag) != 0;
        RiffChunk exifChunk = chunks.Find(c => c.FourCc == Exif);
        int orientation = exifChunk.FourCc == 0
            ? ExifReader.DefaultOrientation
            : ExifReader.ReadOrientationFromWebPExif(data.Slice(exifChunk.Offset, exifChunk.Length));
        if ((flags & AnimationFlag) != 0)
        {
            return new WebPHeader(canvasWidth, canvasHeight, FirstFrameIsLossless(data, chunks), alpha, Animated: true, 0, 0)
            {
                ExifOrientation = orientation,
            };
        }

        int index = chunks.FindIndex(c => c.FourCc == Vp8 || c.FourCc == Vp8L);
        if (index < 0)
        {
            throw InvalidImageException.Corrupt("The extended WebP file has no VP8 or VP8L image chunk.");
        }

        RiffChunk bitstream = chunks[index];

        // As in libwebp, a lossy image takes the last ALPH chunk before it; a lossless one carries its own alpha.
        int alphIndex = bitstream.FourCc == Vp8 ? chunks.FindLastIndex(index, c => c.FourCc == Alph) : -1;
        RiffChunk? alphChunk = alphIndex >= 0 ? chunks[alphIndex] : null;
        WebPHeader still = Still(data, bitstream, alpha || alphChunk is not null) with { Alpha = alphChunk, ExifOrientation = orientation };
        if (still.Width != canvasWidth || still.Height != canvasHeight)
        {
            throw InvalidImageException.Corrupt(
                $"The WebP canvas is {canvasWidth}x{canvasHeight} but its image is {still.Width}x{still.Height}.");
        }

        return still;
    }

    private static bool FirstFrameIsLossless(ReadOnlySpan<byte> data, List<RiffChunk> chunks)
    {
        RiffChunk frame = chunks.Find(c => c.FourCc == Anmf);
        if (frame.FourCc == 0 || frame.Length < AnimationFrameHeaderLength)
        {
            throw InvalidImageException.Corrupt("The animated WebP file has no complete ANMF frame.");
        }

        List<RiffChunk> inner = RiffReader.Chunks(data, frame.Offset + AnimationFrameHeaderLength, frame.Offset + frame.Length);
        RiffChunk bitstream = inner.Find(c => c.FourCc == Vp8 || c.FourCc == Vp8L);
        if (bitstream.FourCc == 0)
        {
            throw InvalidImageException.Corrupt("The first frame of the animated WebP file has no VP8 or VP8L image chunk.");
        }

        return bitstream.FourCc == Vp8L;
    }

    /// <summary>A VP8 or VP8L chunk; <paramref name="vp8xAlpha"/> is the VP8X alpha flag when there is one.</summary>
    private static WebPHeader Still(ReadOnlySpan<byte> data, RiffChunk chunk, bool? vp8xAlpha)
    {
        ReadOnlySpan<byte> payload = data.Slice(chunk.Offset, chunk.Length);
        if (chunk.FourCc == Vp8L)
        {
            (int w, int h, bool alphaHint) = Vp8LHeader(payload);
            return new WebPHeader(w, h, Lossless: true, vp8xAlpha ?? alphaHint, Animated: false, chunk.Offset, chunk.Length);
        }

        (int width, int height) = Vp8Header(payload);
        return new WebPHeader(width, height, Lossless: false, vp8xAlpha ?? false, Animated: false, chunk.Offset, chunk.Length);
    }

    /// <summary>The VP8L signature byte, then 14-bit width − 1, 14-bit height − 1, the alpha hint and a 3-bit version.</summary>
    private static (int Width, int Height, bool AlphaHint) Vp8LHeader(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 5)
        {
            throw InvalidImageException.Corrupt($"The WebP VP8L chunk is {payload.Length} bytes; its header needs 5.");
        }

        if (payload[0] != 0x2F)
        {
            throw InvalidImageException.Corrupt($"The WebP VP8L signature is 0x{payload[0]:X2}; expected 0x2F.");
        }

        uint bits = BinaryPrimitives.ReadUInt32LittleEndian(payload[1..]);
        uint version = bits >> 29;
        if (version != 0)
        {
            throw InvalidImageException.Corrupt($"The WebP VP8L version is {version}; only version 0 exists.");
        }

        return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1, ((bits >> 28) & 1) != 0);
    }

    /// <summary>The VP8 key-frame header: a 3-byte frame tag, the start code 9D 01 2A and two 14-bit sizes.</summary>
    private static (int Width, int Height) Vp8Header(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 10)
        {
            throw InvalidImageException.Corrupt($"The WebP VP8 chunk is {payload.Length} bytes; its header needs 10.");
        }

        int tag = payload[0] | (payload[1] << 8) | (payload[2] << 16);
        if ((tag & 1) != 0)
        {
            throw InvalidImageException.Corrupt("The WebP VP8 bitstream does not start with a key frame.");
        }

        if (((tag >> 1) & 7) > 3 || ((tag >> 4) & 1) == 0)
        {
            throw InvalidImageException.Corrupt("The WebP VP8 frame tag has an unknown version or a hidden frame.");
        }

        if (payload[3] != 0x9D || payload[4] != 0x01 || payload[5] != 0x2A)
        {
            throw InvalidImageException.Corrupt("The WebP VP8 key frame lacks its start code (9D 01 2A).");
        }

        int width = BinaryPrimitives.ReadUInt16LittleEndian(payload[6..]) & 0x3FFF;
        int height = BinaryPrimitives.ReadUInt16LittleEndian(payload[8..]) & 0x3FFF;
        return (width, height);
    }

    private static int ReadUInt24(ReadOnlySpan<byte> bytes) => bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);
}
