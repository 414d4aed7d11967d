using Likeness.Imaging.Rows;

namespace Likeness.Imaging.Codecs.WebP;

/// <summary>How a still WebP is read by rows: lossy (<see cref="WebPLossyRowStream"/>) or lossless (<see cref="WebPLosslessRowStream"/>).</summary>
internal static class WebPRowPlan
{
    /// <summary>
    /// Reads the container (every check of the whole-image decode before the bitstream made first) for any number of
    /// row reads; null for an animated file (the decode refuses it).
    /// </summary>
    public static IRowPlan? TryPlan(ReadOnlySpan<byte> data, ImageLimits limits, out ImageInfo info)
    {
        WebPHeader header = WebPContainer.Parse(data);
        info = WebPDecoder.Info(header);
        if (header.Animated)
        {
            return null;
        }

        if (header.Lossless)
        {
            return new WebPLosslessRowStream.Plan(header, WebPDecoder.LosslessBudget(header, limits));
        }

        WebPDecoder.EnsureLossyWithin(header, limits);
        return new WebPLossyRowStream.Plan(header, WebPDecoder.AlphaBudget(header, limits));
    }
}
