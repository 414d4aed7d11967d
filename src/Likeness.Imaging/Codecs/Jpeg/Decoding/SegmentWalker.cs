using static Likeness.Imaging.Codecs.Jpeg.JpegConstants.Markers;

namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// Walks a JPEG's marker segments from scan to scan, applying each header segment as it passes: the one walk the
/// whole-image decode and the row reader share, so both meet the same headers, limits, truncation and errors.
/// </summary>
internal sealed class SegmentWalker
{
    /// <summary>
    /// Most scans accepted (TurboJPEG's scan limit): each scan walks every block, so an endless run of tiny
    /// scans would otherwise make a small file cost unbounded time. Real files have at most a few dozen.
    /// </summary>
    private const int MaxScans = 500;

    private readonly ImageLimits _limits;
    private int _scans;

    public SegmentWalker(ImageLimits limits) => _limits = limits;

    /// <summary>What the segments have said so far.</summary>
    public JpegHeaders Headers { get; } = new();

    /// <summary>Index of the next byte to read (after a scan: where its entropy data ended).</summary>
    public int Position { get; set; } = 2;

    /// <summary>A marker already read by the entropy decoder at the end of a scan, or 0.</summary>
    public byte Pending { get; set; }

    /// <summary>True once the data ended before the image did (inside a segment, or without an EOI).</summary>
    public bool Truncated { get; private set; }

    /// <summary>
    /// Applies segments up to the next scan and returns its header, with <see cref="Position"/> at its entropy
    /// data; null at EOI or at the end of the data (<see cref="Truncated"/> then says which).
    /// <paramref name="started"/> says whether a scan came before: a first scan with no byte after its header is
    /// the file ending before any image data, as in libjpeg.
    /// </summary>
    public JpegScanHeader? NextScan(ReadOnlySpan<byte> data, bool started)
    {
        while (true)
        {
            int position = Position;
            byte marker = Pending != 0 ? Pending : MarkerScanner.Next(data, ref position);
            Pending = 0;
            Position = position;
            if (marker == 0)
            {
                Truncated = true;
                return null;
            }

            if (marker == Eoi)
            {
                return null;
            }

            if (marker != Sos)
            {
                if (!Headers.Apply(marker, data, ref position, _limits))
                {
                    Truncated = true;
                    return null;
                }

                Position = position;
                continue;
            }

            JpegFrame frame = Headers.Frame ?? throw InvalidImageException.Corrupt("The JPEG scan comes before the frame header.");
            // A later scan whose header is whole still starts with no data after it, as in libjpeg: its
            // coefficients stay as they were, but it changes how block smoothing reads them.
            int headerEnd = position + 2 > data.Length ? int.MaxValue : position + ((data[position] << 8) | data[position + 1]);
            if (headerEnd > data.Length || (headerEnd == data.Length && !started))
            {
                Truncated = true;
                return null;
            }

            if (++_scans > MaxScans)
            {
                throw InvalidImageException.Corrupt($"The JPEG file has more than {MaxScans} scans.");
            }

            int length = (data[position] << 8) | data[position + 1];
            JpegScanHeader scan = JpegScanHeader.Parse(data.Slice(position + 2, Math.Max(0, length - 2)), frame);
            Position = position + length;
            return scan;
        }
    }

    /// <summary>Latches the quantisation tables of the scan's components (libjpeg does so at a component's first scan).</summary>
    public void LatchQuantTables(JpegScanHeader scan)
    {
        foreach (JpegComponent c in scan.Components)
        {
            c.Quant ??= Headers.QuantTable(c.QuantTable);
        }
    }

    /// <summary>The error for a file whose walk ended before any scan had data.</summary>
    public InvalidImageException NoImageData() =>
        Headers.Frame is null && !Truncated
            ? InvalidImageException.Corrupt("The JPEG file has no frame header.")
            : InvalidImageException.Truncated("The JPEG file ends before any image data.");
}
