namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>An SOS header: the components of the scan, their tables and the spectral/approximation bounds.</summary>
internal sealed class JpegScanHeader
{
    private JpegScanHeader(JpegComponent[] components, int ss, int se, int ah, int al)
    {
        Components = components;
        Ss = ss;
        Se = se;
        Ah = ah;
        Al = al;
    }

    public JpegComponent[] Components { get; }

    /// <summary>First coefficient (zig-zag index) of the band.</summary>
    public int Ss { get; }

    /// <summary>Last coefficient of the band.</summary>
    public int Se { get; }

    /// <summary>Previous successive-approximation bit position (0 for a first scan).</summary>
    public int Ah { get; }

    /// <summary>Current successive-approximation bit position.</summary>
    public int Al { get; }

    /// <summary>Parses an SOS body, checking it against the frame as libjpeg does.</summary>
    public static JpegScanHeader Parse(ReadOnlySpan<byte> body, JpegFrame frame)
    {
        if (body.Length < 1)
        {
            throw InvalidImageException.Corrupt("The JPEG scan header is too short.");
        }

        int count = body[0];
        if (count is < 1 or > 4 || body.Length < 4 + (2 * count))
        {
            throw InvalidImageException.Corrupt("The JPEG scan header is invalid.");
        }

        var components = new JpegComponent[count];
        int blocksInMcu = 0;
        for (int i = 0; i < count; i++)
        {
            int id = body[1 + (2 * i)];
            int tables = body[2 + (2 * i)];
            JpegComponent? component = Array.Find(frame.Components, c => c.Id == id);
            if (component is null || Array.IndexOf(components, component) >= 0)
            {
                throw InvalidImageException.Corrupt("A JPEG scan refers to a component the frame does not have.");
            }

            component.DcTable = tables >> 4;
            component.AcTable = tables & 15;
            if (component.DcTable > 3 || component.AcTable > 3)
            {
                throw InvalidImageException.Corrupt("A JPEG scan refers to an invalid Huffman table.");
            }

            components[i] = component;
            blocksInMcu += component.H * component.V;
        }

        if (count > 1 && blocksInMcu > 10)
        {
            throw InvalidImageException.Corrupt("The JPEG sampling factors are too large for an interleaved scan.");
        }

        int p = 1 + (2 * count);
        int ss = body[p];
        int se = body[p + 1];
        int ah = body[p + 2] >> 4;
        int al = body[p + 2] & 15;
        if (frame.Progressive)
        {
            bool bad = ss == 0 ? se != 0 : ss > se || se > 63 || count != 1;
            bad |= ah != 0 && al != ah - 1;
            bad |= al > 13;
            if (bad)
            {
                throw InvalidImageException.Corrupt("The JPEG file has an invalid progressive scan.");
            }
        }
        else
        {
            // Sequential scans always cover the whole band; libjpeg ignores the fields.
            ss = 0;
            se = 63;
            ah = 0;
            al = 0;
        }

        return new JpegScanHeader(components, ss, se, ah, al);
    }
}
