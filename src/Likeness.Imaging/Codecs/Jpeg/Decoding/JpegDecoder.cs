using static Likeness.Imaging.Codecs.Jpeg.JpegConstants.Markers;

namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// Decodes baseline, extended sequential and progressive Huffman JPEG (1, 3 or 4 components, any integer
/// sampling) to 8-bit RGB, matching libjpeg-turbo's djpeg defaults (ISLOW IDCT, fancy upsampling, and
/// <see cref="BlockSmoothing"/> of progressive images whose coefficients are incomplete, whether the file carries
/// fewer scans or is cut short; such images are also flagged <see cref="DecodedImage.IsProgressionIncomplete"/>).
/// </summary>
internal static class JpegDecoder
{
    /// <summary>Images smaller than this many pixels are decoded on one thread (threads would cost more).</summary>
    private const long ParallelThresholdPixels = 256 * 1024;

    /// <summary>Reads the headers up to the first scan.</summary>
    public static ImageInfo Identify(ReadOnlySpan<byte> data, ImageLimits limits)
    {
        var headers = new JpegHeaders();
        int position = 2;
        while (true)
        {
            byte marker = MarkerScanner.Next(data, ref position);
            if (marker is 0 or Eoi or Sos)
            {
                JpegFrame frame = headers.Frame ?? throw (marker == 0
                    ? InvalidImageException.Truncated("The JPEG file ends before its frame header.")
                    : InvalidImageException.Corrupt("The JPEG file has no frame header."));
                return ToInfo(headers, frame);
            }

            if (!headers.Apply(marker, data, ref position, limits))
            {
                throw InvalidImageException.Truncated("The JPEG file ends inside its headers.");
            }
        }
    }

    /// <summary>Decodes the image using every core for large images.</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> data, ImageLimits limits) =>
        Decode(data, limits, Environment.ProcessorCount);

    /// <summary>Decodes the image with at most <paramref name="maxThreads"/> threads.</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> data, ImageLimits limits, int maxThreads)
    {
        var walker = new SegmentWalker(limits);
        JpegHeaders headers = walker.Headers;
        JpegScanHeader first = walker.NextScan(data, started: false) ?? throw walker.NoImageData();
        JpegFrame frame = headers.Frame!;
        walker.LatchQuantTables(first);
        int threads = (long)frame.Width * frame.Height >= ParallelThresholdPixels ? Math.Max(1, maxThreads) : 1;
        using var output = new OutputStage(frame, headers.ColorType(frame), clearCoefficients: !IsSingleScan(frame, first));
        ScanWalk walk = DecodeScans(data, walker, first, output.Coefficients, output, threads);
        output.Smoothing = BlockSmoothing.For(frame, walk.Progression);
        output.Finish(threads);
        return new DecodedImage(output.TakeImage(), ToInfo(headers, frame), walk.Truncated)
        {
            IsProgressionIncomplete = walk.IsProgressionIncomplete(frame),
        };
    }

    /// <summary>
    /// Entropy-decodes every scan from <paramref name="first"/> (whose header <paramref name="walker"/> has just read)
    /// to the end of the file into <paramref name="coefficients"/> (every block, zero or as earlier scans left them,
    /// at each component's <see cref="JpegComponent.CoefOffset"/>), walking the segments between scans: the scan loop
    /// of the whole decode and of the read by rows that spills coefficients. A scan that carries every component of a
    /// sequential frame completes the image; <paramref name="streamTo"/>, if given, transforms its rows as they come
    /// (on a second thread when <paramref name="threads"/> allows), and the later scans' headers are only checked.
    /// </summary>
    internal static ScanWalk DecodeScans(
        ReadOnlySpan<byte> data, SegmentWalker walker, JpegScanHeader first, Span<short> coefficients, OutputStage? streamTo, int threads)
    {
        JpegHeaders headers = walker.Headers;
        JpegFrame frame = headers.Frame!;
        ProgressionTracker? progression = frame.Progressive ? new ProgressionTracker(frame.Components.Length) : null;
        bool truncated = false;
        bool finalScanDone = false;
        for (JpegScanHeader? scan = first; scan is not null; scan = walker.NextScan(data, started: true))
        {
            if (finalScanDone)
            {
                continue; // A single-scan sequential image is already complete; later scans change nothing.
            }

            walker.LatchQuantTables(scan);
            bool streaming = IsSingleScan(frame, scan);
            progression?.Started(scan);
            var decoder = new ScanDecoder(
                new BitReader(data, walker.Position), frame, scan, headers.DcTables, headers.AcTables, coefficients, headers.RestartInterval);
            if (streaming && streamTo is not null && threads > 1)
            {
                using var pipeline = new PipelinedOutput(streamTo);
                decoder.Decode(pipeline.Publish);
                pipeline.Complete();
            }
            else
            {
                decoder.Decode(streaming && streamTo is not null ? streamTo.Advance : null);
            }

            finalScanDone = streaming;
            BitReader reader = decoder.Reader;
            walker.Pending = reader.FinishScan();
            walker.Position = reader.Position;
            // One-component scans count block rows; libjpeg's iMCU row holds V of them.
            progression?.Ended(scan.Components.Length == 1 ? decoder.LastGoodRow / scan.Components[0].V : decoder.LastGoodRow);
            if (reader.HitEnd)
            {
                truncated = true;
                break;
            }

            progression?.Completed(scan);
        }

        return new ScanWalk(progression, truncated || walker.Truncated);
    }

    /// <summary>
    /// True when <paramref name="scan"/> carries every component of a sequential frame: it is then the whole image,
    /// decoded as it goes, and later scans change nothing.
    /// </summary>
    internal static bool IsSingleScan(JpegFrame frame, JpegScanHeader scan) =>
        !frame.Progressive && scan.Components.Length == frame.Components.Length;

    internal static ImageInfo ToInfo(JpegHeaders headers, JpegFrame frame)
    {
        ColorType colorType = headers.ColorType(frame);
        return new ImageInfo
        {
            Format = ImageFormat.Jpeg,
            Width = frame.Width,
            Height = frame.Height,
            BitDepth = 8,
            ColorType = colorType,
            Channels = frame.Components.Length,
            Progressive = frame.Progressive,
            ChromaSubsampling = colorType == ColorType.Gray ? null : Subsampling(frame.Components),
            ExifOrientation = headers.ExifOrientation,
        };
    }

    /// <summary>The usual J:a:b name of the luma-to-chroma ratio, or the factors themselves when unusual.</summary>
    private static string Subsampling(JpegComponent[] c)
    {
        bool chromaAlike = c[1].H == c[2].H && c[1].V == c[2].V;
        string? name = !chromaAlike || c[0].H % c[1].H != 0 || c[0].V % c[1].V != 0
            ? null
            : (c[0].H / c[1].H, c[0].V / c[1].V) switch
            {
                (1, 1) => "4:4:4",
                (2, 1) => "4:2:2",
                (2, 2) => "4:2:0",
                (1, 2) => "4:4:0",
                (4, 1) => "4:1:1",
                (4, 2) => "4:1:0",
                _ => null,
            };
        return name ?? string.Join(",", c.Select(x => $"{x.H}x{x.V}"));
    }

    /// <summary>What walking the scans learnt: the progression's state (null for a sequential frame) and whether the data ran out.</summary>
    internal sealed record ScanWalk(ProgressionTracker? Progression, bool Truncated)
    {
        /// <summary>True for a progressive frame some coefficient of which never reached full precision (cut or short of scans).</summary>
        public bool IsProgressionIncomplete(JpegFrame frame) => frame.Progressive && (Progression?.IsIncomplete ?? true);
    }
}
