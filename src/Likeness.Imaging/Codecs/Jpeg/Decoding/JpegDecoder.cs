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
        OutputStage? output = null;
        bool truncated = false;
        bool finalScanDone = false;
        int threads = 1;
        ProgressionTracker? progression = null;
        try
        {
            while (walker.NextScan(data, started: output is not null) is { } scan)
            {
                if (finalScanDone)
                {
                    continue; // A single-scan sequential image is already complete; later scans change nothing.
                }

                JpegFrame frame = headers.Frame!;
                walker.LatchQuantTables(scan);
                bool streaming = IsSingleScan(frame, scan);
                if (output is null)
                {
                    threads = (long)frame.Width * frame.Height >= ParallelThresholdPixels ? Math.Max(1, maxThreads) : 1;
                    output = new OutputStage(frame, headers.ColorType(frame), clearCoefficients: !streaming);
                }

                if (frame.Progressive)
                {
                    progression ??= new ProgressionTracker(frame.Components.Length);
                    progression.Started(scan);
                }

                var decoder = new ScanDecoder(
                    new BitReader(data, walker.Position), frame, scan, headers.DcTables, headers.AcTables, output.Coefficients, headers.RestartInterval);
                if (streaming && threads > 1)
                {
                    using var pipeline = new PipelinedOutput(output);
                    decoder.Decode(pipeline.Publish);
                    pipeline.Complete();
                }
                else
                {
                    decoder.Decode(streaming ? output.Advance : null);
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

            truncated |= walker.Truncated;
            if (output is null)
            {
                throw walker.NoImageData();
            }

            output.Smoothing = BlockSmoothing.For(headers.Frame!, progression);
            output.Finish(threads);
            return new DecodedImage(output.TakeImage(), ToInfo(headers, headers.Frame!), truncated)
            {
                IsProgressionIncomplete = headers.Frame!.Progressive && (progression?.IsIncomplete ?? true),
            };
        }
        finally
        {
            output?.Dispose();
        }
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
}
