using System.Buffers;

namespace Likeness.Imaging.Resampling;

/// <summary>
/// The fixed-point filter weights of one axis, computed exactly as Pillow's <c>precompute_coeffs</c> and
/// <c>normalize_coeffs_8bpc</c>: output pixel <c>i</c> reads input pixels <c>[First(i), First(i) + Count(i))</c>
/// with weights <c>Weights(i)</c> in 22-bit fixed point. Buffers are rented; dispose to return them.
/// </summary>
internal sealed class AxisCoefficients : IDisposable
{
    /// <summary>Fraction bits of the weights (Pillow's <c>PRECISION_BITS = 32 - 8 - 2</c>).</summary>
    public const int PrecisionBits = 22;

    /// <summary>The accumulator's starting value, so that the final shift rounds half up.</summary>
    public const int Half = 1 << (PrecisionBits - 1);

    private int[]? _bounds;
    private int[]? _weights;

    private AxisCoefficients(int outSize, int kernelSize, int[] bounds, int[] weights)
    {
        OutSize = outSize;
        KernelSize = kernelSize;
        _bounds = bounds;
        _weights = weights;
    }

    /// <summary>Number of output pixels.</summary>
    public int OutSize { get; }

    /// <summary>Weights stored per output pixel (the most any output pixel uses).</summary>
    public int KernelSize { get; }

    /// <summary>First input pixel of output <paramref name="i"/>.</summary>
    public int First(int i) => Bounds[2 * i];

    /// <summary>Number of input pixels output <paramref name="i"/> reads.</summary>
    public int Count(int i) => Bounds[(2 * i) + 1];

    /// <summary>The <see cref="Count"/> weights of output <paramref name="i"/>.</summary>
    public ReadOnlySpan<int> Weights(int i) => WeightTable.AsSpan(i * KernelSize, Count(i));

    private int[] Bounds => _bounds ?? throw new ObjectDisposedException(nameof(AxisCoefficients));

    private int[] WeightTable => _weights ?? throw new ObjectDisposedException(nameof(AxisCoefficients));

    /// <summary>
    /// Weights for resampling the input interval <c>[in0, in1)</c> of an axis of <paramref name="inSize"/> pixels
    /// to <paramref name="outSize"/> pixels. The interval is single precision, as Pillow's box is.
    /// </summary>
    public static AxisCoefficients Compute(int inSize, float in0, float in1, int outSize, ResampleFilter filter)
    {
        // Pillow subtracts in float, then widens.
        double scale = (double)(in1 - in0) / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = FilterKernels.Support(filter) * filterScale;
        double kernelSize = (Math.Ceiling(support) * 2) + 1;
        if (kernelSize * outSize > Array.MaxLength)
        {
            throw new InvalidImageException(
                InvalidImageReason.LimitExceeded,
                $"Resampling {inSize} to {outSize} pixels needs too many filter weights.");
        }

        int ksize = (int)kernelSize;
        int[] bounds = ArrayPool<int>.Shared.Rent(2 * outSize);
        int[] weights = ArrayPool<int>.Shared.Rent(ksize * outSize);
        double[] taps = ArrayPool<double>.Shared.Rent(ksize);
        try
        {
            double inverseScale = 1.0 / filterScale;
            for (int i = 0; i < outSize; i++)
            {
                double center = in0 + ((i + 0.5) * scale);

                // C casts truncate toward zero; so do C# casts.
                int min = Math.Max((int)(center - support + 0.5), 0);
                int max = Math.Min((int)(center + support + 0.5), inSize);
                int count = max - min;
                double sum = 0.0;
                for (int j = 0; j < count; j++)
                {
                    double w = FilterKernels.Evaluate(filter, (j + min - center + 0.5) * inverseScale);
                    taps[j] = w;
                    sum += w;
                }

                Span<int> row = weights.AsSpan(i * ksize, ksize);
                row.Clear();
                for (int j = 0; j < count; j++)
                {
                    double w = sum != 0.0 ? taps[j] / sum : taps[j];
                    row[j] = w < 0
                        ? (int)(-0.5 + (w * (1 << PrecisionBits)))
                        : (int)(0.5 + (w * (1 << PrecisionBits)));
                }

                bounds[2 * i] = min;
                bounds[(2 * i) + 1] = count;
            }
        }
        catch
        {
            ArrayPool<int>.Shared.Return(bounds);
            ArrayPool<int>.Shared.Return(weights);
            throw;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(taps);
        }

        return new AxisCoefficients(outSize, ksize, bounds, weights);
    }

    /// <summary>Returns the buffers to the pool.</summary>
    public void Dispose()
    {
        int[]? bounds = Interlocked.Exchange(ref _bounds, null);
        int[]? weights = Interlocked.Exchange(ref _weights, null);
        if (bounds is not null)
        {
            ArrayPool<int>.Shared.Return(bounds);
        }

        if (weights is not null)
        {
            ArrayPool<int>.Shared.Return(weights);
        }
    }
}
