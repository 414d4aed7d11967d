namespace Likeness.Imaging.Codecs.Pnm;

/// <summary>Decodes binary PGM (P5) and PPM (P6) with any maximum value up to 65535, to 8-bit RGB.</summary>
internal static class PnmDecoder
{
    public static ImageInfo Identify(ReadOnlySpan<byte> data, ImageLimits limits)
    {
        PnmHeader header = PnmHeader.Parse(data);
        limits.EnsureWithin(header.Width, header.Height, 3);
        return ToInfo(header);
    }

    public static DecodedImage Decode(ReadOnlySpan<byte> data, ImageLimits limits)
    {
        PnmHeader header = PnmHeader.Parse(data);
        limits.EnsureWithin(header.Width, header.Height, 3);
        ReadOnlySpan<byte> samples = data[header.DataOffset..];
        long available = Math.Min(samples.Length, header.DataLength);
        int bytesPerPixel = header.Channels * header.BytesPerSample;
        long completePixels = available / bytesPerPixel;
        if (completePixels == 0)
        {
            throw InvalidImageException.Truncated("The PPM file has a header but no pixel data.");
        }

        Image image = Image.CreateUninitialized(header.Width, header.Height, PixelFormat.Rgb24);
        Span<byte> dst = image.Pixels;
        Span<byte> lut = header.BytesPerSample == 1 ? stackalloc byte[256] : default;
        if (header.BytesPerSample == 1)
        {
            for (int v = 0; v < 256; v++)
            {
                lut[v] = ScaleTo8Bit(Math.Min(v, header.MaxValue), header.MaxValue);
            }
        }

        for (long p = 0; p < completePixels; p++)
        {
            int s = (int)(p * bytesPerPixel);
            int d = (int)(p * 3);
            for (int c = 0; c < 3; c++)
            {
                int channel = header.IsColor ? c : 0;
                dst[d + c] = header.BytesPerSample == 1
                    ? lut[samples[s + channel]]
                    : ScaleTo8Bit(
                        Math.Min((samples[s + (2 * channel)] << 8) | samples[s + (2 * channel) + 1], header.MaxValue),
                        header.MaxValue);
            }
        }

        bool truncated = completePixels < (long)header.Width * header.Height;
        dst[(int)(completePixels * 3)..].Clear();
        return new DecodedImage(image, ToInfo(header), truncated);
    }

    /// <summary>Rounds v × 255 / max to nearest, as netpbm's depth conversion does.</summary>
    private static byte ScaleTo8Bit(int value, int maxValue) =>
        maxValue == 255 ? (byte)value : (byte)(((value * 255L) + (maxValue / 2)) / maxValue);

    private static ImageInfo ToInfo(PnmHeader header) => new()
    {
        Format = ImageFormat.Pnm,
        Width = header.Width,
        Height = header.Height,
        BitDepth = header.MaxValue > 255 ? 16 : 8,
        ColorType = header.IsColor ? ColorType.Rgb : ColorType.Gray,
        Channels = header.Channels,
    };
}
