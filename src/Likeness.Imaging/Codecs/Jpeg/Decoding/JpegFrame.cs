namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>The SOF header: size, components and MCU geometry.</summary>
internal sealed class JpegFrame
{
    private JpegFrame(bool progressive, int width, int height, JpegComponent[] components)
    {
        Progressive = progressive;
        Width = width;
        Height = height;
        Components = components;
        foreach (JpegComponent c in components)
        {
            MaxH = Math.Max(MaxH, c.H);
            MaxV = Math.Max(MaxV, c.V);
        }

        McusWide = DivCeil(width, 8 * MaxH);
        McusHigh = DivCeil(height, 8 * MaxV);
        long coefs = 0;
        long samples = 0;
        foreach (JpegComponent c in components)
        {
            c.Width = DivCeil(width * c.H, MaxH);
            c.Height = DivCeil(height * c.V, MaxV);
            c.BlocksWide = DivCeil(c.Width, 8);
            c.BlocksHigh = DivCeil(c.Height, 8);
            c.StrideBlocks = Math.Max(c.BlocksWide, McusWide * c.H);
            c.RowsBlocks = Math.Max(c.BlocksHigh, McusHigh * c.V);
            c.CoefRows = c.RowsBlocks;
            c.PlaneRows = c.RowsBlocks * 8;
            c.CoefOffset = coefs;
            c.PlaneOffset = samples;
            long blocks = (long)c.StrideBlocks * c.RowsBlocks;
            coefs += blocks * 64;
            samples += blocks * 64;
        }

        CoefficientCount = coefs;
        SampleCount = samples;
    }

    public bool Progressive { get; }

    public int Width { get; }

    public int Height { get; }

    public JpegComponent[] Components { get; }

    public int MaxH { get; }

    public int MaxV { get; }

    public int McusWide { get; }

    public int McusHigh { get; }

    /// <summary>Coefficients (16-bit) needed to hold every block of every component.</summary>
    public long CoefficientCount { get; private set; }

    /// <summary>Bytes of the decoded (not yet upsampled) component planes.</summary>
    public long SampleCount { get; private set; }

    /// <summary>Working memory per output pixel: coefficients, planes and the RGB output, counted honestly.</summary>
    public double WorkingBytesPerPixel =>
        ((CoefficientCount * 2.0) + SampleCount + (3.0 * Width * Height)) / ((double)Width * Height);

    /// <summary>
    /// Lays the buffers out for a read by rows instead of the whole image: each component holds, below
    /// <paramref name="contextRows"/> rows kept from the row before, the samples of one MCU row (one block row in a
    /// one-component frame, whose scan is not interleaved), and the coefficients of that row only or, with
    /// <paramref name="wholeCoefficients"/>, of every block as the whole decode lays them out (for a read whose
    /// coefficients every scan refines before any row is output).
    /// </summary>
    public void UseRowWindow(int contextRows, bool wholeCoefficients)
    {
        long coefs = 0;
        long samples = 0;
        foreach (JpegComponent c in Components)
        {
            int stepRows = Components.Length == 1 ? 1 : c.V;
            c.CoefRows = wholeCoefficients ? c.RowsBlocks : stepRows;
            c.PlaneRows = contextRows + (stepRows * 8);
            c.CoefOffset = coefs;
            c.PlaneOffset = samples;
            coefs += (long)c.StrideBlocks * c.CoefRows * 64;
            samples += (long)c.PlaneStride * c.PlaneRows;
        }

        CoefficientCount = coefs;
        SampleCount = samples;
    }

    /// <summary>Parses an SOF0/1/2 segment body and checks what this decoder supports.</summary>
    public static JpegFrame Parse(ReadOnlySpan<byte> body, bool progressive)
    {
        if (body.Length < 6)
        {
            throw InvalidImageException.Corrupt("The JPEG frame header is too short.");
        }

        int precision = body[0];
        int height = (body[1] << 8) | body[2];
        int width = (body[3] << 8) | body[4];
        int count = body[5];
        if (precision != 8)
        {
            throw InvalidImageException.Unsupported(
                $"{precision}-bit JPEG is not supported; only 8-bit samples can be decoded.");
        }

        if (height == 0)
        {
            throw InvalidImageException.Unsupported(
                "JPEG files whose height is given by a DNL marker are not supported.");
        }

        if (width == 0)
        {
            throw InvalidImageException.Corrupt("The JPEG frame header declares a width of 0.");
        }

        if (count is not (1 or 3 or 4))
        {
            throw InvalidImageException.Unsupported(
                $"JPEG with {count} components is not supported (only 1, 3 or 4).");
        }

        if (body.Length < 6 + (3 * count))
        {
            throw InvalidImageException.Corrupt("The JPEG frame header is too short.");
        }

        var components = new JpegComponent[count];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> c = body.Slice(6 + (3 * i), 3);
            int h = c[1] >> 4;
            int v = c[1] & 15;
            if (h is < 1 or > 4 || v is < 1 or > 4 || c[2] > 3)
            {
                throw InvalidImageException.Corrupt("The JPEG frame header has invalid sampling factors.");
            }

            components[i] = new JpegComponent(i, c[0], h, v, c[2]);
        }

        int maxH = components.Max(c => c.H);
        int maxV = components.Max(c => c.V);
        if (components.Any(c => maxH % c.H != 0 || maxV % c.V != 0))
        {
            throw InvalidImageException.Unsupported(
                "JPEG sampling factors that are not integer ratios of each other are not supported.");
        }

        return new JpegFrame(progressive, width, height, components);
    }

    private static int DivCeil(int a, int b) => (a + b - 1) / b;
}
