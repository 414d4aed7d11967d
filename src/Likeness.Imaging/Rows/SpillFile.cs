using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Likeness.Imaging.Rows;

/// <summary>
/// A temporary file that holds what a read by rows cannot keep in memory (rows to turn, coefficients every scan
/// refines, passes to interleave), written in order or sized up front, then mapped: libjpeg's backing store. It is
/// deleted when disposed or when the process ends, even when killed (on Unix it is unlinked as soon as it is open).
/// The mapped pages are the operating system's page cache (reclaimable), not the heap, unless the temp folder is a
/// tmpfs, whose pages are memory.
/// </summary>
internal sealed unsafe class SpillFile : IDisposable
{
    private readonly FileStream _file;
    private MemoryMappedFile? _mapped;
    private MemoryMappedViewAccessor? _view;
    private byte* _pointer;

    private SpillFile(FileStream file, string path)
    {
        _file = file;
        Path = path;
    }

    /// <summary>The file's path (for tests: gone once created on Unix, and on every system once disposed).</summary>
    public string Path { get; }

    /// <summary>The file's length in bytes.</summary>
    public long Length => _file.Length;

    /// <summary>Creates an empty temporary file in the system temp folder.</summary>
    public static SpillFile Create()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"likeness-spill-{Guid.NewGuid():N}.tmp");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows())
        {
            // Unix deletes on close only when the handle is disposed; unlinked now, the open handle keeps the data and
            // a process that is killed leaves nothing behind (Windows deletes on close even then).
            File.Delete(path);
        }

        return new SpillFile(file, path);
    }

    /// <summary>Appends <paramref name="bytes"/> (before the file is mapped).</summary>
    public void Write(ReadOnlySpan<byte> bytes) => _file.Write(bytes);

    /// <summary>Makes the file <paramref name="length"/> bytes long; bytes never written read as zero.</summary>
    public void SetLength(long length) => _file.SetLength(length);

    /// <summary>
    /// Maps the whole file (once; later calls give the same address) and returns its first byte: read-only for a
    /// file written in order, read-write for one sized up front and filled in place.
    /// </summary>
    public byte* Map(bool writable)
    {
        if (_pointer is not null)
        {
            return _pointer;
        }

        _file.Flush();
        long length = _file.Length;
        MemoryMappedFileAccess access = writable ? MemoryMappedFileAccess.ReadWrite : MemoryMappedFileAccess.Read;
        _mapped = MemoryMappedFile.CreateFromFile(_file, mapName: null, length, access, HandleInheritability.None, leaveOpen: true);
        _view = _mapped.CreateViewAccessor(0, length, access);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _pointer = pointer + _view.PointerOffset;
        return _pointer;
    }

    /// <summary>
    /// Maps the whole file read-write (as <see cref="Map"/>) as memory of <typeparamref name="T"/> values, as many as
    /// fit: for code that takes a <see cref="Span{T}"/>. Valid until the file is disposed.
    /// </summary>
    public Memory<T> MapAs<T>()
        where T : unmanaged
    {
        long count = Length / sizeof(T);
        if (count > int.MaxValue)
        {
            throw new InvalidOperationException("A spill file mapped as memory holds at most int.MaxValue values.");
        }

        return new Mapping<T>((T*)Map(writable: true), (int)count).Memory;
    }

    /// <summary>Unmaps and deletes the file.</summary>
    public void Dispose()
    {
        if (_pointer is not null)
        {
            _view!.SafeMemoryMappedViewHandle.ReleasePointer();
            _pointer = null;
        }

        _view?.Dispose();
        _mapped?.Dispose();
        _file.Dispose(); // DeleteOnClose: the file goes with its handle.
    }

    /// <summary>The mapped pages as <see cref="Memory{T}"/> (the file owns the mapping: nothing to pin or release).</summary>
    private sealed class Mapping<T>(T* pointer, int length) : MemoryManager<T>
        where T : unmanaged
    {
        public override Span<T> GetSpan() => new(pointer, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
