using System.Buffers.Binary;
using System.Text;

namespace Likeness.Providers.Sim;

/// <summary>
/// Writes a Motion-JPEG AVI (RIFF <c>AVI </c>: <c>hdrl</c> with one video stream, an <c>INFO</c> list,
/// <c>movi</c> with one <c>00dc</c> chunk per JPEG frame, and an <c>idx1</c> index of key frames). Every
/// player and ffmpeg read it; it needs no codec beyond the JPEG encoder Likeness already has.
/// </summary>
internal static class MjpegAvi
{
    private const uint AvifHasIndex = 0x10;
    private const uint AviifKeyframe = 0x10;

    /// <summary>The AVI file of <paramref name="frames"/> (JPEG files) at <paramref name="fps"/>, with INFO tags such as ICMT.</summary>
    public static byte[] Write(IReadOnlyList<byte[]> frames, int width, int height, int fps, IReadOnlyDictionary<string, string> info)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(info);
        if (frames.Count == 0 || width <= 0 || height <= 0 || fps <= 0)
        {
            throw new ArgumentException("An AVI needs at least one frame, a size and a frame rate.");
        }

        int largest = frames.Max(f => f.Length);
        using var stream = new MemoryStream();
        long riff = BeginList(stream, "RIFF", "AVI ");
        long hdrl = BeginList(stream, "LIST", "hdrl");
        Chunk(stream, "avih", MainHeader(frames, width, height, fps, largest));
        long strl = BeginList(stream, "LIST", "strl");
        Chunk(stream, "strh", StreamHeader(frames.Count, width, height, fps, largest));
        Chunk(stream, "strf", BitmapInfo(width, height));
        EndList(stream, strl);
        EndList(stream, hdrl);
        long infoList = BeginList(stream, "LIST", "INFO");
        foreach (var (tag, text) in info)
        {
            Chunk(stream, tag, Encoding.ASCII.GetBytes(text + "\0"));
        }

        EndList(stream, infoList);
        long movi = BeginList(stream, "LIST", "movi");
        long moviFourcc = movi + 8;
        var index = new List<(uint Offset, int Size)>(frames.Count);
        foreach (byte[] frame in frames)
        {
            index.Add(((uint)(stream.Position - moviFourcc), frame.Length));
            Chunk(stream, "00dc", frame);
        }

        EndList(stream, movi);
        byte[] idx1 = new byte[16 * index.Count];
        for (int i = 0; i < index.Count; i++)
        {
            Span<byte> entry = idx1.AsSpan(16 * i, 16);
            Encoding.ASCII.GetBytes("00dc", entry);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], AviifKeyframe);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], index[i].Offset);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], (uint)index[i].Size);
        }

        Chunk(stream, "idx1", idx1);
        EndList(stream, riff);
        return stream.ToArray();
    }

    private static byte[] MainHeader(IReadOnlyList<byte[]> frames, int width, int height, int fps, int largest)
    {
        var header = new byte[56];
        Span<byte> h = header;
        BinaryPrimitives.WriteUInt32LittleEndian(h, (uint)(1_000_000 / fps));
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], (uint)(largest * fps));
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], AvifHasIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], (uint)frames.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(h[24..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(h[28..], (uint)largest + 8);
        BinaryPrimitives.WriteUInt32LittleEndian(h[32..], (uint)width);
        BinaryPrimitives.WriteUInt32LittleEndian(h[36..], (uint)height);
        return header;
    }

    private static byte[] StreamHeader(int frames, int width, int height, int fps, int largest)
    {
        var header = new byte[56];
        Span<byte> h = header;
        Encoding.ASCII.GetBytes("vids", h);
        Encoding.ASCII.GetBytes("MJPG", h[4..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(h[24..], (uint)fps);
        BinaryPrimitives.WriteUInt32LittleEndian(h[32..], (uint)frames);
        BinaryPrimitives.WriteUInt32LittleEndian(h[36..], (uint)largest + 8);
        BinaryPrimitives.WriteInt32LittleEndian(h[40..], -1);
        BinaryPrimitives.WriteInt16LittleEndian(h[52..], (short)width);
        BinaryPrimitives.WriteInt16LittleEndian(h[54..], (short)height);
        return header;
    }

    private static byte[] BitmapInfo(int width, int height)
    {
        var info = new byte[40];
        Span<byte> b = info;
        BinaryPrimitives.WriteUInt32LittleEndian(b, 40);
        BinaryPrimitives.WriteInt32LittleEndian(b[4..], width);
        BinaryPrimitives.WriteInt32LittleEndian(b[8..], height);
        BinaryPrimitives.WriteUInt16LittleEndian(b[12..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(b[14..], 24);
        Encoding.ASCII.GetBytes("MJPG", b[16..]);
        BinaryPrimitives.WriteUInt32LittleEndian(b[20..], (uint)(width * height * 3));
        return info;
    }

    private static long BeginList(MemoryStream stream, string kind, string type)
    {
        long start = stream.Position;
        stream.Write(Encoding.ASCII.GetBytes(kind));
        stream.Write(new byte[4]);
        stream.Write(Encoding.ASCII.GetBytes(type));
        return start;
    }

    /// <summary>Back-patches the list's size: everything after its 8-byte header.</summary>
    private static void EndList(MemoryStream stream, long start)
    {
        long end = stream.Position;
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, checked((uint)(end - start - 8)));
        stream.Position = start + 4;
        stream.Write(size);
        stream.Position = end;
    }

    private static void Chunk(MemoryStream stream, string id, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[8];
        Encoding.ASCII.GetBytes(id, header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)data.Length);
        stream.Write(header);
        stream.Write(data);
        if ((data.Length & 1) == 1)
        {
            // RIFF chunks are word-aligned; the pad byte is not counted in the size.
            stream.WriteByte(0);
        }
    }
}
