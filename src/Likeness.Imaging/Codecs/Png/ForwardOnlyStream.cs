namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// The part of <see cref="Stream"/> that the PNG codec's one-way streams share: no seeking, no length, no
/// position, and neither reading nor writing unless the subclass overrides it.
/// </summary>
internal abstract class ForwardOnlyStream : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Flush()
    {
    }
}
