using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Likeness.Server.References.Spooling;

/// <summary>
/// A read-only mapped view as <see cref="Memory{T}"/>, so code that takes bytes (the reference checks, the asset store)
/// reads the file where the operating system maps it instead of a copy on the managed heap. The view stays mapped,
/// and its memory valid, until this is disposed.
/// </summary>
internal sealed unsafe class MappedBytes : MemoryManager<byte>
{
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _start;
    private readonly int _length;

    public MappedBytes(MemoryMappedViewAccessor view, int length)
    {
        ArgumentNullException.ThrowIfNull(view);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _view = view;
        _start = pointer + view.PointerOffset;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_start, _length);

    // Mapped memory never moves: pinning is only its address.
    public override MemoryHandle Pin(int elementIndex = 0) => new(_start + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }
    }
}
