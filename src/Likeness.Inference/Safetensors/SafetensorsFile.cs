using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Likeness.Inference.Safetensors;

/// <summary>
/// A memory-mapped <c>.safetensors</c> file: the header is parsed and validated on open (offsets inside the file,
/// no overlap or gap, shape × dtype = byte length); tensor bytes stay in the mapping and are converted to
/// <see cref="float"/> only into the buffers callers hand in.
/// </summary>
public sealed unsafe class SafetensorsFile : IDisposable
{
    private readonly MemoryMappedFile _mapping;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _data;
    private readonly long _dataLength;
    private readonly Dictionary<string, SafetensorsTensorInfo> _tensors;
    private bool _disposed;

    private SafetensorsFile(string path, MemoryMappedFile mapping, MemoryMappedViewAccessor view, long fileLength)
    {
        FileName = Path.GetFileName(path);
        _mapping = mapping;
        _view = view;
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        start += view.PointerOffset;
        try
        {
            ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(start, 8));
            if (headerLength > SafetensorsHeader.MaxHeaderBytes || (long)headerLength > fileLength - 8)
            {
                throw new InvalidModelException(
                    $"{FileName}: header length {headerLength} does not fit in a {fileLength}-byte file (truncated or not safetensors).");
            }

            _data = start + 8 + (long)headerLength;
            _dataLength = fileLength - 8 - (long)headerLength;
            (_tensors, Metadata) = SafetensorsHeader.Parse(
                new ReadOnlySpan<byte>(start + 8, (int)headerLength), _dataLength, FileName);
        }
        catch
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            throw;
        }
    }

    /// <summary>The file name used in error messages.</summary>
    public string FileName { get; }

    /// <summary>The <c>__metadata__</c> strings (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Every tensor's header entry by name.</summary>
    public IReadOnlyDictionary<string, SafetensorsTensorInfo> Tensors => _tensors;

    /// <summary>Opens and validates a file; throws <see cref="InvalidModelException"/> naming the problem.</summary>
    public static SafetensorsFile Open(string path)
    {
        long length = new FileInfo(path).Length;
        if (length < 8)
        {
            throw new InvalidModelException($"{Path.GetFileName(path)}: {length} bytes is too short for a safetensors file.");
        }

        MemoryMappedFile mapping = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        MemoryMappedViewAccessor? view = null;
        try
        {
            view = mapping.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            return new SafetensorsFile(path, mapping, view, length);
        }
        catch
        {
            view?.Dispose();
            mapping.Dispose();
            throw;
        }
    }

    /// <summary>The entry of tensor <paramref name="name"/>; throws naming it when it is absent.</summary>
    public SafetensorsTensorInfo Get(string name) =>
        _tensors.TryGetValue(name, out SafetensorsTensorInfo? info)
            ? info
            : throw new InvalidModelException($"{FileName}: tensor '{name}' is missing.", name);

    /// <summary>
    /// The entry of tensor <paramref name="name"/>, checked to have <paramref name="shape"/> and a float dtype;
    /// throws naming the tensor, the expected and the actual shape otherwise.
    /// </summary>
    public SafetensorsTensorInfo Get(string name, params ReadOnlySpan<long> shape)
    {
        SafetensorsTensorInfo info = Get(name);
        if (!info.Shape.SequenceEqual(shape.ToArray()))
        {
            throw new InvalidModelException(
                $"{FileName}: tensor '{name}' has shape {info.ShapeText}, expected [{string.Join(", ", shape.ToArray())}].", name);
        }

        if (info.DType is not (SafetensorsDType.F32 or SafetensorsDType.F16 or SafetensorsDType.BF16))
        {
            throw new InvalidModelException(
                $"{FileName}: tensor '{name}' is {info.DType.HeaderName()}; only F32, F16 and BF16 weights are supported.", name);
        }

        return info;
    }

    /// <summary>The raw little-endian bytes of a tensor, straight from the mapping.</summary>
    public ReadOnlySpan<byte> GetBytes(SafetensorsTensorInfo tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new ReadOnlySpan<byte>(_data + tensor.Begin, checked((int)tensor.ByteLength));
    }

    /// <summary>
    /// Converts elements <paramref name="start"/> .. <paramref name="start"/> + destination length of a float
    /// tensor to <see cref="float"/> (exactly: F16 and BF16 widen without rounding).
    /// </summary>
    public void ReadSingles(SafetensorsTensorInfo tensor, long start, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + destination.Length, tensor.ElementCount);
        byte* first = _data + tensor.Begin + (start * tensor.DType.ElementSize());
        switch (tensor.DType)
        {
            case SafetensorsDType.F32:
                new ReadOnlySpan<float>(first, destination.Length).CopyTo(destination);
                break;
            case SafetensorsDType.F16:
                TensorPrimitives.ConvertToSingle(new ReadOnlySpan<Half>(first, destination.Length), destination);
                break;
            case SafetensorsDType.BF16:
                WidenBFloat16(new ReadOnlySpan<ushort>(first, destination.Length), MemoryMarshal.Cast<float, uint>(destination));
                break;
            default:
                throw new InvalidModelException(
                    $"{FileName}: tensor '{tensor.Name}' is {tensor.DType.HeaderName()}, not a float type.", tensor.Name);
        }
    }

    /// <summary>The whole float tensor, checked to have <paramref name="shape"/>, as a new F32 array.</summary>
    public float[] ReadSingles(string name, params ReadOnlySpan<long> shape)
    {
        SafetensorsTensorInfo info = Get(name, shape);
        float[] values = GC.AllocateUninitializedArray<float>(checked((int)info.ElementCount));
        ReadSingles(info, 0, values);
        return values;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _mapping.Dispose();
    }

    private static void WidenBFloat16(ReadOnlySpan<ushort> source, Span<uint> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (uint)source[i] << 16;
        }
    }
}
