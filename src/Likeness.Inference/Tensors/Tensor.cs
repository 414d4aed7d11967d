using System.Buffers;

namespace Likeness.Inference.Tensors;

/// <summary>
/// A float32 feature map in HWC (NHWC with batch 1) layout over memory rented from <see cref="ArrayPool{T}"/>.
/// A value type so that passing activations between layers allocates nothing; the code that creates one disposes
/// it exactly once (copies share the buffer).
/// </summary>
public readonly struct Tensor : IDisposable
{
    private readonly float[]? _buffer;

    private Tensor(float[] buffer, int height, int width, int channels)
    {
        _buffer = buffer;
        Height = height;
        Width = width;
        Channels = channels;
    }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Values per pixel.</summary>
    public int Channels { get; }

    /// <summary>Number of values (H·W·C).</summary>
    public int Length => Height * Width * Channels;

    /// <summary>All values, row-major HWC.</summary>
    public Span<float> Span => (_buffer ?? throw new ObjectDisposedException(nameof(Tensor))).AsSpan(0, Length);

    /// <summary>All values as memory, for writers that keep it past one call (a row-fed resize).</summary>
    internal Memory<float> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(Tensor))).AsMemory(0, Length);

    /// <summary>Rents a tensor whose contents are unspecified; the caller writes every value.</summary>
    public static Tensor Rent(int height, int width, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        return new Tensor(ArrayPool<float>.Shared.Rent(checked(height * width * channels)), height, width, channels);
    }

    /// <summary>Rents a tensor filled with zeros.</summary>
    public static Tensor Zeros(int height, int width, int channels)
    {
        Tensor t = Rent(height, width, channels);
        t.Span.Clear();
        return t;
    }

    /// <summary>The values of pixel row <paramref name="y"/> (W·C floats).</summary>
    public Span<float> Row(int y) => Span.Slice(y * Width * Channels, Width * Channels);

    /// <summary>Returns the memory to the pool.</summary>
    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<float>.Shared.Return(_buffer);
        }
    }
}
