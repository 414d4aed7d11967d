using System.Buffers.Binary;
using System.Text;

namespace Likeness.Providers.Tests.Sim;

/// <summary>An independent reading of an AVI file's RIFF tree, enough to check what the sim writes.</summary>
internal sealed class AviReader
{
    public AviReader(byte[] file)
    {
        Assert.Equal("RIFF", Text(file, 0));
        Assert.Equal(file.Length - 8, (int)U32(file, 4));
        Assert.Equal("AVI ", Text(file, 8));
        int position = 12;
        while (position < file.Length)
        {
            string id = Text(file, position);
            int size = (int)U32(file, position + 4);
            Assert.True(position + 8 + size <= file.Length, $"chunk {id} at {position} runs past the end");
            if (id == "LIST")
            {
                Lists[Text(file, position + 8)] = (position + 8, size);
            }
            else
            {
                Chunks[id] = (position + 8, size);
            }

            position += 8 + size + (size & 1);
        }

        Assert.Equal(file.Length, position);
        File = file;
    }

    public byte[] File { get; }

    /// <summary>Top-level lists by type: (offset of the type fourcc, size).</summary>
    public Dictionary<string, (int Offset, int Size)> Lists { get; } = [];

    /// <summary>Top-level chunks by id: (offset of the data, size).</summary>
    public Dictionary<string, (int Offset, int Size)> Chunks { get; } = [];

    /// <summary>The sub-chunks of a list: (id, offset of data, size).</summary>
    public List<(string Id, int Offset, int Size)> Children(int listTypeOffset, int listSize)
    {
        var children = new List<(string, int, int)>();
        int position = listTypeOffset + 4, end = listTypeOffset + listSize;
        while (position < end)
        {
            string id = Text(File, position);
            int size = (int)U32(File, position + 4);
            children.Add((id == "LIST" ? "LIST:" + Text(File, position + 8) : id, position + 8, size));
            position += 8 + size + (size & 1);
        }

        Assert.Equal(end, position);
        return children;
    }

    public static string Text(byte[] b, int at) => Encoding.ASCII.GetString(b, at, 4);

    public static uint U32(byte[] b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));
}
