using System.Buffers;

namespace Likeness.Inference.Transformers;

/// <summary>Scratch buffers for one forward pass, rented from <see cref="ArrayPool{T}"/> and returned on dispose.</summary>
internal sealed class EncoderWorkspace : IDisposable
{
    private readonly float[] _normed, _qkv, _attention, _hidden;

    public EncoderWorkspace(int rows, int width, int inner)
    {
        _normed = ArrayPool<float>.Shared.Rent(rows * width);
        _qkv = ArrayPool<float>.Shared.Rent(rows * 3 * width);
        _attention = ArrayPool<float>.Shared.Rent(rows * width);
        _hidden = ArrayPool<float>.Shared.Rent(rows * inner);
    }

    public Span<float> Normed => _normed;

    public Span<float> Qkv => _qkv;

    public Span<float> Attention => _attention;

    public Span<float> Hidden => _hidden;

    public void Dispose()
    {
        ArrayPool<float>.Shared.Return(_normed);
        ArrayPool<float>.Shared.Return(_qkv);
        ArrayPool<float>.Shared.Return(_attention);
        ArrayPool<float>.Shared.Return(_hidden);
    }
}
