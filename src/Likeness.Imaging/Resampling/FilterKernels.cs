namespace Likeness.Imaging.Resampling;

/// <summary>
/// The filter functions of Pillow's <c>libImaging/Resample.c</c>, written with the same operations in the same
/// order so the double results (and hence the fixed-point weights) are bit-identical.
/// </summary>
internal static class FilterKernels
{
    /// <summary>Half-width of the kernel in input pixels at scale 1.</summary>
    public static double Support(ResampleFilter filter) => filter switch
    {
        ResampleFilter.Box => 0.5,
        ResampleFilter.Bilinear or ResampleFilter.Hamming => 1.0,
        ResampleFilter.Bicubic => 2.0,
        ResampleFilter.Lanczos3 => 3.0,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "Unknown resample filter."),
    };

    /// <summary>The kernel value at <paramref name="x"/> (in kernel units).</summary>
    public static double Evaluate(ResampleFilter filter, double x) => filter switch
    {
        ResampleFilter.Box => x > -0.5 && x <= 0.5 ? 1.0 : 0.0,
        ResampleFilter.Bilinear => Bilinear(x),
        ResampleFilter.Hamming => Hamming(x),
        ResampleFilter.Bicubic => Bicubic(x),
        ResampleFilter.Lanczos3 => -3.0 <= x && x < 3.0 ? Sinc(x) * Sinc(x / 3) : 0.0,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "Unknown resample filter."),
    };

    private static double Bilinear(double x)
    {
        x = Math.Abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    private static double Hamming(double x)
    {
        x = Math.Abs(x);
        if (x == 0.0)
        {
            return 1.0;
        }

        if (x >= 1.0)
        {
            return 0.0;
        }

        x *= Math.PI;
        return Math.Sin(x) / x * (0.54 + (0.46 * Math.Cos(x)));
    }

    private static double Bicubic(double x)
    {
        const double A = -0.5;
        x = Math.Abs(x);
        if (x < 1.0)
        {
            return ((((A + 2.0) * x) - (A + 3.0)) * x * x) + 1;
        }

        if (x < 2.0)
        {
            return ((((((x - 5) * x) + 8) * x) - 4) * A);
        }

        return 0.0;
    }

    private static double Sinc(double x)
    {
        if (x == 0.0)
        {
            return 1.0;
        }

        x *= Math.PI;
        return Math.Sin(x) / x;
    }
}
