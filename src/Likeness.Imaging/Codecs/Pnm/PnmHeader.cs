namespace Likeness.Imaging.Codecs.Pnm;

/// <summary>The parsed header of a binary PGM (P5) or PPM (P6) file.</summary>
internal readonly record struct PnmHeader(bool IsColor, int Width, int Height, int MaxValue, int DataOffset)
{
    public int Channels => IsColor ? 3 : 1;

    public int BytesPerSample => MaxValue > 255 ? 2 : 1;

    public long DataLength => (long)Width * Height * Channels * BytesPerSample;

    /// <summary>Parses "P5|P6 width height maxval" with whitespace and '#' comments, then one whitespace byte.</summary>
    public static PnmHeader Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data[0] != (byte)'P' || data[1] is not ((byte)'5' or (byte)'6'))
        {
            throw InvalidImageException.Unsupported("Only binary PGM (P5) and PPM (P6) files are supported.");
        }

        int pos = 2;
        int width = ReadNumber(data, ref pos, "width");
        int height = ReadNumber(data, ref pos, "height");
        int maxValue = ReadNumber(data, ref pos, "maximum value");
        if (maxValue is < 1 or > 65535)
        {
            throw InvalidImageException.Corrupt($"The PPM maximum value {maxValue} is outside 1..65535.");
        }

        if (pos >= data.Length || !IsWhitespace(data[pos]))
        {
            throw InvalidImageException.Truncated("The PPM header ends without pixel data.");
        }

        return new PnmHeader(data[1] == (byte)'6', width, height, maxValue, pos + 1);
    }

    private static int ReadNumber(ReadOnlySpan<byte> data, ref int pos, string what)
    {
        while (pos < data.Length && (IsWhitespace(data[pos]) || data[pos] == (byte)'#'))
        {
            if (data[pos] == (byte)'#')
            {
                while (pos < data.Length && data[pos] != (byte)'\n' && data[pos] != (byte)'\r')
                {
                    pos++;
                }
            }
            else
            {
                pos++;
            }
        }

        long value = 0;
        int start = pos;
        while (pos < data.Length && data[pos] >= (byte)'0' && data[pos] <= (byte)'9')
        {
            value = (value * 10) + (data[pos] - (byte)'0');
            if (value > int.MaxValue)
            {
                throw InvalidImageException.Corrupt($"The PPM {what} is too large.");
            }

            pos++;
        }

        if (pos == start)
        {
            throw pos >= data.Length
                ? InvalidImageException.Truncated($"The PPM header ends before its {what}.")
                : InvalidImageException.Corrupt($"The PPM header has no valid {what}.");
        }

        return (int)value;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;
}
