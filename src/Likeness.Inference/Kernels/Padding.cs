namespace Likeness.Inference.Kernels;

/// <summary>How a window op pads its input (TensorFlow semantics).</summary>
public enum PaddingMode
{
    /// <summary>No padding: <c>out = ceil((in - k + 1) / stride)</c>.</summary>
    Valid,

    /// <summary><c>out = ceil(in / stride)</c>, padding split with the odd cell after (bottom/right), as TensorFlow does.</summary>
    Same,
}

/// <summary>The output size and leading padding of a k×k window with a stride over an H×W input.</summary>
/// <param name="OutHeight">Output rows.</param>
/// <param name="OutWidth">Output columns.</param>
/// <param name="PadTop">Padding rows before the first input row.</param>
/// <param name="PadLeft">Padding columns before the first input column.</param>
public readonly record struct WindowGeometry(int OutHeight, int OutWidth, int PadTop, int PadLeft)
{
    /// <summary>Computes the geometry for <paramref name="mode"/>, or for <paramref name="explicitPad"/> cells on every side when it is not negative.</summary>
    public static WindowGeometry Create(int inHeight, int inWidth, int kernel, int stride, PaddingMode mode, int explicitPad = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        if (explicitPad >= 0)
        {
            return new(
                ((inHeight + (2 * explicitPad) - kernel) / stride) + 1,
                ((inWidth + (2 * explicitPad) - kernel) / stride) + 1,
                explicitPad,
                explicitPad);
        }

        if (mode == PaddingMode.Valid)
        {
            return new(CeilDiv(inHeight - kernel + 1, stride), CeilDiv(inWidth - kernel + 1, stride), 0, 0);
        }

        int outH = CeilDiv(inHeight, stride);
        int outW = CeilDiv(inWidth, stride);
        int padH = Math.Max(0, ((outH - 1) * stride) + kernel - inHeight);
        int padW = Math.Max(0, ((outW - 1) * stride) + kernel - inWidth);
        return new(outH, outW, padH / 2, padW / 2);
    }

    private static int CeilDiv(int a, int b) => a <= 0 ? 0 : (a + b - 1) / b;
}
