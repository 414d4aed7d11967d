namespace Likeness.Imaging.Codecs.WebP;

/// <summary>One RIFF chunk: its four-character code and where its payload lies in the file.</summary>
internal readonly record struct RiffChunk(uint FourCc, int Offset, int Length)
{
    public static uint Code(ReadOnlySpan<byte> fourCc) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(fourCc);
}
