using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Likeness.Imaging.Codecs.WebP.Lossy;

/// <summary>
/// Decodes a VP8 key frame (the bitstream of a lossy WebP) into Y, U and V planes: macroblock modes from the first
/// partition, coefficients from the token partitions, intra prediction and inverse transforms on a small work
/// buffer laid out like libwebp's (so edge samples match exactly), then the loop filter, a macroblock row at a time:
/// the whole decode runs every row into whole planes, a read by rows (<see cref="WebPLossyRowStream"/>) runs them one
/// by one into a window (<see cref="Vp8Planes.Window"/>).
/// </summary>
internal sealed class Vp8Decoder
{
    // Work buffer: a 16x16 luma block with one row above, four columns to the left and four to the right (the
    // top-right samples 4x4 prediction reads), then the two 8x8 chroma blocks side by side.
    private const int Bps = Vp8Predictor.Stride;
    private const int YOff = Bps + 8;
    private const int UOff = YOff + (16 * Bps) + Bps;
    private const int VOff = UOff + 16;
    private const int WorkSize = (Bps * 17) + (Bps * 9);

    private readonly Vp8FrameHeader _header;
    private readonly Vp8BoolDecoder[] _partitions;
    private readonly int _mbW;
    private readonly int _mbH;
    private readonly byte[] _work = new byte[WorkSize];
    private readonly short[] _coeffs = new short[Vp8Residuals.CoeffCount];
    private readonly byte[] _modes = new byte[16];
    private readonly byte[] _intraTop;
    private readonly int[] _nzTop;
    private readonly byte[] _topY;
    private readonly byte[] _topU;
    private readonly byte[] _topV;
    private readonly Vp8FilterParams[] _rowFilters;
    private readonly bool _vectorFilter;
    private Vp8BoolDecoder _reader;

    private Vp8Decoder(Vp8BoolDecoder reader, Vp8FrameHeader header, Vp8BoolDecoder[] partitions, int width, int height, SimdLevel level)
    {
        _vectorFilter = level >= SimdLevel.Vector128 && Vp8LoopFilterVector.IsSupported;
        _reader = reader;
        _header = header;
        _partitions = partitions;
        _mbW = (width + 15) >> 4;
        _mbH = (height + 15) >> 4;
        _intraTop = new byte[4 * _mbW];
        _nzTop = new int[_mbW];
        _topY = new byte[16 * _mbW];
        _topU = new byte[8 * _mbW];
        _topV = new byte[8 * _mbW];
        _rowFilters = new Vp8FilterParams[_mbW];
    }

    /// <summary>
    /// Decodes the VP8 chunk payload <paramref name="data"/>[<paramref name="offset"/>..+<paramref name="length"/>]
    /// whole; <paramref name="level"/> picks the loop filter's vector path (any level gives the same pixels).
    /// </summary>
    public static Vp8Planes Decode(byte[] data, int offset, int length, int width, int height, SimdLevel level) =>
        Decode(data.AsSpan(offset, length), width, height, level);

    /// <summary>Decodes the VP8 chunk payload <paramref name="payload"/> whole (see the other overload).</summary>
    public static unsafe Vp8Planes Decode(ReadOnlySpan<byte> payload, int width, int height, SimdLevel level)
    {
        fixed (byte* data = payload)
        {
            Vp8Decoder decoder = Start(data, payload.Length, width, height, level);
            var planes = new Vp8Planes(width, height);
            try
            {
                for (int mbY = 0; mbY < decoder.MacroblockRows; mbY++)
                {
                    decoder.DecodeRow(planes, mbY);
                }

                return planes;
            }
            catch
            {
                planes.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Reads the frame header of the VP8 chunk payload at <paramref name="data"/> (<paramref name="length"/> bytes,
    /// pinned by the caller for as long as the decoder is used): the decoder then takes its macroblock rows in order
    /// with <see cref="DecodeRow"/>.
    /// </summary>
    public static unsafe Vp8Decoder Start(byte* data, int length, int width, int height, SimdLevel level)
    {
        if (length < 10)
        {
            throw InvalidImageException.Corrupt($"The WebP VP8 chunk is {length} bytes; its header needs 10.");
        }

        int tag = data[0] | (data[1] << 8) | (data[2] << 16);
        int firstPartition = tag >> 5;
        int start = 10;
        int end = length;
        if (firstPartition > end - start)
        {
            throw InvalidImageException.Truncated(
                $"The WebP lossy header declares a first partition of {firstPartition:N0} bytes but only {end - start:N0} remain.");
        }

        var reader = new Vp8BoolDecoder(data, start, firstPartition);
        Vp8FrameHeader header = Vp8FrameHeader.Read(ref reader, data, start + firstPartition, end, out Vp8BoolDecoder[] partitions);
        return new Vp8Decoder(reader, header, partitions, width, height, level);
    }

    /// <summary>Macroblock rows in the frame.</summary>
    public int MacroblockRows => _mbH;

    /// <summary>
    /// Decodes macroblock row <paramref name="mbY"/> (the one after the last decoded) into <paramref name="planes"/>,
    /// then loop-filters it, which also changes the last rows of the row above.
    /// </summary>
    public void DecodeRow(Vp8Planes planes, int mbY)
    {
        planes.Hold(mbY);
        Span<byte> intraLeft = stackalloc byte[4];
        intraLeft.Clear();
        ref Vp8BoolDecoder tokens = ref _partitions[mbY & (_header.PartitionCount - 1)];
        int nzLeft = 0;
        InitRowBorders(mbY);
        for (int mbX = 0; mbX < _mbW; mbX++)
        {
            DecodeMacroblock(planes, ref tokens, mbX, mbY, intraLeft, ref nzLeft);
        }

        if (_reader.IsPastEnd)
        {
            throw InvalidImageException.Truncated("The WebP lossy data ends inside its macroblock modes.");
        }

        if (tokens.IsPastEnd)
        {
            throw InvalidImageException.Truncated("The WebP lossy data ends inside its coefficients.");
        }

        if (_header.FilterType > 0)
        {
            for (int mbX = 0; mbX < _mbW; mbX++)
            {
                if (_vectorFilter)
                {
                    Vp8LoopFilterVector.FilterMacroblock(planes, mbX, mbY, _header.FilterType, _rowFilters[mbX]);
                }
                else
                {
                    Vp8LoopFilter.FilterMacroblock(planes, mbX, mbY, _header.FilterType, _rowFilters[mbX]);
                }
            }
        }
    }

    /// <summary>Left borders are 129; the row above the frame is 127, and the corner above-left of a later row is 129.</summary>
    private void InitRowBorders(int mbY)
    {
        byte[] w = _work;
        for (int j = 0; j < 16; j++)
        {
            w[YOff + (j * Bps) - 1] = 129;
        }

        for (int j = 0; j < 8; j++)
        {
            w[UOff + (j * Bps) - 1] = 129;
            w[VOff + (j * Bps) - 1] = 129;
        }

        if (mbY > 0)
        {
            w[YOff - Bps - 1] = 129;
            w[UOff - Bps - 1] = 129;
            w[VOff - Bps - 1] = 129;
        }
        else
        {
            w.AsSpan(YOff - Bps - 1, 16 + 4 + 1).Fill(127);
            w.AsSpan(UOff - Bps - 1, 8 + 1).Fill(127);
            w.AsSpan(VOff - Bps - 1, 8 + 1).Fill(127);
        }
    }

    private void DecodeMacroblock(Vp8Planes planes, ref Vp8BoolDecoder tokens, int mbX, int mbY, Span<byte> intraLeft, ref int nzLeft)
    {
        ref Vp8BoolDecoder br = ref _reader;
        int segment = 0;
        if (_header.UpdateSegmentMap)
        {
            byte[] sp = _header.SegmentProbabilities;
            segment = br.GetBit(sp[0]) == 0 ? br.GetBit(sp[1]) : br.GetBit(sp[2]) + 2;
        }

        bool skip = _header.UseSkipProbability && br.GetBit(_header.SkipProbability) != 0;
        bool is4x4 = br.GetBit(145) == 0;
        int lumaMode = 0;
        Span<byte> top = _intraTop.AsSpan(4 * mbX, 4);
        if (!is4x4)
        {
            lumaMode = br.GetBit(156) != 0
                ? (br.GetBit(128) != 0 ? Vp8Mode.TrueMotion : Vp8Mode.Horizontal)
                : (br.GetBit(163) != 0 ? Vp8Mode.Vertical : Vp8Mode.Dc);
            top.Fill((byte)lumaMode);
            intraLeft.Fill((byte)lumaMode);
        }
        else
        {
            ReadSubblockModes(ref br, top, intraLeft);
        }

        int chromaMode = br.GetBit(142) == 0 ? Vp8Mode.Dc
            : br.GetBit(114) == 0 ? Vp8Mode.Vertical
            : br.GetBit(183) != 0 ? Vp8Mode.TrueMotion : Vp8Mode.Horizontal;

        uint nonZero = 0;
        uint acMask = 0;
        if (!skip)
        {
            nonZero = Vp8Residuals.Parse(
                ref tokens, _header.CoeffProbabilities, _header.Quantizers[segment], is4x4, _coeffs, ref _nzTop[mbX], ref nzLeft, out acMask);
        }
        else
        {
            // A skipped macroblock has no coefficients; a 4x4 one keeps the Y2 context it never used.
            int keep = is4x4 ? 0x100 : 0;
            _nzTop[mbX] &= keep;
            nzLeft &= keep;
        }

        if (_header.FilterType > 0)
        {
            Vp8FilterParams f = _header.FilterParams[segment, is4x4 ? 1 : 0];
            _rowFilters[mbX] = f with { Inner = f.Inner || nonZero != 0 };
        }

        Reconstruct(planes, mbX, mbY, is4x4, lumaMode, chromaMode, nonZero, acMask);
    }

    private void ReadSubblockModes(ref Vp8BoolDecoder br, Span<byte> top, Span<byte> left)
    {
        ReadOnlySpan<byte> probabilities = Vp8Tables.SubblockModeProbabilities;
        ReadOnlySpan<sbyte> tree = Vp8Mode.SubblockTree;
        for (int y = 0; y < 4; y++)
        {
            int mode = left[y];
            for (int x = 0; x < 4; x++)
            {
                ReadOnlySpan<byte> p = probabilities.Slice(((top[x] * 10) + mode) * 9, 9);
                int i = tree[br.GetBit(p[0])];
                while (i > 0)
                {
                    i = tree[(2 * i) + br.GetBit(p[i])];
                }

                mode = -i;
                top[x] = (byte)mode;
                _modes[(y * 4) + x] = (byte)mode;
            }

            left[y] = (byte)mode;
        }
    }

    private void Reconstruct(Vp8Planes planes, int mbX, int mbY, bool is4x4, int lumaMode, int chromaMode, uint nonZero, uint acMask)
    {
        byte[] w = _work;
        if (mbX > 0)
        {
            // The left neighbours are the previous macroblock's last column (unfiltered), the row above included.
            for (int j = -1; j < 16; j++)
            {
                w[YOff + (j * Bps) - 1] = w[YOff + (j * Bps) + 15];
            }

            for (int j = -1; j < 8; j++)
            {
                w[UOff + (j * Bps) - 1] = w[UOff + (j * Bps) + 7];
                w[VOff + (j * Bps) - 1] = w[VOff + (j * Bps) + 7];
            }
        }

        if (mbY > 0)
        {
            Array.Copy(_topY, mbX * 16, w, YOff - Bps, 16);
            Array.Copy(_topU, mbX * 8, w, UOff - Bps, 8);
            Array.Copy(_topV, mbX * 8, w, VOff - Bps, 8);
        }

        Span<short> coeffs = _coeffs;
        if (is4x4)
        {
            int topRight = YOff - Bps + 16;
            if (mbY > 0)
            {
                if (mbX >= _mbW - 1)
                {
                    w.AsSpan(topRight, 4).Fill(_topY[(mbX * 16) + 15]);
                }
                else
                {
                    Array.Copy(_topY, (mbX + 1) * 16, w, topRight, 4);
                }
            }

            // Blocks on the right column of rows 1 to 3 see the macroblock's top-right samples, not decoded ones.
            for (int r = 1; r < 4; r++)
            {
                Array.Copy(w, topRight, w, topRight + (r * 4 * Bps), 4);
            }

            for (int n = 0; n < 16; n++)
            {
                int dst = YOff + ((n >> 2) * 4 * Bps) + ((n & 3) * 4);
                Vp8Predictor.Luma4(w, dst, _modes[n]);
                AddResidual(coeffs, n, dst, nonZero, acMask);
            }
        }
        else
        {
            Vp8Predictor.Luma16(w, YOff, Vp8Mode.ForPosition(lumaMode, mbX, mbY));
            if ((nonZero & 0xFFFF) != 0)
            {
                for (int n = 0; n < 16; n++)
                {
                    AddResidual(coeffs, n, YOff + ((n >> 2) * 4 * Bps) + ((n & 3) * 4), nonZero, acMask);
                }
            }
        }

        int chroma = Vp8Mode.ForPosition(chromaMode, mbX, mbY);
        Vp8Predictor.Chroma8(w, UOff, chroma);
        Vp8Predictor.Chroma8(w, VOff, chroma);
        for (int n = 0; n < 4; n++)
        {
            int o = ((n >> 1) * 4 * Bps) + ((n & 1) * 4);
            AddResidual(coeffs, 16 + n, UOff + o, nonZero, acMask);
            AddResidual(coeffs, 20 + n, VOff + o, nonZero, acMask);
        }

        // Keep the unfiltered bottom row for the next macroblock row's prediction.
        ref byte work = ref MemoryMarshal.GetArrayDataReference(w);
        Copy16(ref Unsafe.Add(ref work, YOff + (15 * Bps)), ref _topY[mbX * 16]);
        Copy8(ref Unsafe.Add(ref work, UOff + (7 * Bps)), ref _topU[mbX * 8]);
        Copy8(ref Unsafe.Add(ref work, VOff + (7 * Bps)), ref _topV[mbX * 8]);

        ref byte y = ref planes.Y[planes.YIndex(mbY * 16) + (mbX * 16)];
        for (int j = 0; j < 16; j++)
        {
            Copy16(ref Unsafe.Add(ref work, YOff + (j * Bps)), ref Unsafe.Add(ref y, j * planes.YStride));
        }

        int uvDst = planes.UvIndex(mbY * 8) + (mbX * 8);
        ref byte u = ref planes.U[uvDst];
        ref byte v = ref planes.V[uvDst];
        for (int j = 0; j < 8; j++)
        {
            Copy8(ref Unsafe.Add(ref work, UOff + (j * Bps)), ref Unsafe.Add(ref u, j * planes.UvStride));
            Copy8(ref Unsafe.Add(ref work, VOff + (j * Bps)), ref Unsafe.Add(ref v, j * planes.UvStride));
        }
    }

    // The planes are sized in whole macroblocks, so a macroblock's rows always fit; the first element of each
    // destination row was bounds-checked above.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy16(ref byte from, ref byte to) => Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<Vector128<byte>>(ref from));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy8(ref byte from, ref byte to) => Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<ulong>(ref from));

    private void AddResidual(Span<short> coeffs, int block, int dst, uint nonZero, uint acMask)
    {
        uint bit = 1u << block;
        if ((nonZero & bit) == 0)
        {
            return;
        }

        if ((acMask & bit) != 0)
        {
            Vp8Idct.AddInverseDct(coeffs.Slice(block * 16, 16), _work.AsSpan(dst), Bps);
        }
        else
        {
            Vp8Idct.AddDcOnly(coeffs[block * 16], _work.AsSpan(dst), Bps);
        }
    }
}
