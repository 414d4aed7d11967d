using Likeness.Inference.Tensors;

namespace Likeness.Inference.Kernels;

/// <summary>Whole-tensor elementwise ops (TensorPrimitives does the vectorising).</summary>
public static class Elementwise
{
    /// <summary><c>destination = max(source, 0)</c>; the two may be the same tensor.</summary>
    public static void Relu(in Tensor source, in Tensor destination) => System.Numerics.Tensors.TensorPrimitives.Max(source.Span, 0f, destination.Span);

    /// <summary><c>destination += source</c>.</summary>
    public static void Add(in Tensor source, in Tensor destination) => System.Numerics.Tensors.TensorPrimitives.Add(destination.Span, source.Span, destination.Span);

    /// <summary>A copy of <paramref name="source"/> in a newly rented tensor.</summary>
    public static Tensor Copy(in Tensor source)
    {
        Tensor copy = Tensor.Rent(source.Height, source.Width, source.Channels);
        source.Span.CopyTo(copy.Span);
        return copy;
    }
}
