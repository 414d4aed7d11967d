namespace Likeness.Imaging.Codecs.WebP.Lossy;

/// <summary>
/// What the first partition of a VP8 key frame says before the macroblocks (RFC 6386 sections 9.3 to 9.11): the
/// segments, the loop filter, the partitions, the dequantisation factors and the coefficient probabilities.
/// </summary>
internal sealed class Vp8FrameHeader
{
    public const int SegmentCount = 4;
    private const int CoeffProbabilityCount = 4 * 8 * 3 * 11;

    /// <summary>Whether macroblocks carry a segment id (else every macroblock is segment 0).</summary>
    public bool UpdateSegmentMap { get; private set; }

    /// <summary>The three tree probabilities of the segment id.</summary>
    public byte[] SegmentProbabilities { get; } = [255, 255, 255];

    /// <summary>0: no loop filter, 1: simple, 2: normal.</summary>
    public int FilterType { get; private set; }

    /// <summary>Per segment, then 16x16 (0) or 4x4 (1): the loop-filter parameters.</summary>
    public Vp8FilterParams[,] FilterParams { get; } = new Vp8FilterParams[SegmentCount, 2];

    /// <summary>Per segment: the dequantisation factors.</summary>
    public Vp8Quantizer[] Quantizers { get; } = new Vp8Quantizer[SegmentCount];

    /// <summary>Coefficient probabilities: [type 4][band 8][context 3][node 11], flattened.</summary>
    public byte[] CoeffProbabilities { get; } = new byte[CoeffProbabilityCount];

    /// <summary>Whether each macroblock says if it has no coefficients.</summary>
    public bool UseSkipProbability { get; private set; }

    /// <summary>The probability of that flag.</summary>
    public int SkipProbability { get; private set; }

    /// <summary>The number of token partitions (1, 2, 4 or 8).</summary>
    public int PartitionCount { get; private set; }

    /// <summary>
    /// Reads the header from <paramref name="reader"/> (positioned after the key-frame start bytes) and sets up the
    /// token partitions that follow the first partition in <paramref name="data"/>.
    /// </summary>
    public static unsafe Vp8FrameHeader Read(ref Vp8BoolDecoder reader, byte* data, int partitionsStart, int end, out Vp8BoolDecoder[] partitions)
    {
        var header = new Vp8FrameHeader();
        reader.GetFlag(); // colour space: libwebp ignores it
        reader.GetFlag(); // clamping type: output is always clamped
        var segments = SegmentHeader.Read(ref reader, header.SegmentProbabilities);
        header.UpdateSegmentMap = segments.UpdateMap;
        FilterHeader filter = FilterHeader.Read(ref reader);
        partitions = ReadPartitions(ref reader, data, partitionsStart, end, out int count);
        header.PartitionCount = count;
        header.ReadQuantizers(ref reader, segments);
        reader.GetFlag(); // "refresh entropy probabilities": meaningless for a single key frame
        header.ReadCoeffProbabilities(ref reader);
        header.UseSkipProbability = reader.GetFlag();
        if (header.UseSkipProbability)
        {
            header.SkipProbability = reader.GetValue(8);
        }

        header.SetFilterParams(filter, segments);
        return header;
    }

    private static unsafe Vp8BoolDecoder[] ReadPartitions(ref Vp8BoolDecoder reader, byte* data, int start, int end, out int count)
    {
        count = 1 << reader.GetValue(2);
        int sizes = start;
        int partStart = start + (3 * (count - 1));
        if (partStart > end)
        {
            throw InvalidImageException.Truncated("The WebP lossy data ends inside its partition sizes.");
        }

        var partitions = new Vp8BoolDecoder[count];
        int left = end - partStart;
        for (int p = 0; p < count - 1; p++)
        {
            int size = data[sizes] | (data[sizes + 1] << 8) | (data[sizes + 2] << 16);
            size = Math.Min(size, left);
            partitions[p] = new Vp8BoolDecoder(data, partStart, size);
            partStart += size;
            left -= size;
            sizes += 3;
        }

        if (partStart >= end)
        {
            throw InvalidImageException.Truncated("The WebP lossy data ends before its last token partition.");
        }

        partitions[count - 1] = new Vp8BoolDecoder(data, partStart, left);
        return partitions;
    }

    private void ReadQuantizers(ref Vp8BoolDecoder reader, SegmentHeader segments)
    {
        int baseQ = reader.GetValue(7);
        int y1Dc = reader.GetFlag() ? reader.GetSignedValue(4) : 0;
        int y2Dc = reader.GetFlag() ? reader.GetSignedValue(4) : 0;
        int y2Ac = reader.GetFlag() ? reader.GetSignedValue(4) : 0;
        int uvDc = reader.GetFlag() ? reader.GetSignedValue(4) : 0;
        int uvAc = reader.GetFlag() ? reader.GetSignedValue(4) : 0;
        for (int s = 0; s < SegmentCount; s++)
        {
            int q;
            if (segments.Enabled)
            {
                q = segments.Quantizer[s] + (segments.AbsoluteDelta ? 0 : baseQ);
            }
            else if (s > 0)
            {
                Quantizers[s] = Quantizers[0];
                continue;
            }
            else
            {
                q = baseQ;
            }

            // x * 155 / 100 equals (x * 101581) >> 16 for every AC step; the Y2 AC factor is at least 8.
            Quantizers[s] = new Vp8Quantizer(
                Vp8Tables.DcQuant[Clip(q + y1Dc, 127)],
                Vp8Tables.AcQuant[Clip(q, 127)],
                Vp8Tables.DcQuant[Clip(q + y2Dc, 127)] * 2,
                Math.Max((Vp8Tables.AcQuant[Clip(q + y2Ac, 127)] * 101581) >> 16, 8),
                Vp8Tables.DcQuant[Clip(q + uvDc, 117)],
                Vp8Tables.AcQuant[Clip(q + uvAc, 127)]);
        }
    }

    private void ReadCoeffProbabilities(ref Vp8BoolDecoder reader)
    {
        ReadOnlySpan<byte> update = Vp8Tables.CoeffUpdateProbabilities;
        ReadOnlySpan<byte> defaults = Vp8Tables.DefaultCoeffProbabilities;
        for (int i = 0; i < CoeffProbabilityCount; i++)
        {
            CoeffProbabilities[i] = reader.GetBit(update[i]) != 0 ? (byte)reader.GetValue(8) : defaults[i];
        }
    }

    /// <summary>The loop-filter level, interior limit and high-edge-variance threshold of each segment and block kind.</summary>
    private void SetFilterParams(FilterHeader filter, SegmentHeader segments)
    {
        // A frame-level strength of 0 turns the filter off, whatever the segments say (libwebp).
        FilterType = filter.Level == 0 ? 0 : filter.Simple ? 1 : 2;
        if (FilterType == 0)
        {
            return;
        }

        for (int s = 0; s < SegmentCount; s++)
        {
            int baseLevel = segments.Enabled
                ? segments.FilterStrength[s] + (segments.AbsoluteDelta ? 0 : filter.Level)
                : filter.Level;
            for (int i4x4 = 0; i4x4 <= 1; i4x4++)
            {
                int level = baseLevel;
                if (filter.UseDeltas)
                {
                    // Key frames are intra: reference frame 0, and mode delta 0 applies to 4x4 (B_PRED) macroblocks.
                    level += filter.RefDeltas[0];
                    if (i4x4 == 1)
                    {
                        level += filter.ModeDeltas[0];
                    }
                }

                level = Clip(level, 63);
                if (level == 0)
                {
                    FilterParams[s, i4x4] = new Vp8FilterParams(0, 0, 0, i4x4 == 1);
                    continue;
                }

                int interior = level;
                if (filter.Sharpness > 0)
                {
                    interior >>= filter.Sharpness > 4 ? 2 : 1;
                    interior = Math.Min(interior, 9 - filter.Sharpness);
                }

                interior = Math.Max(interior, 1);
                int hevThreshold = level >= 40 ? 2 : level >= 15 ? 1 : 0;
                FilterParams[s, i4x4] = new Vp8FilterParams((2 * level) + interior, interior, hevThreshold, i4x4 == 1);
            }
        }
    }

    private static int Clip(int v, int max) => v < 0 ? 0 : v > max ? max : v;

    private readonly record struct SegmentHeader(bool Enabled, bool UpdateMap, bool AbsoluteDelta, int[] Quantizer, int[] FilterStrength)
    {
        public static SegmentHeader Read(ref Vp8BoolDecoder reader, byte[] probabilities)
        {
            int[] quantizer = new int[SegmentCount];
            int[] strength = new int[SegmentCount];
            bool enabled = reader.GetFlag();
            bool updateMap = false;
            bool absolute = false;
            if (enabled)
            {
                updateMap = reader.GetFlag();
                if (reader.GetFlag())
                {
                    absolute = reader.GetFlag();
                    for (int s = 0; s < SegmentCount; s++)
                    {
                        quantizer[s] = reader.GetFlag() ? reader.GetSignedValue(7) : 0;
                    }

                    for (int s = 0; s < SegmentCount; s++)
                    {
                        strength[s] = reader.GetFlag() ? reader.GetSignedValue(6) : 0;
                    }
                }

                if (updateMap)
                {
                    for (int i = 0; i < 3; i++)
                    {
                        probabilities[i] = reader.GetFlag() ? (byte)reader.GetValue(8) : (byte)255;
                    }
                }
            }

            return new SegmentHeader(enabled, updateMap, absolute, quantizer, strength);
        }
    }

    private readonly record struct FilterHeader(bool Simple, int Level, int Sharpness, bool UseDeltas, int[] RefDeltas, int[] ModeDeltas)
    {
        public static FilterHeader Read(ref Vp8BoolDecoder reader)
        {
            bool simple = reader.GetFlag();
            int level = reader.GetValue(6);
            int sharpness = reader.GetValue(3);
            bool useDeltas = reader.GetFlag();
            int[] refDeltas = new int[4];
            int[] modeDeltas = new int[4];
            if (useDeltas && reader.GetFlag())
            {
                for (int i = 0; i < 4; i++)
                {
                    if (reader.GetFlag())
                    {
                        refDeltas[i] = reader.GetSignedValue(6);
                    }
                }

                for (int i = 0; i < 4; i++)
                {
                    if (reader.GetFlag())
                    {
                        modeDeltas[i] = reader.GetSignedValue(6);
                    }
                }
            }

            return new FilterHeader(simple, level, sharpness, useDeltas, refDeltas, modeDeltas);
        }
    }
}

/// <summary>Dequantisation factors of one segment: DC and AC for Y, Y2 (the 16x16 DC block) and chroma.</summary>
internal readonly record struct Vp8Quantizer(int Y1Dc, int Y1Ac, int Y2Dc, int Y2Ac, int UvDc, int UvAc);

/// <summary>
/// Loop-filter parameters: the edge limit (2 × level + interior; macroblock edges add 4), the interior limit, the
/// high-edge-variance threshold, and whether inner edges are filtered. A limit of 0 means no filtering.
/// </summary>
internal readonly record struct Vp8FilterParams(int Limit, int Interior, int HevThreshold, bool Inner);
