namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>Finds markers the way libjpeg's next_marker does, in one linear pass.</summary>
internal static class MarkerScanner
{
    /// <summary>
    /// Skips to the next FF xx with xx neither 00 (stuffing) nor FF (fill), returns xx and leaves
    /// <paramref name="position"/> after it; returns 0 (and leaves it at the end) when the data ends first.
    /// </summary>
    public static byte Next(ReadOnlySpan<byte> data, ref int position)
    {
        int p = position;
        while (p < data.Length)
        {
            int ff = data[p..].IndexOf((byte)0xFF);
            if (ff < 0)
            {
                break;
            }

            p += ff + 1;
            while (p < data.Length && data[p] == 0xFF)
            {
                p++;
            }

            if (p >= data.Length)
            {
                break;
            }

            byte code = data[p++];
            if (code != 0)
            {
                position = p;
                return code;
            }
        }

        position = data.Length;
        return 0;
    }
}
