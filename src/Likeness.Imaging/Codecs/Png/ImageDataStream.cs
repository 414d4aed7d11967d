namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// The bodies of a PNG's IDAT chunks read back to back as one stream, straight from the caller's pinned bytes,
/// so the compressed data is never copied. The caller keeps the memory pinned while the stream is in use.
/// </summary>
internal sealed unsafe class ImageDataStream : ForwardOnlyStream
{
    private readonly byte* _data;
    private readonly List<(int Offset, int Length)> _chunks;
    private int _chunk;
    private int _used;

    public ImageDataStream(byte* data, List<(int Offset, int Length)> chunks)
    {
        _data = data;
        _chunks = chunks;
    }

    public override bool CanRead => true;

    public override int Read(Span<byte> buffer)
    {
        while (_chunk < _chunks.Count)
        {
            (int offset, int length) = _chunks[_chunk];
            int count = Math.Min(buffer.Length, length - _used);
            if (count > 0)
            {
                new ReadOnlySpan<byte>(_data + offset + _used, count).CopyTo(buffer);
                _used += count;
                return count;
            }

            if (buffer.IsEmpty)
            {
                return 0;
            }

            _chunk++;
            _used = 0;
        }

        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
}
